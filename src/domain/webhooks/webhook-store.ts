import type {
  CheckedEndpoint,
  SigningEndpoint,
  WebhookEndpoint,
  WebhookEvent,
  WebhookMessage,
} from './webhook.js'

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

/** One message to one endpoint, as the delivery log shows it. */
export interface WebhookDelivery {
  id: string
  messageId: string
  endpointId: string
  event: string
  payload: string
  status: DeliveryStatus
  attempts: number
  createdAt: Date
  nextAttemptAt: Date
  lastAttemptAt: Date | null
  lastStatusCode: number | null
  /** The start of the last answer's body, or why there was none. */
  lastResponse: string | null
  deliveredAt: Date | null
}

/** A delivery claimed for sending, with what signing it takes. */
export interface ClaimedDelivery extends WebhookDelivery {
  endpoint: SigningEndpoint
}

/** How an attempt ended, as the sender writes it back. */
export interface AttemptOutcome {
  status: DeliveryStatus
  at: Date
  nextAttemptAt: Date
  statusCode: number | null
  response: string
}

export interface WebhookStore {
  listEndpoints(): Promise<WebhookEndpoint[]>
  findEndpoint(id: string): Promise<WebhookEndpoint | undefined>
  countEndpoints(): Promise<number>
  insertEndpoint(
    endpoint: CheckedEndpoint & { id: string; secret: string; createdAt: Date },
  ): Promise<void>
  updateEndpoint(id: string, endpoint: CheckedEndpoint, at: Date): Promise<void>
  setSecret(id: string, secret: string, at: Date): Promise<void>
  deleteEndpoint(id: string): Promise<void>
  /**
   * Writes the message once for every enabled endpoint that hears its type (or
   * for `endpointId` alone, enabled or not: a test), in one statement: the outbox, inside the caller's transaction.
   */
  enqueue(message: WebhookMessage, options?: { endpointId?: string }): Promise<void>
  /**
   * Claims up to `limit` pending deliveries due at `now` for `owner` until
   * `until`, atomically: of several processes, one claims each.
   */
  claimDue(owner: string, now: Date, until: Date, limit: number): Promise<ClaimedDelivery[]>
  /** Writes an attempt back, only while `owner` still holds the claim. */
  recordAttempt(id: string, owner: string, outcome: AttemptOutcome): Promise<void>
  /** The endpoint's deliveries, newest first. */
  listDeliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]>
  /** The soonest a pending delivery is due, for the sender's wait. */
  nextDue(): Promise<Date | undefined>
}

export type { WebhookEvent }
