// API tokens in the newsroom on both databases: each person makes (shown
// once), lists and revokes their own; admins do so for other users; CSRF on
// every form; a recent sign-in to make one; audited. And the rule for token
// actors (policy.ts, accountGuardRule): a token never stands in for a recent
// sign-in, so it can change no password, role or token.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { RECENT_AUTH_MS } from '../../src/domain/accounts/recent-auth.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { AdminClient, createStaff, STAFF_PASSWORD } from './admin-session.js'

const DAY = 86_400_000

for (const dialect of testDialects()) {
  describe(`API tokens in the newsroom (${dialect})`, () => {
    test('a writer makes a token, sees it once, uses it, and revokes it', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const writer = await createStaff(ctx, 'contributor')
      const browser = new AdminClient(server.url)
      await browser.openSession(ctx, writer.user)

      const made = await browser.post('/admin/account/tokens', {
        name: 'Newsletter',
        expires: '30',
      })
      assert.equal(made.status, 200)
      // The token is shown in a <pre>, which the parser keeps as raw text.
      const token = /id="token-value">([^<]*)</.exec(made.html)?.[1] ?? ''
      assert.match(token, /^dlt_[A-Za-z0-9_-]{43}$/)
      const me = await server.get('/api/v1/admin/me', {
        headers: { authorization: `Bearer ${token}` },
      })
      assert.equal(me.status, 200)

      const listed = await browser.get('/admin/account/tokens')
      assert.equal(listed.status, 200)
      assert.ok(!listed.html.includes(token), 'never shown again')
      const row = listed.document.querySelector('tbody tr')
      const cells = row?.querySelectorAll('td').map((cell) => cell.text.trim()) ?? []
      assert.equal(cells[0], 'Newsletter')
      assert.notEqual(cells[2], 'Never', 'the last use is shown')
      assert.notEqual(cells[3], 'Never', 'it expires')
      assert.equal(cells[4], 'Active')

      // A form without its CSRF token does nothing.
      const action = row?.querySelector('form')?.getAttribute('action') ?? ''
      const forged = await browser.post(action, { _csrf: 'forged' })
      assert.equal(forged.status, 403)
      assert.equal(
        (await server.get('/api/v1/admin/me', { headers: { authorization: `Bearer ${token}` } }))
          .status,
        200,
      )

      const revoked = await browser.post(action)
      assert.equal(revoked.status, 303)
      assert.equal(revoked.location, '/admin/account/tokens?done=revoked')
      const after = await server.get('/api/v1/admin/me', {
        headers: { authorization: `Bearer ${token}` },
      })
      assert.equal(after.status, 401)
      const events = await ctx.stores.audit.list({ limit: 20, offset: 0 })
      const actions = events.map((event) => event.action)
      assert.ok(actions.includes('api_token_created') && actions.includes('api_token_revoked'))
      assert.ok(
        events.every((event) => !event.details.includes(token) && !event.subject.includes(token)),
      )
    })

    test('making a token needs a recent sign-in; the form is kept through it', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const writer = await createStaff(ctx, 'editor')
      const browser = new AdminClient(server.url)
      await browser.openSession(ctx, writer.user)
      ctx.clock.advance(RECENT_AUTH_MS + 1)
      const asked = await browser.post('/admin/account/tokens', { name: 'Late' })
      assert.equal(asked.status, 401)
      assert.equal((await ctx.stores.apiTokens.listForUser(writer.user.id)).length, 0)
      const form = asked.document.querySelector('form[action="/admin/reauth"]')
      assert.ok(form, 'the password is asked for')
      const confirmed = await browser.submit(form, { password: STAFF_PASSWORD })
      assert.equal(confirmed.status, 200)
      const replay = confirmed.document.querySelector('form[action="/admin/account/tokens"]')
      assert.ok(
        replay,
        `the kept form is offered again: ${confirmed.document.querySelector('main')?.text.slice(0, 400)}`,
      )
      const made = await browser.submit(replay)
      assert.equal(made.status, 200)
      assert.match(made.html, /id="token-value">dlt_/)
    })

    test('admins manage other users’ tokens; others may not', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const admin = await createStaff(ctx, 'admin')
      const editor = await createStaff(ctx, 'editor')
      const bot = await createStaff(ctx, 'editor', 'Wire Desk Integration')
      const adminBrowser = new AdminClient(server.url)
      await adminBrowser.openSession(ctx, admin.user)
      const made = await adminBrowser.post(`/admin/users/${bot.user.id}/tokens`, { name: 'Wire' })
      assert.equal(made.status, 200)
      assert.match(made.html, /API tokens for Wire Desk Integration/)
      const editorBrowser = new AdminClient(server.url)
      await editorBrowser.openSession(ctx, editor.user)
      assert.equal((await editorBrowser.get(`/admin/users/${bot.user.id}/tokens`)).status, 403)
      const [record] = await ctx.stores.apiTokens.listForUser(bot.user.id)
      assert.equal((await editorBrowser.post(`/admin/tokens/${record!.id}/revoke`)).status, 403)
      assert.equal((await ctx.stores.apiTokens.findById(record!.id))?.revokedAt, null)
      const revoked = await adminBrowser.post(`/admin/tokens/${record!.id}/revoke`)
      assert.equal(revoked.location, `/admin/users/${bot.user.id}/tokens?done=revoked`)
      const bad = await adminBrowser.post(`/admin/users/${bot.user.id}/tokens`, {
        name: '',
        expires: 'soon',
      })
      assert.equal(bad.status, 422)
    })

    test('a token actor can change no password, role or token', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const admin = await createStaff(ctx, 'admin')
      const other = await createStaff(ctx, 'editor')
      const { token } = await ctx.services.apiTokens.create(admin.actor, {
        userId: admin.user.id,
        name: 'integration',
        expiresDays: 2,
      })
      ctx.clock.advance(DAY)
      const actor = await ctx.services.apiTokens.authenticate(token)
      assert.equal(actor.via, 'token')
      const refused = { name: 'ForbiddenError', code: 'session_required' }
      await assert.rejects(
        ctx.services.apiTokens.create(actor, { userId: admin.user.id, name: 'another' }),
        refused,
      )
      await assert.rejects(
        ctx.services.accounts.updateUser(actor, other.user.id, { displayName: 'X', role: 'admin' }),
        refused,
      )
      assert.equal((await ctx.stores.users.findById(other.user.id))?.role, 'editor')
      assert.equal((await ctx.stores.apiTokens.listForUser(admin.user.id)).length, 1)
    })
  })
}
