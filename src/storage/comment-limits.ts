// The writes that make the comment limits hold under concurrency. A network's
// attempts in a rate-limit window are a counter row, taken by one upsert that
// increments it only while it is below the limit and returns it: requests sent
// together are ordered by the row's lock (PostgreSQL) or the one writer
// (SQLite), so no more than the limit are ever let through. Duplicates are held
// by unique indexes at insert (comment-store.ts).
import type { Kysely } from 'kysely'
import type { AttemptReservation } from '../domain/comments/comment-store.js'
import { compiledOnceWith } from './compiled-once.js'
import type { DialectName } from './dialect.js'
import type { Database } from './schema.js'

const reserve = compiledOnceWith<
  { network_hash: string; window_number: number; limit: number },
  { attempts: number }
>((db, _dialect, slots) =>
  db
    .insertInto('comment_rate_windows')
    .values({ network_hash: slots.network_hash, window_number: slots.window_number, attempts: 1 })
    .onConflict((oc) =>
      oc
        .columns(['network_hash', 'window_number'])
        .doUpdateSet((eb) => ({ attempts: eb('comment_rate_windows.attempts', '+', 1) }))
        .where('comment_rate_windows.attempts', '<', slots.limit),
    )
    .returning('attempts'),
)

export async function reserveCommentAttempt(
  db: Kysely<Database>,
  dialect: DialectName,
  { networkHash, window, limit }: AttemptReservation,
): Promise<boolean> {
  if (limit < 1) return false
  const rows = await reserve(db, dialect, {
    network_hash: networkHash,
    window_number: window,
    limit,
  })
  // No row: the conflicting row was at the limit, and the update did not happen.
  return rows.length > 0
}

export async function forgetRateWindowsBefore(db: Kysely<Database>, window: number): Promise<void> {
  await db.deleteFrom('comment_rate_windows').where('window_number', '<', window).execute()
}
