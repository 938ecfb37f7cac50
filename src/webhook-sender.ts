import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from './domain/clock.js'
import { systemTimers, type Timers } from './scheduler.js'

/** How often the sender looks even when nudged by nothing: a retry may be due, or another process wrote. */
export const WEBHOOK_POLL_MS = 5_000

export interface WebhookSenderDeps {
  /** Sends what is due (webhook-delivery.ts, deliverDue); returns how many attempts it made. */
  deliverDue: () => Promise<number>
  /** When the next pending delivery is due. */
  nextDue: () => Promise<Date | undefined>
  clock: Clock
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>
  timers?: Timers
}

export interface WebhookSender {
  /** Something may be waiting (a change was committed): look now rather than at the next poll. */
  nudge(): void
  /** Stops looking; resolves once a round under way has finished. */
  stop(): Promise<void>
}

/**
 * Delivers the webhook outbox after commit: at start-up (what a stopped
 * process left), when nudged, and at least every WEBHOOK_POLL_MS. Every app
 * process may run one; the claims in the outbox let one send each delivery.
 */
export function startWebhookSender({
  deliverDue,
  nextDue,
  clock,
  log,
  timers = systemTimers,
}: WebhookSenderDeps): WebhookSender {
  let pending: { cancel(): void } | undefined
  let running: Promise<void> | undefined
  let again = false
  let stopped = false

  async function round(): Promise<void> {
    do {
      again = false
      try {
        await deliverDue()
      } catch (error) {
        log.error({ err: error }, 'delivering webhooks failed')
      }
    } while (again && !stopped)
    if (stopped) return
    const next = await nextDue().catch(() => undefined)
    if (stopped) return
    const wait = next
      ? Math.min(WEBHOOK_POLL_MS, Math.max(250, next.getTime() - clock.now().getTime()))
      : WEBHOOK_POLL_MS
    pending = timers.after(wait, look)
  }

  function look(): void {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    pending?.cancel()
    running = round().finally(() => {
      running = undefined
    })
  }

  look()
  return {
    nudge: look,
    async stop() {
      stopped = true
      pending?.cancel()
      await running
    },
  }
}
