import type { Kysely } from 'kysely'
import type { SessionStore } from '../domain/accounts/account-stores.js'
import { fromDbTime, fromNullableDbTime, toDbTime } from './dialect.js'
import type { Database } from './schema.js'

export function createSessionStore(db: Kysely<Database>): SessionStore {
  return {
    async insert(session) {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          created_at: toDbTime(session.createdAt),
          last_seen_at: toDbTime(session.lastSeenAt),
          expires_at: toDbTime(session.expiresAt),
          authenticated_at: toDbTime(session.authenticatedAt),
          second_factor_pending: session.secondFactorPending ? 1 : 0,
        })
        .execute()
    },

    async findById(id) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      if (!row) return undefined
      const createdAt = fromDbTime(row.created_at)
      return {
        id: row.id,
        userId: row.user_id,
        createdAt,
        lastSeenAt: fromDbTime(row.last_seen_at),
        expiresAt: fromDbTime(row.expires_at),
        authenticatedAt: fromNullableDbTime(row.authenticated_at) ?? createdAt,
        secondFactorPending: row.second_factor_pending === 1,
      }
    },

    async touch(id, lastSeenAt, expiresAt) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: toDbTime(lastSeenAt), expires_at: toDbTime(expiresAt) })
        .where('id', '=', id)
        .execute()
    },

    async setAuthenticatedAt(id, at) {
      await db
        .updateTable('sessions')
        .set({ authenticated_at: toDbTime(at) })
        .where('id', '=', id)
        .execute()
    },

    async delete(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute()
    },

    async deleteForUser(userId, exceptId) {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId)
      if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
      await query.execute()
    },

    async deleteExpired(now) {
      await db.deleteFrom('sessions').where('expires_at', '<=', toDbTime(now)).execute()
    },
  }
}
