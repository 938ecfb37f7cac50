// Delivering the outbox: retries with a doubling wait for a day (time moved by
// the test clock), one delivery per event however many processes send, and
// nothing lost across a stop, or a crash with deliveries claimed.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { DELIVERY_POLICY, retryDelayMs } from '../../src/domain/webhooks/webhook-delivery.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { createSharedDatabase } from '../helpers/shared-database.js'
import { startWebhookReceiver } from '../helpers/webhook-receiver.js'
import { publishStory, registerReceiver } from '../helpers/webhooks.js'

const LOOPBACK = { WEBHOOK_ALLOW_LOOPBACK: 'true' }
const SECOND = 1000

test('the wait doubles from 30 seconds, up to two hours', () => {
  assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000])
  assert.equal(retryDelayMs(20), DELIVERY_POLICY.maxWaitMs)
})

for (const dialect of testDialects()) {
  describe(`webhook delivery (${dialect})`, () => {
    test('a failed attempt is retried after the wait, and the log shows each answer', async (t) => {
      const ctx = await createTestContext(t, dialect, LOOPBACK)
      const receiver = await startWebhookReceiver(t, ctx.clock)
      const endpoint = await registerReceiver(ctx, receiver)
      receiver.answers.push(500, 503)
      await publishStory(ctx)
      const log = async () =>
        (await ctx.services.webhooks.get(COMMAND_LINE, endpoint.id)).deliveries[0]

      assert.equal(await ctx.webhookDelivery.deliverDue(), 1)
      let delivery = await log()
      assert.equal(delivery?.status, 'pending')
      assert.equal(delivery?.attempts, 1)
      assert.equal(delivery?.lastStatusCode, 500)
      assert.equal(delivery?.lastResponse, 'answered 500')
      assert.equal(delivery?.nextAttemptAt.getTime(), ctx.clock.now().getTime() + 30 * SECOND)

      // Not yet due: nothing is sent.
      ctx.clock.advance(29 * SECOND)
      assert.equal(await ctx.webhookDelivery.deliverDue(), 0)
      ctx.clock.advance(1 * SECOND)
      assert.equal(await ctx.webhookDelivery.deliverDue(), 1)
      delivery = await log()
      assert.equal(delivery?.lastStatusCode, 503)
      assert.equal(delivery?.nextAttemptAt.getTime(), ctx.clock.now().getTime() + 60 * SECOND)

      ctx.clock.advance(60 * SECOND)
      assert.equal(await ctx.webhookDelivery.deliverDue(), 1)
      delivery = await log()
      assert.equal(delivery?.status, 'delivered')
      assert.equal(delivery?.attempts, 3)
      assert.equal(delivery?.lastStatusCode, 204)
      assert.equal(receiver.accepted.length, 1)
      // Every attempt carried the same message id, signed afresh.
      assert.equal(receiver.requests, 3)
    })

    test('after a day of failures the delivery has failed and is tried no more', async (t) => {
      const ctx = await createTestContext(t, dialect, LOOPBACK)
      const receiver = await startWebhookReceiver(t, ctx.clock)
      const endpoint = await registerReceiver(ctx, receiver)
      receiver.answers.push(...Array.from({ length: 100 }, () => 500))
      const start = ctx.clock.now().getTime()
      await publishStory(ctx)
      let attempts = 0
      for (;;) {
        attempts += await ctx.webhookDelivery.deliverDue()
        const next = await ctx.stores.webhooks.nextDue()
        if (!next) break
        ctx.clock.set(next)
      }
      const [delivery] = (await ctx.services.webhooks.get(COMMAND_LINE, endpoint.id)).deliveries
      assert.equal(delivery?.status, 'failed')
      assert.equal(delivery?.attempts, attempts)
      const lastAttempt = delivery?.lastAttemptAt?.getTime() ?? 0
      assert.ok(lastAttempt - start <= DELIVERY_POLICY.giveUpAfterMs, 'no attempt after a day')
      assert.ok(lastAttempt - start > DELIVERY_POLICY.giveUpAfterMs - DELIVERY_POLICY.maxWaitMs)
      // At once, then after 30 s, 1, 2, 4, 8, 16, 32 and 64 min (127.5 min in all), then every
      // two hours while the day lasts: 9 + 10 attempts.
      assert.equal(attempts, 19)
      ctx.clock.advance(DELIVERY_POLICY.giveUpAfterMs)
      assert.equal(await ctx.webhookDelivery.deliverDue(), 0)
    })

    test('two processes on one database deliver each event once', async (t) => {
      const shared = await createSharedDatabase(t, dialect, LOOPBACK)
      const [one, two] = [await shared.open(), await shared.open()]
      const receiver = await startWebhookReceiver(t, shared.clock)
      await registerReceiver(one, receiver)
      const stories = 40
      for (let i = 0; i < stories; i++) await publishStory(i % 2 ? one : two)
      const [a, b] = await Promise.all([
        one.webhookDelivery.deliverDue(),
        two.webhookDelivery.deliverDue(),
      ])
      assert.equal(a + b, stories)
      assert.equal(receiver.requests, stories)
      assert.equal(new Set(receiver.accepted.map((hook) => hook.id)).size, stories)
      t.diagnostic(`${dialect}: one process sent ${a}, the other ${b}`)
    })

    test('deliveries written before a stop are sent after the start', async (t) => {
      const shared = await createSharedDatabase(t, dialect, LOOPBACK)
      const before = await shared.open()
      const receiver = await startWebhookReceiver(t, shared.clock)
      await registerReceiver(before, receiver)
      await publishStory(before)
      await publishStory(before)
      // One claimed by a process that then dies mid-send: its lease runs out.
      const claimed = await before.stores.webhooks.claimDue(
        'a process that crashed',
        shared.clock.now(),
        new Date(shared.clock.now().getTime() + DELIVERY_POLICY.leaseMs),
        1,
      )
      assert.equal(claimed.length, 1)
      await before.close()

      const after = await shared.open()
      assert.equal(await after.webhookDelivery.deliverDue(), 1, 'the unclaimed one at once')
      shared.clock.advance(DELIVERY_POLICY.leaseMs + SECOND)
      assert.equal(
        await after.webhookDelivery.deliverDue(),
        1,
        'the claimed one once its lease ran out',
      )
      assert.equal(receiver.accepted.length, 2)
      // The dead process's late answer changes nothing.
      await after.stores.webhooks.recordAttempt(claimed[0]?.id ?? '', 'a process that crashed', {
        status: 'pending',
        at: shared.clock.now(),
        nextAttemptAt: shared.clock.now(),
        statusCode: 500,
        response: '',
      })
      assert.equal(await after.webhookDelivery.deliverDue(), 0)
    })
  })
}
