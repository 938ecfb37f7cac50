import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Search ranks only the newest matches of a common word (storage/search-dialect.ts).
// PostgreSQL finds them by walking this index backwards and checking each row
// against the query, instead of reading every match the GIN index gives. SQLite
// needs none: its FTS5 rowids (doc_id) already run oldest to newest.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return
  await db.schema
    .createIndex('article_search_newest')
    .on('article_search')
    .columns(['published_at', 'article_id'])
    .execute()
}
