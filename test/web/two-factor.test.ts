// Two-factor sign-in for staff (issue 10): set up from the account page with a
// TOTP app, confirmed by a first code, with single-use recovery codes; asked
// for after the password, under the same limits; required by admins for
// editors and admins. Codes come from the otpauth library at the test clock's
// time, so the clock is moved by hand to make them valid or stale.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { Secret, TOTP } from 'otpauth'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { LOGIN_LIMITS } from '../../src/domain/accounts/account-service.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { assertValidHtml } from '../helpers/html-validity.js'
import { rawRows, tableNames } from '../helpers/raw-sql.js'
import {
  AdminClient,
  createStaff,
  editorForm,
  fieldError,
  SESSION_COOKIE,
  type AdminPage,
  type Staff,
} from './admin-session.js'

const MINUTE = 60_000
const STEP = 30_000

async function setup(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  return { ctx, server }
}

/** What an authenticator app shows for this secret at this moment. */
function codeAt(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() })
}

function problemText(page: AdminPage): string {
  return page.document.querySelector('.problem')?.text.trim() ?? ''
}

interface Enabled {
  client: AdminClient
  secret: string
  recoveryCodes: string[]
}

/** Signs in and turns two-factor sign-in on through the account pages, as a person would. */
async function enable(ctx: TestAppContext, server: TestServer, staff: Staff): Promise<Enabled> {
  const client = new AdminClient(server.url)
  await client.signInAs(staff)
  const page = await client.get('/admin/account/two-factor')
  // A button starts the setup; one begun before (and not finished) is shown again.
  const start = page.document.querySelector('form[action="/admin/account/two-factor/setup"]')
  const shown = start ? await client.submit(start) : page
  assert.equal(shown.status, 200)
  const secret = (shown.document.querySelector('code.secret-key')?.text ?? '').replace(/\s+/g, '')
  assert.match(secret, /^[A-Z2-7]{32}$/, 'the key is shown as text')
  const uri = shown.document.querySelector('code.otpauth-uri')?.text ?? ''
  assert.ok(uri.startsWith('otpauth://totp/'), uri)
  assert.equal(new URL(uri).searchParams.get('secret'), secret)
  ctx.clock.advance(STEP)
  const confirm = shown.document.querySelector('form[action="/admin/account/two-factor/confirm"]')
  assert.ok(confirm)
  const done = await client.submit(confirm, { code: codeAt(secret, ctx.clock.now()) })
  assert.equal(done.status, 200, problemText(done))
  const recoveryCodes = done.document.querySelectorAll('.recovery-codes code').map((c) => c.text)
  return { client, secret, recoveryCodes }
}

/** Signs in with the password only: the code page, and no session yet. */
async function passwordStep(
  server: TestServer,
  staff: Staff,
  client = new AdminClient(server.url),
) {
  const page = await client.signIn(staff.email, staff.password)
  assert.equal(page.status, 200, problemText(page))
  assert.ok(page.document.querySelector('form[action="/admin/login/code"]'), 'the code page')
  return { client, page }
}

async function auditActions(ctx: TestAppContext): Promise<string[]> {
  const { items } = await ctx.services.audit.list(COMMAND_LINE, 1, 200)
  return items.map((event) => event.action)
}

