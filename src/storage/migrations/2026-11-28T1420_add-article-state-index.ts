import type { Kysely } from 'kysely'

// Frozen in time: this file never imports the app's schema or code.
// Checking a few articles' status and publication time by id (related coverage,
// summaries of chosen stories, tag listings) must not read their rows: SQLite
// stores `status` and `published_at` after the body, so reading them loads the
// body's overflow pages too. This index answers those checks on its own.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('articles_state_by_id')
    .on('articles')
    .columns(['id', 'status', 'published_at'])
    .execute()
}
