// Webhooks as Standard Webhooks describes them: endpoints an admin registers,
// the events they hear, `whsec_` secrets, and the `{type, timestamp, data}` payload.
import { createHmac, randomBytes } from 'node:crypto'
import { ValidationError } from '../errors.js'

export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.corrected',
  'article.deleted',
  'comment.held',
  'comment.published',
] as const

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export const isWebhookEvent = (value: string): value is WebhookEvent =>
  (WEBHOOK_EVENTS as readonly string[]).includes(value)

export const WEBHOOK_LIMITS = { url: 2000, description: 200, endpoints: 50 } as const

export interface WebhookEndpoint {
  id: string
  url: string
  description: string
  events: WebhookEvent[]
  enabled: boolean
  createdAt: Date
  updatedAt: Date
}

/** What the sender needs: the endpoint with its secret. */
export interface SigningEndpoint {
  id: string
  url: string
  secret: string
}

export interface WebhookMessage {
  /** The Standard Webhooks `webhook-id`: the same for every attempt, and every endpoint. */
  id: string
  type: WebhookEvent | 'webhook.test'
  /** The JSON body: `{type, timestamp, data}`. */
  payload: string
  createdAt: Date
}

/** `whsec_` and the base64 of 32 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`

/** Builds a message: a `msg_` id and the Standard Webhooks payload. */
export function webhookMessage(
  id: string,
  type: WebhookMessage['type'],
  data: Record<string, unknown>,
  now: Date,
): WebhookMessage {
  const payload = JSON.stringify({ type, timestamp: now.toISOString(), data })
  return { id: `msg_${id}`, type, payload, createdAt: now }
}

/**
 * The `webhook-signature` header's value: `v1,` and the base64 HMAC-SHA256 of
 * `id.timestamp.body`, keyed with the secret's base64-decoded bytes.
 */
export function webhookSignature(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')
  return `v1,${mac}`
}

/** Why a target may not be called (a literal private or loopback address), or null. */
export type TargetCheck = (hostname: string) => string | null

export interface EndpointInput {
  url: string
  description: string
  events: readonly string[]
  enabled: boolean
}

export type CheckedEndpoint = Omit<EndpointInput, 'events'> & { events: WebhookEvent[] }

function checkedUrl(raw: string, refusal: TargetCheck): string {
  const url = raw.trim()
  const fail = (message: string) => new ValidationError('invalid_url', message, { field: 'url' })
  if (url === '') throw fail('Enter the address to send events to.')
  if (url.length > WEBHOOK_LIMITS.url) {
    throw fail(`The address is longer than ${WEBHOOK_LIMITS.url} characters.`)
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw fail('Enter a full address, such as https://example.com/hooks.')
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw fail('The address must start with https:// or http://.')
  }
  if (parsed.username || parsed.password) {
    throw fail('The address may not carry a user name or password.')
  }
  const refused = refusal(parsed.hostname.replace(/^\[|\]$/g, ''))
  if (refused) throw fail(`That address cannot be called: ${refused}.`)
  return parsed.href
}

/** An endpoint's fields checked, each problem a ValidationError naming its field. */
export function checkEndpointInput(input: EndpointInput, refusal: TargetCheck): CheckedEndpoint {
  const url = checkedUrl(input.url, refusal)
  const description = input.description.trim()
  if (description.length > WEBHOOK_LIMITS.description) {
    throw new ValidationError(
      'invalid_description',
      `The description is longer than ${WEBHOOK_LIMITS.description} characters.`,
      { field: 'description' },
    )
  }
  const unknown = input.events.filter((event) => !isWebhookEvent(event))
  if (unknown.length > 0) {
    throw new ValidationError('invalid_events', `No such event: ${unknown.join(', ')}.`, {
      field: 'events',
    })
  }
  const events = WEBHOOK_EVENTS.filter((event) => input.events.includes(event))
  if (events.length === 0) {
    throw new ValidationError('invalid_events', 'Choose at least one event.', { field: 'events' })
  }
  return { url, description, events, enabled: input.enabled }
}
