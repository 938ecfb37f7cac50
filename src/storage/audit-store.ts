import type { Kysely } from 'kysely'
import type { AuditAction, AuditStore } from '../domain/audit/audit.js'
import { fromDbCount, fromDbTime, toDbTime } from './dialect.js'
import type { Database } from './schema.js'

export function createAuditStore(db: Kysely<Database>): AuditStore {
  return {
    async insert(event) {
      await db
        .insertInto('audit_events')
        .values({
          id: event.id,
          at: toDbTime(event.at),
          actor_id: event.actorId,
          actor_name: event.actorName,
          action: event.action,
          subject: event.subject,
          details: event.details,
        })
        .execute()
    },

    async list({ limit, offset }) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute()
      return rows.map((row) => ({
        id: row.id,
        at: fromDbTime(row.at),
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action as AuditAction,
        subject: row.subject,
        details: row.details,
      }))
    },

    async count() {
      const row = await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow()
      return fromDbCount(row.count)
    },
  }
}
