// The webhook sender (src/webhook-sender.ts) over a real database and a real
// receiver: it sends at start-up what a stopped process left, when nudged,
// and when its wait runs out. The test fires the waits itself and moves the
// test clock; nothing sleeps.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Timers } from '../../src/scheduler.js'
import { startWebhookSender, WEBHOOK_POLL_MS } from '../../src/webhook-sender.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { eventually } from '../helpers/eventually.js'
import { startWebhookReceiver } from '../helpers/webhook-receiver.js'
import { publishStory, registerReceiver } from '../helpers/webhooks.js'

interface Wait {
  ms: number
  fire: () => void
  cancelled: boolean
}

/** Timers the test drives: every wait asked for is kept, to fire or not. */
function handDrivenTimers(): { timers: Timers; waits: Wait[] } {
  const waits: Wait[] = []
  return {
    waits,
    timers: {
      after(ms, run) {
        const wait: Wait = { ms, fire: run, cancelled: false }
        waits.push(wait)
        return { cancel: () => void (wait.cancelled = true) }
      },
    },
  }
}

const silent = { warn: () => {}, error: () => {} }

for (const dialect of testDialects()) {
  describe(`webhook sender (${dialect})`, () => {
    test('sends what was left at start-up, what it is nudged about, and retries when due', async (t) => {
      const ctx = await createTestContext(t, dialect, { WEBHOOK_ALLOW_LOOPBACK: 'true' })
      const receiver = await startWebhookReceiver(t, ctx.clock)
      await registerReceiver(ctx, receiver)
      await publishStory(ctx)
      const { timers, waits } = handDrivenTimers()
      const sender = startWebhookSender({
        ...ctx.webhookDelivery,
        clock: ctx.clock,
        log: silent,
        timers,
      })
      t.after(() => sender.stop())
      // The round at start-up, then a poll's wait: nothing is pending.
      assert.ok(await eventually(async () => waits.length === 1))
      assert.equal(receiver.accepted.length, 1)
      assert.equal(waits[0]?.ms, WEBHOOK_POLL_MS)

      receiver.answers.push(500)
      await publishStory(ctx)
      sender.nudge()
      assert.ok(await eventually(async () => waits.length === 2))
      assert.equal(waits[0]?.cancelled, true, 'a nudge replaces the wait')
      assert.equal(receiver.requests, 2)
      assert.equal(receiver.accepted.length, 1)

      // The retry is due in 30 seconds; the poll comes first and finds nothing due.
      ctx.clock.advance(WEBHOOK_POLL_MS)
      waits[1]?.fire()
      assert.ok(await eventually(async () => waits.length === 3))
      assert.equal(receiver.requests, 2)
      ctx.clock.advance(30_000)
      waits[2]?.fire()
      assert.ok(await eventually(async () => waits.length === 4))
      assert.equal(receiver.accepted.length, 2)

      await sender.stop()
      waits[3]?.fire()
      assert.equal(waits.length, 4, 'a stopped sender asks for no more waits')
    })
  })
}
