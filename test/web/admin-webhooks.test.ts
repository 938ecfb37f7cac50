// The newsroom's webhooks page over real HTTP: an admin adds an endpoint (its
// secret shown once), changes it, sends a test event that a real receiver
// checks with the Standard Webhooks library, replaces the secret, deletes it;
// every kind of bad input is a 4xx saying what is wrong, and nothing is kept.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { startWebhookReceiver } from '../helpers/webhook-receiver.js'
import { AdminClient, createStaff, fieldError, type AdminPage } from './admin-session.js'

async function setup(t: TestContext, dialect: DialectName, env: Record<string, string> = {}) {
  const ctx = await createTestContext(t, dialect, env)
  const server = await startTestServer(t, ctx)
  const admin = new AdminClient(server.url)
  await admin.signInAs(await createStaff(ctx, 'admin'))
  const receiver = await startWebhookReceiver(t, ctx.clock)
  return { ctx, admin, receiver }
}

const secretOn = (page: AdminPage): string =>
  page.document.querySelector('code.secret')?.text.trim() ?? ''

for (const dialect of testDialects()) {
  describe(`newsroom webhooks (${dialect})`, () => {
    test('add, test, change, replace the secret, delete: each signed, logged and audited', async (t) => {
      const { ctx, admin, receiver } = await setup(t, dialect, { WEBHOOK_ALLOW_LOOPBACK: 'true' })
      const added = await admin.post('/admin/webhooks', {
        url: receiver.url,
        description: 'The newsletter',
        events: ['article.published', 'comment.held'],
        enabled: 'yes',
      })
      assert.equal(added.status, 200)
      assert.equal(added.response.headers.get('cache-control'), 'private, no-store')
      receiver.secret = secretOn(added)
      assert.match(receiver.secret, /^whsec_[A-Za-z0-9+/]{43}=$/)
      const link = added.document.querySelector('a[href^="/admin/webhooks/"]')
      const path = link?.getAttribute('href') ?? ''
      assert.equal(link?.text, receiver.url)
      // Shown once: the list and the endpoint's page never show it again.
      for (const page of [await admin.get('/admin/webhooks'), await admin.get(path)]) {
        assert.equal(page.status, 200)
        assert.ok(!page.html.includes(receiver.secret))
      }

      assert.equal((await admin.post(`${path}/test`)).location, `${path}?done=test`)
      assert.equal(await ctx.webhookDelivery.deliverDue(), 1)
      assert.deepEqual(receiver.rejected, [])
      assert.equal(receiver.accepted[0]?.body.type, 'webhook.test')
      const log = await admin.get(path)
      assert.match(
        log.document.querySelector('table.deliveries tbody')?.text ?? '',
        /webhook\.test[\s\S]*delivered/,
      )

      const saved = await admin.post(path, {
        url: receiver.url,
        description: 'The newsletter',
        events: ['article.unpublished'],
      })
      assert.equal(saved.status, 303)
      const endpoint = (await ctx.stores.webhooks.listEndpoints())[0]
      assert.deepEqual(endpoint?.events, ['article.unpublished'])
      assert.equal(endpoint?.enabled, false)

      const rotated = await admin.post(`${path}/rotate`)
      assert.equal(rotated.status, 200)
      const fresh = secretOn(rotated)
      assert.match(fresh, /^whsec_/)
      assert.notEqual(fresh, receiver.secret)
      // A test goes to a disabled endpoint too, signed with the new secret.
      await admin.post(`${path}/test`)
      await ctx.webhookDelivery.deliverDue()
      assert.deepEqual(receiver.rejected, ['no matching signature'])
      receiver.secret = fresh
      await admin.post(`${path}/test`)
      await ctx.webhookDelivery.deliverDue()
      assert.equal(receiver.accepted.length, 2)

      assert.equal((await admin.post(`${path}/delete`)).location, '/admin/webhooks?done=deleted')
      assert.equal((await admin.get(path)).status, 404)
      const actions = (await ctx.stores.audit.list({ limit: 50, offset: 0 })).map((e) => e.action)
      for (const action of [
        'webhook_created',
        'webhook_test_sent',
        'webhook_updated',
        'webhook_secret_rotated',
        'webhook_deleted',
      ] as const) {
        assert.ok(actions.includes(action), action)
      }
    })

    test('bad input on every form is a 4xx saying what is wrong, and changes nothing', async (t) => {
      const { ctx, admin } = await setup(t, dialect)
      const good = {
        url: 'https://hooks.example/in',
        events: ['article.published'],
        enabled: 'yes',
      }
      const cases: [string, Record<string, string | string[]>, string, RegExp][] = [
        ['no address', { ...good, url: '' }, 'url', /Enter the address/],
        ['not an address', { ...good, url: 'hooks dot example' }, 'url', /full address/],
        ['another scheme', { ...good, url: 'ftp://hooks.example/' }, 'url', /https:\/\//],
        ['a password', { ...good, url: 'https://a:b@hooks.example/' }, 'url', /password/],
        ['a private address', { ...good, url: 'http://10.1.2.3/' }, 'url', /private/],
        ['a metadata address', { ...good, url: 'http://169.254.169.254/' }, 'url', /linkLocal/],
        ['loopback', { ...good, url: 'http://127.0.0.1:8080/' }, 'url', /loopback/],
        [
          'too long',
          { ...good, url: `https://hooks.example/${'a'.repeat(2000)}` },
          'url',
          /longer/,
        ],
        ['a long description', { ...good, description: 'x'.repeat(201) }, 'description', /longer/],
        ['no events', { ...good, events: [] }, 'events', /at least one event/],
        [
          'an unknown event',
          { ...good, events: ['article.read'] },
          'events',
          /No such event: article\.read/,
        ],
      ]
      for (const [what, form, field, message] of cases) {
        const page = await admin.post('/admin/webhooks', form)
        assert.equal(page.status, 422, what)
        const error =
          field === 'events'
            ? page.document.querySelector('#events-error')?.text
            : fieldError(page, field)
        assert.match(error ?? '', message, what)
      }
      assert.equal((await ctx.stores.webhooks.listEndpoints()).length, 0)

      const added = await admin.post('/admin/webhooks', good)
      const path =
        added.document.querySelector('a[href^="/admin/webhooks/"]')?.getAttribute('href') ?? ''
      for (const [what, form, field, message] of cases) {
        const page = await admin.post(path, form)
        assert.equal(page.status, 422, `editing: ${what}`)
        assert.match(page.html, message, `editing: ${what}`)
        assert.ok(field)
      }
      const kept = await ctx.stores.webhooks.listEndpoints()
      assert.equal(kept[0]?.url, good.url)

      for (const action of ['', '/rotate', '/test', '/delete']) {
        const forged = await admin.post(`${path}${action}`, { ...good, _csrf: 'forged' })
        assert.equal(forged.status, 403, `no token: ${action}`)
        assert.match(forged.html, /expired, or was sent from another site/)
        const unknown = '/admin/webhooks/01a1f82f-1e80-7b33-9d4f-a46ecf9cf5aa'
        assert.equal((await admin.post(`${unknown}${action}`, good)).status, 404, action)
        assert.equal((await admin.post(`/admin/webhooks/not-an-id${action}`, good)).status, 404)
      }
      assert.deepEqual(await ctx.stores.webhooks.listEndpoints(), kept)
      assert.equal((await ctx.stores.webhooks.listDeliveries(kept[0]?.id ?? '', 10)).length, 0)
    })
  })
}