for (const dialect of testDialects()) {
  describe(`two-factor sign-in (${dialect})`, () => {
    test('set up from the account page: a key and an otpauth address as text, a first code, ten recovery codes kept only as keyed hashes', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      await client.signInAs(editor)
      const start = await client.post('/admin/account/two-factor/setup')
      const confirm = start.document.querySelector(
        'form[action="/admin/account/two-factor/confirm"]',
      )
      assert.ok(confirm)
      const wrong = await client.submit(confirm, { code: '000000' })
      assert.equal(wrong.status, 422)
      assert.ok(fieldError(wrong, 'code'))
      assert.equal(await ctx.services.twoFactor.isOn(editor.user.id), false)

      const { secret, recoveryCodes } = await enable(ctx, server, editor)
      assert.equal(recoveryCodes.length, 10)
      assert.equal(new Set(recoveryCodes).size, 10)
      for (const code of recoveryCodes) assert.match(code, /^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/)
      assert.equal(await ctx.services.twoFactor.isOn(editor.user.id), true)
      // Neither the key nor the recovery codes are in the database as they are.
      for (const table of await tableNames(ctx)) {
        const rows = JSON.stringify(await rawRows(ctx, `select * from ${table}`)).toLowerCase()
        assert.ok(!rows.includes(secret.toLowerCase()), `the key is not stored in ${table}`)
        for (const code of recoveryCodes) assert.ok(!rows.includes(code), `nor a code in ${table}`)
      }
      assert.ok((await auditActions(ctx)).includes('two_factor_enabled'))
      const account = await client.get('/admin/account/two-factor')
      assert.match(account.document.querySelector('main')?.text ?? '', /on/)
    })

    test('signing in asks for a code: a stale one is refused, the right one signs in, and no code works twice', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const { secret } = await enable(ctx, server, editor)

      const { client, page } = await passwordStep(server, editor)
      assert.equal((await client.get('/admin')).status, 303, 'no way in on the password alone')
      const form = page.document.querySelector('form[action="/admin/login/code"]')
      assert.ok(form)
      const stale = codeAt(secret, new Date(ctx.clock.now().getTime() - 3 * STEP))
      const refused = await client.submit(form, { code: stale })
      assert.equal(refused.status, 422)
      assert.ok(fieldError(refused, 'code'))
      ctx.clock.advance(STEP)
      const code = codeAt(secret, ctx.clock.now())
      const signedIn = await client.submit(form, { code })
      assert.equal(signedIn.status, 303, problemText(signedIn))
      assert.equal(signedIn.location, '/admin')
      assert.equal((await client.get('/admin')).status, 200)

      // The same code again, within its 30 seconds, from another browser: refused.
      const again = await passwordStep(server, editor)
      const reused = await again.client.submit(
        again.page.document.querySelector('form[action="/admin/login/code"]')!,
        { code },
      )
      assert.equal(reused.status, 422)
      ctx.clock.advance(STEP)
      const next = await again.client.submit(
        again.page.document.querySelector('form[action="/admin/login/code"]')!,
        { code: codeAt(secret, ctx.clock.now()) },
      )
      assert.equal(next.status, 303)

      // A half-open sign-in ends after a few minutes.
      const slow = await passwordStep(server, editor)
      ctx.clock.advance(6 * MINUTE)
      const late = await slow.client.submit(
        slow.page.document.querySelector('form[action="/admin/login/code"]')!,
        { code: codeAt(secret, ctx.clock.now()) },
      )
      assert.equal(late.status, 401)
      assert.ok(late.document.querySelector('form[action="/admin/login"]'), 'sign in again')
    })

    test('recovery codes sign in once each; new ones replace the old', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const { client, recoveryCodes } = await enable(ctx, server, editor)
      const [first = '', second = ''] = recoveryCodes

      const one = await passwordStep(server, editor)
      const form = one.page.document.querySelector('form[action="/admin/login/code"]')!
      assert.equal((await one.client.submit(form, { code: first.toUpperCase() })).status, 303)
      const two = await passwordStep(server, editor)
      const again = await two.client.submit(
        two.page.document.querySelector('form[action="/admin/login/code"]')!,
        { code: first },
      )
      assert.equal(again.status, 422, 'a recovery code works once')
      const left = await client.get('/admin/account/two-factor')
      assert.match(left.document.querySelector('main')?.text ?? '', /9 unused recovery codes/)

      const fresh = await client.post('/admin/account/two-factor/recovery-codes')
      assert.equal(fresh.status, 200)
      const codes = fresh.document.querySelectorAll('.recovery-codes code').map((c) => c.text)
      assert.equal(codes.length, 10)
      const three = await passwordStep(server, editor)
      const old = await three.client.submit(
        three.page.document.querySelector('form[action="/admin/login/code"]')!,
        { code: second },
      )
      assert.equal(old.status, 422, 'the old codes stopped working')
      assert.ok((await auditActions(ctx)).includes('recovery_codes_generated'))
    })

    test('concurrent wrong codes get at most the limit checked; the right code after them is refused', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const { secret } = await enable(ctx, server, editor)
      const { client } = await passwordStep(server, editor)
      const wrong = (index: number) => String(100000 + index * 7919).slice(0, 6)
      ctx.clock.advance(STEP)
      const right = codeAt(secret, ctx.clock.now())
      const guesses = Array.from({ length: 40 }, (_, index) => wrong(index)).filter(
        (code) => code !== right,
      )
      const pages = await Promise.all(
        guesses.map((code) => client.post('/admin/login/code', { code, next: '/admin' })),
      )
      const checked = pages.filter((page) => page.status === 422).length
      t.diagnostic(`${dialect}: ${checked} of ${guesses.length} concurrent codes were checked`)
      assert.ok(checked <= LOGIN_LIMITS.perAccount, `${checked} codes were checked`)
      assert.ok(pages.every((page) => page.status === 422 || page.status === 429))
      const after = await client.post('/admin/login/code', { code: right, next: '/admin' })
      assert.equal(after.status, 429)
      assert.equal(client.cookies.has(SESSION_COOKIE), true, 'still only half signed in')
      assert.equal((await client.get('/admin')).status, 303)
    })

    test('turning it off needs the password; an admin can turn it off for someone; each change is audited', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const admin = await createStaff(ctx, 'admin')
      const { client } = await enable(ctx, server, editor)
      const wrong = await client.post('/admin/account/two-factor/disable', {
        password: 'not the password at all',
      })
      assert.equal(wrong.status, 422)
      assert.equal(await ctx.services.twoFactor.isOn(editor.user.id), true)
      const off = await client.post('/admin/account/two-factor/disable', {
        password: editor.password,
      })
      assert.equal(off.status, 303)
      assert.equal(await ctx.services.twoFactor.isOn(editor.user.id), false)

      await enable(ctx, server, editor)
      const boss = new AdminClient(server.url)
      await boss.signInAs(admin)
      const userPage = await boss.get(`/admin/users/${editor.user.id}`)
      const reset = userPage.document.querySelector(
        `form[action="/admin/users/${editor.user.id}/two-factor/reset"]`,
      )
      assert.ok(reset, 'the user page offers to turn it off')
      assert.equal((await boss.submit(reset)).status, 303)
      assert.equal(await ctx.services.twoFactor.isOn(editor.user.id), false)
      // Without the second factor, the password signs them in again.
      assert.equal(
        (await new AdminClient(server.url).signIn(editor.email, editor.password)).status,
        303,
      )
      const actions = await auditActions(ctx)
      for (const action of ['two_factor_enabled', 'two_factor_disabled', 'two_factor_reset']) {
        assert.ok(actions.includes(action), action)
      }
      const audit = await boss.get('/admin/audit')
      assert.match(audit.html, /Turned off two-factor sign-in for them/)
    })

    test('admins can require it of editors and admins: they are sent to set it up, contributors are not', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const admin = await createStaff(ctx, 'admin')
      const editor = await createStaff(ctx, 'editor')
      const writer = await createStaff(ctx, 'contributor')
      const draft = await ctx.services.editing.createDraft(editor.actor, {
        headline: 'Ferry timetable changes',
        standfirst: '',
        dateline: '',
        body: 'Text.',
        keyPoints: [],
        sectionSlug: 'news',
        bylines: ['Someone'],
        tags: [],
        slug: '',
      })
      const boss = new AdminClient(server.url)
      await boss.signInAs(admin)
      const settings = await boss.get('/admin/settings')
      const form = settings.document.querySelector('form[action="/admin/settings/two-factor"]')
      assert.ok(form)
      assert.equal((await boss.submit(form, { required: 'yes' })).status, 303)
      assert.equal(await ctx.services.twoFactor.isRequired(), true)
      assert.ok((await auditActions(ctx)).includes('settings_changed'))

      const desk = new AdminClient(server.url)
      await desk.signInAs(editor)
      const dashboard = await desk.get('/admin')
      assert.equal(dashboard.status, 303)
      assert.equal(dashboard.location, '/admin/account/two-factor')
      const edit = await desk.get(`/admin/articles/${draft.id}`)
      assert.equal(edit.status, 303)
      const post = await desk.post(`/admin/articles/${draft.id}`, {
        headline: 'Changed before setting up',
        intent: 'save',
        version: 1,
      })
      assert.equal(post.status, 403)
      assert.equal(
        (await ctx.stores.articles.findById(draft.id))?.headline,
        'Ferry timetable changes',
      )

      const reporter = new AdminClient(server.url)
      await reporter.signInAs(writer)
      assert.equal((await reporter.get('/admin')).status, 200, 'contributors are not asked')

      // Once set up, the editor is let in.
      const { client } = await enable(ctx, server, editor)
      assert.equal((await client.get('/admin')).status, 200)
      assert.ok(editorForm(await client.get(`/admin/articles/${draft.id}`)))
    })

    test('the new pages are valid HTML: two-factor, codes, code step, password again, replay', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const admin = await createStaff(ctx, 'admin')
      const editor = await createStaff(ctx, 'editor')
      const pages: [string, AdminPage][] = []
      const client = new AdminClient(server.url)
      await client.signInAs(editor)
      pages.push(['two-factor, off', await client.get('/admin/account/two-factor')])
      pages.push(['two-factor, setting up', await client.post('/admin/account/two-factor/setup')])
      const enabled = await enable(ctx, server, editor)
      pages.push(['two-factor, on', await enabled.client.get('/admin/account/two-factor')])
      pages.push([
        'recovery codes',
        await enabled.client.post('/admin/account/two-factor/recovery-codes'),
      ])
      pages.push(['account', await enabled.client.get('/admin/account')])
      pages.push(['code step', (await passwordStep(server, editor)).page])
      const boss = new AdminClient(server.url)
      await boss.signInAs(admin)
      pages.push(['settings', await boss.get('/admin/settings')])
      pages.push(['user with two-factor', await boss.get(`/admin/users/${editor.user.id}`)])
      ctx.clock.advance(11 * MINUTE)
      const asked = await boss.post(`/admin/users/${editor.user.id}/password`)
      pages.push(['password again', asked])
      const confirm = asked.document.querySelector('form[action="/admin/reauth"]')
      assert.ok(confirm)
      pages.push([
        'replay after the password',
        await boss.submit(confirm, { password: admin.password }),
      ])
      for (const [label, page] of pages) {
        assert.ok(page.status < 500, label)
        await assertValidHtml(page.html, label)
      }
    })

    test('a secret sealed under another key is a 409 that says what to do, never a 500', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      await ctx.stores.twoFactor.begin(editor.user.id, 'not.a.sealed-secret', ctx.clock.now())
      await ctx.stores.twoFactor.confirm(editor.user.id, ctx.clock.now())
      const { client, page } = await passwordStep(server, editor)
      const form = page.document.querySelector('form[action="/admin/login/code"]')
      assert.ok(form)
      const answer = await client.submit(form, { code: '123456' })
      assert.equal(answer.status, 409)
      assert.match(problemText(answer), /Ask an admin to turn it off/)
    })

    test('starting a setup 10 minutes after signing in asks for the password first', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      await client.signInAs(editor)
      ctx.clock.advance(11 * MINUTE)
      const asked = await client.post('/admin/account/two-factor/setup')
      assert.equal(asked.status, 401)
      assert.match(asked.document.querySelector('main')?.text ?? '', /start setting up two-factor/)
      const confirm = asked.document.querySelector('form[action="/admin/reauth"]')
      assert.ok(confirm)
      const confirmed = await client.submit(confirm, { password: editor.password })
      assert.equal(confirmed.status, 200)
      const send = confirmed.document.querySelector(
        'main form[action="/admin/account/two-factor/setup"]',
      )
      assert.ok(send)
      const shown = await client.submit(send)
      assert.equal(shown.status, 200)
      assert.ok(shown.document.querySelector('code.secret-key'))
    })
  })
}
