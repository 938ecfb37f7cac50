import { sql, type Kysely } from 'kysely'
import type { AttemptCounterStore } from '../domain/accounts/account-stores.js'
import { toDbTime } from './dialect.js'
import type { Database } from './schema.js'

export function createAttemptCounterStore(db: Kysely<Database>): AttemptCounterStore {
  return {
    // One statement on both databases: the row is created at 1, or raised by one only while
    // below the limit. PostgreSQL re-checks the WHERE against the row as the last writer left
    // it, and SQLite runs one writer at a time, so concurrent attempts never all see one count.
    async reserve(key, windowStart, limit) {
      const row = await db
        .insertInto('sign_in_attempts')
        .values({ key, window_start: toDbTime(windowStart), count: 1 })
        .onConflict((conflict) =>
          conflict
            .columns(['key', 'window_start'])
            .doUpdateSet({ count: sql<number>`sign_in_attempts.count + 1` })
            .where('sign_in_attempts.count', '<', limit),
        )
        .returning('count')
        .executeTakeFirst()
      return row === undefined ? undefined : Number(row.count)
    },

    async release(key, windowStart) {
      await db
        .updateTable('sign_in_attempts')
        .set({ count: sql<number>`count - 1` })
        .where('key', '=', key)
        .where('window_start', '=', toDbTime(windowStart))
        .where('count', '>', 0)
        .execute()
    },

    // Neither database deletes with a LIMIT in the same words, so the batch is chosen by a
    // bounded subquery on the window index.
    async pruneBefore(before, max) {
      await sql`
        delete from sign_in_attempts where (key, window_start) in (
          select key, window_start from sign_in_attempts
          where window_start < ${toDbTime(before)}
          limit ${max}
        )
      `.execute(db)
    },
  }
}
