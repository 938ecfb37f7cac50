// The webhooks' tables: endpoints, the events each hears, and the outbox.
import type { NullableTime, Time } from './schema-columns.js'

export interface WebhookEndpointTable {
  id: string
  url: string
  description: string
  /** `whsec_` and base64: kept as typed, since every delivery is signed with it. */
  secret: string
  /** 1 or 0 in both databases. */
  enabled: number
  created_at: Time
  updated_at: Time
}

export interface WebhookEndpointEventTable {
  endpoint_id: string
  event: string
}

/** The outbox: one row per message and endpoint, kept until delivered or given up. */
export interface WebhookDeliveryTable {
  /** message_id + '/' + endpoint_id */
  id: string
  message_id: string
  endpoint_id: string
  event: string
  payload: string
  status: string
  attempts: number
  created_at: Time
  next_attempt_at: Time
  claimed_by: string | null
  claimed_until: NullableTime
  last_attempt_at: NullableTime
  last_status_code: number | null
  last_response: string | null
  delivered_at: NullableTime
}

/** The webhooks' part of the Database interface. */
export interface WebhookTables {
  webhook_endpoints: WebhookEndpointTable
  webhook_endpoint_events: WebhookEndpointEventTable
  webhook_deliveries: WebhookDeliveryTable
}
