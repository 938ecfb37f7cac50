// Issue 10, finding 9 (the sign-in parts): CSRF tokens compared as bytes and
// bound to the session, passwords that are long and not common, sessions with
// idle and absolute lifetimes from the settings, and the password asked for
// again before an account's role or password changes.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { loadConfig } from '../../src/config.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import {
  AdminClient,
  createStaff,
  fieldError,
  parseSetCookie,
  type AdminPage,
} from './admin-session.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

async function setup(t: TestContext, dialect: DialectName, env: Record<string, string> = {}) {
  const ctx = await createTestContext(t, dialect, env)
  const server = await startTestServer(t, ctx)
  return { ctx, server }
}

function problemText(page: AdminPage): string {
  return page.document.querySelector('.problem')?.text.trim() ?? ''
}

describe('session settings', () => {
  test('idle and absolute lifetimes are settings, shorter than a week by default', () => {
    const defaults = loadConfig({})
    assert.ok(defaults.sessionIdleMs > 0 && defaults.sessionIdleMs < 7 * 24 * HOUR)
    assert.ok(defaults.sessionAbsoluteMs >= defaults.sessionIdleMs)
    assert.ok(defaults.sessionAbsoluteMs < 7 * 24 * HOUR)
    const set = loadConfig({ SESSION_IDLE_MINUTES: '45', SESSION_ABSOLUTE_HOURS: '10' })
    assert.equal(set.sessionIdleMs, 45 * MINUTE)
    assert.equal(set.sessionAbsoluteMs, 10 * HOUR)
    for (const bad of [
      { SESSION_IDLE_MINUTES: 'soon' },
      { SESSION_IDLE_MINUTES: '0' },
      { SESSION_ABSOLUTE_HOURS: '-1' },
      { SESSION_ABSOLUTE_HOURS: '100000' },
    ]) {
      assert.throws(() => loadConfig(bad), /SESSION_/, JSON.stringify(bad))
    }
  })
})

