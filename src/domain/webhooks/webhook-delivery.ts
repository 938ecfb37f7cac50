// Sending the outbox: deliveries claimed with a lease (so that of several
// processes one sends each), signed, posted, and written back: delivered on a
// 2xx, else tried again later, with the wait doubling, for a day.
import type { Clock } from '../clock.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { webhookSignature } from './webhook.js'
import type { AttemptOutcome, ClaimedDelivery } from './webhook-store.js'

/** The port to the outside: an HTTP POST through the guarded fetcher. Throws when refused. */
export type WebhookPost = (
  url: string,
  request: { headers: Record<string, string>; body: string },
) => Promise<{ status: number; body: Uint8Array }>

export const DELIVERY_POLICY = {
  /** The first retry's wait; each later one doubles, up to `maxWaitMs`. */
  firstRetryMs: 30_000,
  maxWaitMs: 2 * 60 * 60 * 1000,
  /** After this long since the event, a failed attempt is the last: the delivery has failed. */
  giveUpAfterMs: 24 * 60 * 60 * 1000,
  /**
   * How long a claim holds: three times the fetcher's 10 s limit, since a batch
   * is sent at once. What a killed process had claimed is sent again after it.
   */
  leaseMs: 30_000,
  batch: 20,
  /** How much of an answer the delivery log keeps. */
  responseExcerpt: 500,
} as const

/** The wait before the attempt after `attempts` failed ones. */
export function retryDelayMs(attempts: number): number {
  const doubled = DELIVERY_POLICY.firstRetryMs * 2 ** Math.max(0, attempts - 1)
  return Math.min(DELIVERY_POLICY.maxWaitMs, doubled)
}

const excerpt = (text: string): string =>
  text.length > DELIVERY_POLICY.responseExcerpt
    ? `${text.slice(0, DELIVERY_POLICY.responseExcerpt)}…`
    : text

/** The Standard Webhooks headers for one attempt. */
export function signedHeaders(delivery: ClaimedDelivery, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000)
  return {
    'content-type': 'application/json',
    'user-agent': 'Dateline-Webhooks/1',
    'webhook-id': delivery.messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': webhookSignature(
      delivery.endpoint.secret,
      delivery.messageId,
      timestamp,
      delivery.payload,
    ),
  }
}

export interface DeliveryDeps {
  stores: UnitOfWork
  clock: Clock
  post: WebhookPost
  /** This process's name on its claims. */
  owner: string
}

/** Sends one claimed delivery and says how it went. */
async function attempt(
  { clock, post }: DeliveryDeps,
  delivery: ClaimedDelivery,
): Promise<AttemptOutcome> {
  const started = clock.now()
  let statusCode: number | null = null
  let response: string
  try {
    const answer = await post(delivery.endpoint.url, {
      headers: signedHeaders(delivery, started),
      body: delivery.payload,
    })
    statusCode = answer.status
    response = excerpt(Buffer.from(answer.body).toString('utf8'))
  } catch (error) {
    response = excerpt(`Not sent: ${error instanceof Error ? error.message : String(error)}`)
  }
  const at = clock.now()
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
    return { status: 'delivered', at, nextAttemptAt: at, statusCode, response }
  }
  const next = new Date(at.getTime() + retryDelayMs(delivery.attempts + 1))
  const deadline = delivery.createdAt.getTime() + DELIVERY_POLICY.giveUpAfterMs
  const status = next.getTime() > deadline ? 'failed' : 'pending'
  return { status, at, nextAttemptAt: next, statusCode, response }
}

/**
 * Claims what is due and sends it, batch after batch, until nothing due is
 * left. Returns how many attempts were made.
 */
export async function deliverDue(deps: DeliveryDeps): Promise<number> {
  const { stores, clock, owner } = deps
  let made = 0
  for (;;) {
    const now = clock.now()
    const until = new Date(now.getTime() + DELIVERY_POLICY.leaseMs)
    const claimed = await stores.webhooks.claimDue(owner, now, until, DELIVERY_POLICY.batch)
    if (claimed.length === 0) return made
    await Promise.all(
      claimed.map(async (delivery) => {
        const outcome = await attempt(deps, delivery)
        await stores.webhooks.recordAttempt(delivery.id, owner, outcome)
      }),
    )
    made += claimed.length
  }
}
