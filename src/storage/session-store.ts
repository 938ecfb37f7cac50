import type { Kysely } from 'kysely'
import type { LoginFailureStore, SessionStore } from '../domain/accounts/account-stores.js'
import { fromDbCount, fromDbTime, toDbTime } from './dialect.js'
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
        })
        .execute()
    },

    async findById(id) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      return (
        row && {
          id: row.id,
          userId: row.user_id,
          createdAt: fromDbTime(row.created_at),
          lastSeenAt: fromDbTime(row.last_seen_at),
          expiresAt: fromDbTime(row.expires_at),
        }
      )
    },

    async touch(id, lastSeenAt, expiresAt) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: toDbTime(lastSeenAt), expires_at: toDbTime(expiresAt) })
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

export function createLoginFailureStore(db: Kysely<Database>): LoginFailureStore {
  async function count(column: 'email' | 'ip', value: string, since: Date): Promise<number> {
    const row = await db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where(column, '=', value)
      .where('at', '>', toDbTime(since))
      .executeTakeFirstOrThrow()
    return fromDbCount(row.count)
  }

  async function oldest(
    column: 'email' | 'ip',
    value: string,
    since: Date,
  ): Promise<Date | undefined> {
    const row = await db
      .selectFrom('login_failures')
      .select('at')
      .where(column, '=', value)
      .where('at', '>', toDbTime(since))
      .orderBy('at')
      .limit(1)
      .executeTakeFirst()
    return row && fromDbTime(row.at)
  }

  return {
    async record(failure) {
      await db
        .insertInto('login_failures')
        .values({ id: failure.id, email: failure.email, ip: failure.ip, at: toDbTime(failure.at) })
        .execute()
    },
    countForEmailSince: (email, since) => count('email', email, since),
    countForIpSince: (ip, since) => count('ip', ip, since),
    oldestForEmailSince: (email, since) => oldest('email', email, since),
    oldestForIpSince: (ip, since) => oldest('ip', ip, since),
    async clearEmail(email) {
      await db.deleteFrom('login_failures').where('email', '=', email).execute()
    },
  }
}
