// The writes that make the comment limits hold under concurrency. A network's
// attempts in a rate-limit window are a counter row, taken by one upsert that
// increments it only while it is below the limit and returns it: requests sent
// together are ordered by the row's lock (PostgreSQL) or the one writer
// (SQLite), so no more than the limit are ever let through. Duplicates are held
// by unique indexes at insert (comment-store.ts).
import type { Kysely } from 'kysely'
import type { AttemptReservation } from '../domain/comments/comment-store.js'
import type { Database } from './schema.js'

export async function reserveCommentAttempt(
  db: Kysely<Database>,
  { networkHash, window, limit }: AttemptReservation,
): Promise<boolean> {
  if (limit < 1) return false
  const row = await db
    .insertInto('comment_rate_windows')
    .values({ network_hash: networkHash, window_number: window, attempts: 1 })
    .onConflict((oc) =>
      oc
        .columns(['network_hash', 'window_number'])
        .doUpdateSet((eb) => ({ attempts: eb('comment_rate_windows.attempts', '+', 1) }))
        .where('comment_rate_windows.attempts', '<', limit),
    )
    .returning('attempts')
    .executeTakeFirst()
  // No row: the conflicting row was at the limit, and the update did not happen.
  return row !== undefined
}

export async function forgetRateWindowsBefore(db: Kysely<Database>, window: number): Promise<void> {
  await db.deleteFrom('comment_rate_windows').where('window_number', '<', window).execute()
}
