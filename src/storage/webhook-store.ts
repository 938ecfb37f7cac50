import { sql, type Kysely, type Selectable } from 'kysely'
import { compiledOnceWith } from './compiled-once.js'
import type { WebhookEndpoint, WebhookEvent } from '../domain/webhooks/webhook.js'
import type {
  DeliveryStatus,
  WebhookDelivery,
  WebhookStore,
} from '../domain/webhooks/webhook-store.js'
import { fromDbTime, fromNullableDbTime, toDbTime, type DialectName } from './dialect.js'
import type { Database } from './schema.js'
import type { WebhookDeliveryTable, WebhookEndpointTable } from './schema-webhooks.js'

/** What a delivery is enqueued with; the rest is written by its attempts. */
const NEW_DELIVERY_COLUMNS = [
  'id',
  'message_id',
  'endpoint_id',
  'event',
  'payload',
  'status',
  'attempts',
  'created_at',
  'next_attempt_at',
] as const

const DELIVERY_COLUMNS = [
  ...NEW_DELIVERY_COLUMNS,
  'last_attempt_at',
  'last_status_code',
  'last_response',
  'delivered_at',
] as const

type DeliveryRow = Pick<Selectable<WebhookDeliveryTable>, (typeof DELIVERY_COLUMNS)[number]>

interface NewDeliveries {
  message_id: string
  event: string
  payload: string
  at: string
}

/**
 * A message's deliveries, one per chosen endpoint, written by one statement:
 * compiled once, as every comment and article change enqueues a message
 * whether or not any endpoint listens. With `endpoint_id`, to that endpoint
 * whatever it subscribes to (a test message, a redelivery); without, to
 * every enabled endpoint that subscribes to the message's event.
 */
function deliveriesTo(db: Kysely<Database>, slots: NewDeliveries & { endpoint_id?: string }) {
  const endpoints = db
    .selectFrom('webhook_endpoints as e')
    .select((eb) => [
      sql<string>`${slots.message_id} || '/' || e.id`.as('id'),
      eb.val(slots.message_id).as('message_id'),
      'e.id as endpoint_id',
      eb.val(slots.event).as('event'),
      eb.val(slots.payload).as('payload'),
      eb.val('pending').as('status'),
      eb.val(0).as('attempts'),
      eb.val(slots.at).as('created_at'),
      eb.val(slots.at).as('next_attempt_at'),
    ])
  const chosen =
    slots.endpoint_id !== undefined
      ? endpoints.where('e.id', '=', slots.endpoint_id)
      : endpoints
          .where('e.enabled', '=', 1)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('webhook_endpoint_events as ev')
                .select('ev.event')
                .whereRef('ev.endpoint_id', '=', 'e.id')
                .where('ev.event', '=', slots.event),
            ),
          )
  return db.insertInto('webhook_deliveries').columns(NEW_DELIVERY_COLUMNS).expression(chosen)
}

const enqueueForSubscribers = compiledOnceWith<NewDeliveries, never>((db, _dialect, slots) =>
  deliveriesTo(db, slots),
)
const enqueueForEndpoint = compiledOnceWith<NewDeliveries & { endpoint_id: string }, never>(
  (db, _dialect, slots) => deliveriesTo(db, slots),
)

function deliveryOf(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    messageId: row.message_id,
    endpointId: row.endpoint_id,
    event: row.event,
    payload: row.payload,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    createdAt: fromDbTime(row.created_at),
    nextAttemptAt: fromDbTime(row.next_attempt_at),
    lastAttemptAt: fromNullableDbTime(row.last_attempt_at),
    lastStatusCode: row.last_status_code,
    lastResponse: row.last_response,
    deliveredAt: fromNullableDbTime(row.delivered_at),
  }
}

function endpointOf(
  row: Omit<Selectable<WebhookEndpointTable>, 'secret'>,
  events: WebhookEvent[],
): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events,
    enabled: row.enabled === 1,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
  }
}

const ENDPOINT_COLUMNS = [
  'id',
  'url',
  'description',
  'enabled',
  'created_at',
  'updated_at',
] as const