for (const dialect of testDialects()) {
  describe(`CSRF, passwords and sessions (${dialect})`, () => {
    test('a CSRF token in non-ASCII characters is a 403, never a 500', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      await client.signInAs(editor)
      for (const token of ['é'.repeat(43), '€'.repeat(43), '\u{1F600}'.repeat(22)]) {
        const page = await client.postRaw('/admin/logout', { _csrf: token })
        assert.equal(page.status, 403, token)
      }
      const signIn = await new AdminClient(server.url).postRaw('/admin/login', {
        _csrf: 'ü'.repeat(43),
        email: editor.email,
        password: editor.password,
      })
      assert.equal(signIn.status, 403)
    })

    test('the CSRF token is bound to the session: a planted cookie and its value do not pass', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      await client.signInAs(editor)
      // Someone who can set a cookie for the site (a sibling subdomain) plants one they know.
      const planted = 'A'.repeat(43)
      client.cookies.set('dl_csrf', planted)
      const page = await client.postRaw('/admin/logout', { _csrf: planted })
      assert.equal(page.status, 403)
      assert.equal((await client.get('/admin')).status, 200, 'still signed in')

      // Another session's token, even the same person's, is refused.
      const phone = new AdminClient(server.url)
      await phone.signInAs(editor)
      await phone.get('/admin/account')
      const other = await client.postRaw('/admin/logout', { _csrf: phone.csrf })
      assert.equal(other.status, 403)
      // This session's own token works; after signing out it is spent.
      await client.get('/admin/account')
      const token = client.csrf
      const out = await client.post('/admin/logout')
      assert.equal(out.status, 303)
      await client.signInAs(editor)
      const stale = await client.postRaw('/admin/logout', { _csrf: token })
      assert.equal(stale.status, 403)
    })

    test('passwords: at least 12 characters, and common or easily guessed ones are refused with the reason', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      await client.signInAs(editor)
      for (const [next, reason] of [
        ['password12', /12 characters/],
        ['password1234', /common/i],
        ['qwertyuiop123', /guess|common|keyboard|pattern/i],
        ['aaaaaaaaaaaaaaaa', /repeat/i],
        [`${editor.user.displayName} 2026`, /guess|name|common/i],
      ] as const) {
        const page = await client.post('/admin/account/password', {
          current: editor.password,
          next,
        })
        assert.equal(page.status, 422, next)
        assert.match(fieldError(page, 'next') ?? '', reason, next)
      }
      const strong = await client.post('/admin/account/password', {
        current: editor.password,
        next: 'lantern orchard copper seventy',
      })
      assert.equal(strong.status, 303)
      await assert.rejects(
        ctx.services.accounts.resetPassword(
          (await createStaff(ctx, 'admin')).actor,
          editor.email,
          'password1234',
        ),
        { code: 'weak_password' },
      )
    })

    test('a session ends after the idle lifetime by default, well before a week', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      await client.signInAs(editor)
      ctx.clock.advance(ctx.config.sessionIdleMs - MINUTE)
      assert.equal((await client.get('/admin')).status, 200, 'used just inside the idle time')
      ctx.clock.advance(ctx.config.sessionIdleMs + MINUTE)
      assert.equal((await client.get('/admin')).status, 303, 'ended after the idle time')
      assert.ok(ctx.config.sessionIdleMs <= 24 * HOUR)
    })

    test('idle and absolute lifetimes come from the settings; the cookie lives no longer', async (t) => {
      const { ctx, server } = await setup(t, dialect, {
        SESSION_IDLE_MINUTES: '30',
        SESSION_ABSOLUTE_HOURS: '2',
      })
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      const signIn = await client.signIn(editor.email, editor.password)
      assert.equal(signIn.status, 303)
      const cookie = signIn.setCookies.map(parseSetCookie).find((c) => c.name === 'dl_session')
      assert.ok(cookie)
      assert.ok(Number(cookie.attributes.get('max-age')) <= 2 * 3600, 'Max-Age at most 2 hours')
      // Used every 20 minutes, it lives until the absolute limit, and not a minute more.
      for (let elapsed = 20; elapsed < 120; elapsed += 20) {
        ctx.clock.advance(20 * MINUTE)
        assert.equal((await client.get('/admin')).status, 200, `after ${elapsed} minutes`)
      }
      ctx.clock.advance(20 * MINUTE + MINUTE)
      assert.equal((await client.get('/admin')).status, 303, 'ended at the absolute limit')

      const other = new AdminClient(server.url)
      await other.signInAs(editor)
      ctx.clock.advance(31 * MINUTE)
      assert.equal((await other.get('/admin')).status, 303, 'ended after 30 idle minutes')
    })

    test('changing a role or resetting a password asks for your password again after 10 minutes', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const admin = await createStaff(ctx, 'admin')
      const writer = await createStaff(ctx, 'contributor')
      const client = new AdminClient(server.url)
      await client.signInAs(admin)
      const path = `/admin/users/${writer.user.id}`
      ctx.clock.advance(11 * MINUTE)
      await client.get(path)
      const asked = await client.post(path, {
        displayName: writer.user.displayName,
        role: 'editor',
      })
      assert.equal(asked.status, 401)
      assert.equal((await ctx.stores.users.findById(writer.user.id))?.role, 'contributor')
      const confirm = asked.document.querySelector('main form')
      assert.ok(confirm, 'a form asks for the password')
      assert.ok(confirm.querySelector('input[name=password][type=password]'))
      assert.match(asked.document.querySelector('main')?.text ?? '', /editor/i)

      const wrong = await client.submit(confirm, { password: 'not my password at all' })
      assert.equal(wrong.status, 422)
      assert.match(problemText(wrong), /password/i)
      assert.equal((await ctx.stores.users.findById(writer.user.id))?.role, 'contributor')

      const confirmed = await client.submit(confirm, { password: admin.password })
      assert.equal(confirmed.status, 200)
      const send = confirmed.document.querySelector(`main form[action="${path}"]`)
      assert.ok(send, 'a button sends the change')
      const done = await client.submit(send)
      assert.equal(done.status, 303)
      assert.equal((await ctx.stores.users.findById(writer.user.id))?.role, 'editor')

      // Within the 10 minutes after confirming, a reset goes straight through.
      const reset = await client.post(`${path}/password`)
      assert.equal(reset.status, 200)
      ctx.clock.advance(11 * MINUTE)
      const again = await client.post(`${path}/password`)
      assert.equal(again.status, 401, 'asked again once the 10 minutes are over')
      // A rename alone asks for nothing.
      await client.get(path)
      const renamed = await client.post(path, { displayName: 'Renamed Writer', role: 'editor' })
      assert.equal(renamed.status, 303)
    })
  })
}
