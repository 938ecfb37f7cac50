// Issue 10, findings 1, 3 and 4: sign-in limits that hold under concurrency,
// a sign-in form that cannot fill the database, and an owner who is not
// locked out by someone else's guesses. Over real HTTP, on both databases.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { LOGIN_LIMITS } from '../../src/domain/accounts/account-service.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { rawRows, tableNames } from '../helpers/raw-sql.js'
import { AdminClient, createStaff, type AdminPage } from './admin-session.js'

async function setup(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  return { ctx, server }
}

function problemText(page: AdminPage): string {
  return page.document.querySelector('.problem')?.text.trim() ?? ''
}

/** Every row of every table but the audit log, as text: what a sign-in may have left behind. */
async function storedText(ctx: TestAppContext): Promise<string> {
  const parts: string[] = []
  for (const table of await tableNames(ctx)) {
    if (table === 'audit_events') continue
    parts.push(JSON.stringify(await rawRows(ctx, `select * from ${table}`)))
  }
  return parts.join('\n')
}

/** Rows in every table but the audit log (which is kept on purpose). */
async function rowCount(ctx: TestAppContext): Promise<number> {
  let count = 0
  for (const table of await tableNames(ctx)) {
    if (table === 'audit_events') continue
    const [row] = await rawRows<{ n: number | string }>(ctx, `select count(*) as n from ${table}`)
    count += Number(row?.n ?? 0)
  }
  return count
}

async function failedSignIns(ctx: TestAppContext): Promise<number> {
  const { items } = await ctx.services.audit.list(COMMAND_LINE, 1, 200)
  return items.filter((event) => event.action === 'login_failed').length
}