export function createWebhookStore(db: Kysely<Database>, dialect: DialectName): WebhookStore {
  async function eventsOf(ids: readonly string[]): Promise<Map<string, WebhookEvent[]>> {
    const map = new Map<string, WebhookEvent[]>()
    if (ids.length === 0) return map
    const rows = await db
      .selectFrom('webhook_endpoint_events')
      .select(['endpoint_id', 'event'])
      .where('endpoint_id', 'in', ids)
      .execute()
    for (const row of rows) {
      map.set(row.endpoint_id, [...(map.get(row.endpoint_id) ?? []), row.event as WebhookEvent])
    }
    return map
  }

  async function writeEvents(id: string, events: readonly WebhookEvent[]): Promise<void> {
    await db.deleteFrom('webhook_endpoint_events').where('endpoint_id', '=', id).execute()
    await db
      .insertInto('webhook_endpoint_events')
      .values(events.map((event) => ({ endpoint_id: id, event })))
      .execute()
  }

  return {
    async listEndpoints() {
      const rows = await db
        .selectFrom('webhook_endpoints')
        .select(ENDPOINT_COLUMNS)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
      const events = await eventsOf(rows.map((row) => row.id))
      return rows.map((row) => endpointOf(row, events.get(row.id) ?? []))
    },
    async findEndpoint(id) {
      const row = await db
        .selectFrom('webhook_endpoints')
        .select(ENDPOINT_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst()
      return row && endpointOf(row, (await eventsOf([id])).get(id) ?? [])
    },
    async countEndpoints() {
      const row = await db
        .selectFrom('webhook_endpoints')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow()
      return Number(row.count)
    },
    async insertEndpoint(endpoint) {
      await db
        .insertInto('webhook_endpoints')
        .values({
          id: endpoint.id,
          url: endpoint.url,
          description: endpoint.description,
          secret: endpoint.secret,
          enabled: endpoint.enabled ? 1 : 0,
          created_at: toDbTime(endpoint.createdAt),
          updated_at: toDbTime(endpoint.createdAt),
        })
        .execute()
      await writeEvents(endpoint.id, endpoint.events)
    },
    async updateEndpoint(id, endpoint, at) {
      await db
        .updateTable('webhook_endpoints')
        .set({
          url: endpoint.url,
          description: endpoint.description,
          enabled: endpoint.enabled ? 1 : 0,
          updated_at: toDbTime(at),
        })
        .where('id', '=', id)
        .execute()
      await writeEvents(id, endpoint.events)
    },
    async setSecret(id, secret, at) {
      await db
        .updateTable('webhook_endpoints')
        .set({ secret, updated_at: toDbTime(at) })
        .where('id', '=', id)
        .execute()
    },
    async deleteEndpoint(id) {
      await db.deleteFrom('webhook_endpoints').where('id', '=', id).execute()
    },
    async enqueue(message, { endpointId } = {}) {
      const at = toDbTime(message.createdAt)
      const values = {
        message_id: message.id,
        event: message.type,
        payload: message.payload,
        at,
      }
      if (endpointId === undefined) await enqueueForSubscribers(db, dialect, values)
      else await enqueueForEndpoint(db, dialect, { ...values, endpoint_id: endpointId })
    },
    claimDue: (owner, now, until, limit) => claimDue(db, dialect, { owner, now, until, limit }),
    async recordAttempt(id, owner, outcome) {
      await db
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          status: outcome.status,
          attempts: eb('attempts', '+', 1),
          last_attempt_at: toDbTime(outcome.at),
          next_attempt_at: toDbTime(outcome.nextAttemptAt),
          last_status_code: outcome.statusCode,
          last_response: outcome.response,
          delivered_at: outcome.status === 'delivered' ? toDbTime(outcome.at) : null,
          claimed_by: null,
          claimed_until: null,
        }))
        .where('id', '=', id)
        .where('claimed_by', '=', owner)
        .execute()
    },
    async listDeliveries(endpointId, limit) {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select(DELIVERY_COLUMNS)
        .where('endpoint_id', '=', endpointId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map(deliveryOf)
    },
    async nextDue() {
      const row = await db
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('status', '=', 'pending')
        .executeTakeFirst()
      return row?.next ? fromDbTime(row.next) : undefined
    },
  }
}

/**
 * Claims due deliveries for `owner` with a lease: the condition is repeated
 * outside the subquery, so that of two processes that picked the same row the
 * second finds it claimed when its update runs. PostgreSQL also skips rows
 * another claim has locked, rather than waiting for it.
 */
async function claimDue(
  db: Kysely<Database>,
  dialect: DialectName,
  { owner, now, until, limit }: { owner: string; now: Date; until: Date; limit: number },
) {
  const at = toDbTime(now)
  let pick = db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .orderBy('next_attempt_at')
    .limit(limit)
  if (dialect === 'postgres') pick = pick.forUpdate().skipLocked()
  // Picked once, in a materialized CTE: PostgreSQL may run an IN (… LIMIT n) subquery
  // again for each row it updates, and so claim more than n.
  const rows = await db
    .with(
      (cte) => cte('picked').materialized(),
      () => pick,
    )
    .updateTable('webhook_deliveries')
    .set({ claimed_by: owner, claimed_until: toDbTime(until) })
    .where('id', 'in', (eb) => eb.selectFrom('picked').select('picked.id'))
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .returning(DELIVERY_COLUMNS)
    .execute()
  if (rows.length === 0) return []
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'url', 'secret'])
    .where(
      'id',
      'in',
      rows.map((row) => row.endpoint_id),
    )
    .execute()
  const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]))
  return rows.flatMap((row) => {
    const endpoint = byId.get(row.endpoint_id)
    return endpoint ? [{ ...deliveryOf(row), endpoint }] : []
  })
}