for (const dialect of testDialects()) {
  describe(`sign-in limits and storage (${dialect})`, () => {
    test('60 concurrent guesses at one account get at most the limit checked; the right password after them is refused', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const attacker = new AdminClient(server.url)
      await attacker.get('/admin/login')
      const guesses = Array.from({ length: 60 }, (_, index) =>
        index === 59 ? editor.password : `wrong guess number ${index}`,
      )
      // All at once: each request is on the wire before any answer comes back.
      const pages = await Promise.all(
        guesses.map((password) =>
          attacker.post('/admin/login', { email: editor.email, password, next: '/admin' }),
        ),
      )
      const statuses = pages.map((page) => page.status)
      // A 401 or a 303 is a password that was checked; a 429 one refused before any hashing.
      // (A success gives its attempt back, so a right password among the first few may let
      // one more wrong one be checked: the limit is on failures.)
      const checked = statuses.filter((status) => status === 401 || status === 303).length
      const wrongChecked = statuses.filter((status) => status === 401).length
      t.diagnostic(
        `${dialect}: ${checked} of ${guesses.length} concurrent guesses were checked (limit ${LOGIN_LIMITS.perAccount})`,
      )
      assert.deepEqual(
        statuses.filter((status) => ![401, 303, 429].includes(status)),
        [],
        'only 401, 303 and 429 answers',
      )
      assert.ok(
        wrongChecked <= LOGIN_LIMITS.perAccount,
        `${wrongChecked} wrong passwords were checked; the limit is ${LOGIN_LIMITS.perAccount}`,
      )
      assert.ok(checked <= LOGIN_LIMITS.perAccount + 1, `${checked} passwords were checked`)
      assert.ok((await failedSignIns(ctx)) <= LOGIN_LIMITS.perAccount)
      if (!statuses.includes(303)) {
        const after = await new AdminClient(server.url).signIn(editor.email, editor.password)
        assert.equal(after.status, 429, 'the right password, after the limit, is refused')
      }
    })

    test('an over-long email or password is refused with a 4xx before anything is stored or hashed', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const client = new AdminClient(server.url)
      const longEmail = `${'x'.repeat(300)}@news.example`
      const tooLongEmail = await client.signIn(longEmail, 'any password at all')
      assert.equal(tooLongEmail.status, 422)
      assert.match(problemText(tooLongEmail), /email/i)

      const longPassword = 'p'.repeat(1025)
      const tooLongPassword = await client.signIn('someone@news.example', longPassword)
      assert.equal(tooLongPassword.status, 422)
      assert.match(problemText(tooLongPassword), /password/i)

      // A body far past anything the form needs is cut off before it is read.
      const huge = await client.signIn(`${'y'.repeat(200_000)}@news.example`, 'whatever')
      assert.ok(huge.status === 413 || huge.status === 422, `got ${huge.status}`)

      const stored = await storedText(ctx)
      assert.ok(!stored.includes('x'.repeat(300)), 'the long email is not stored')
      assert.ok(!stored.includes('y'.repeat(1000)), 'the huge email is not stored')
      assert.ok(!stored.includes(longPassword))
      assert.equal(await failedSignIns(ctx), 0, 'refused input is not a failed sign-in')
    })

    test('a password typed into the email field is never stored nor shown on the audit page', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const admin = await createStaff(ctx, 'admin')
      const typed = 'Tulip-Harbour-Secret-99'
      const client = new AdminClient(server.url)
      const failed = await client.signIn(typed, 'Tulip-Harbour-Secret-99')
      assert.equal(failed.status, 401)
      const typedEmail = 'nobody.here@news.example'
      assert.equal((await client.signIn(typedEmail, 'guessing again')).status, 401)

      const stored = (await storedText(ctx)).toLowerCase()
      assert.ok(!stored.includes(typed.toLowerCase()), 'the typed text is not stored')
      assert.ok(!stored.includes(typedEmail), 'nor an email that is no account')
      const browser = new AdminClient(server.url)
      await browser.signInAs(admin)
      const audit = await browser.get('/admin/audit')
      assert.equal(audit.status, 200)
      const shown = audit.html.toLowerCase()
      assert.ok(!shown.includes(typed.toLowerCase()), 'the audit page does not show what was typed')
      assert.ok(!shown.includes(typedEmail), 'nor an email that is no account')
      const rows = audit.document.querySelectorAll('tbody tr').map((row) => row.text)
      const failures = rows.filter((row) => row.includes('Failed sign-in'))
      assert.equal(failures.length, 2, 'both failures are in the log')
      for (const row of failures) assert.match(row, /unknown account/i)
    })

    test('what failed sign-ins leave behind is pruned once their window has passed', async (t) => {
      const { ctx } = await setup(t, dialect)
      const before = await rowCount(ctx)
      for (let index = 0; index < 30; index++) {
        await assert.rejects(
          ctx.services.accounts.signIn({
            email: `stranger${index}@elsewhere.example`,
            password: 'not a password anyone has',
            ip: `198.51.100.${index}`,
          }),
          { code: 'invalid_credentials' },
        )
      }
      assert.ok((await rowCount(ctx)) > before, 'failures are counted somewhere')
      ctx.clock.advance(3 * LOGIN_LIMITS.windowMs)
      await assert.rejects(
        ctx.services.accounts.signIn({
          email: 'one.more@elsewhere.example',
          password: 'not a password anyone has',
          ip: '198.51.100.200',
        }),
        { code: 'invalid_credentials' },
      )
      const growth = (await rowCount(ctx)) - before
      assert.ok(growth <= 4, `${growth} rows are left from 31 failures, 30 of them long past`)
    })

    test('guesses from elsewhere do not lock the owner out of a browser they signed in on before', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const owner = await createStaff(ctx, 'admin')
      const laptop = new AdminClient(server.url)
      await laptop.signInAs(owner)
      assert.equal((await laptop.post('/admin/logout')).status, 303)

      const attacker = new AdminClient(server.url)
      for (let index = 0; index < LOGIN_LIMITS.perAccount; index++) {
        assert.equal((await attacker.signIn(owner.email, `guess ${index}`)).status, 401)
      }
      assert.equal((await attacker.signIn(owner.email, owner.password)).status, 429)
      // A device cookie made up by the attacker, or another browser's, exempts nothing.
      const forger = new AdminClient(server.url)
      forger.cookies.set('dl_device', `${owner.user.id}.bm9uY2Vub25jZW5vbmNl.c2lnbmF0dXJl`)
      assert.equal((await forger.signIn(owner.email, owner.password)).status, 429)

      // The owner's own browser still gets in.
      const back = await laptop.signIn(owner.email, owner.password)
      assert.equal(back.status, 303, problemText(back))
      assert.equal((await laptop.get('/admin')).status, 200)
    })

    test("the owner's browser keeps a small limit of its own", async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const owner = await createStaff(ctx, 'editor')
      const laptop = new AdminClient(server.url)
      await laptop.signInAs(owner)
      assert.equal((await laptop.post('/admin/logout')).status, 303)
      const perDevice = (LOGIN_LIMITS as { perDevice?: number }).perDevice ?? 0
      assert.ok(perDevice > 0, 'a per-device limit exists')
      for (let index = 0; index < perDevice; index++) {
        assert.equal((await laptop.signIn(owner.email, `typo ${index}`)).status, 401)
      }
      assert.equal((await laptop.signIn(owner.email, owner.password)).status, 429)
      ctx.clock.advance(LOGIN_LIMITS.windowMs)
      assert.equal((await laptop.signIn(owner.email, owner.password)).status, 303)
    })
  })
}
