import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Where each imported article came from (a file of an archive, a post of a
// WordPress export…), so that importing the same source again updates the
// article it made instead of adding another.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // SQLite: keyed by text, so stored in its primary-key B-tree (one search per lookup).
  const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``
  await db.schema
    .createTable('import_sources')
    .addColumn('source_key', 'text', (col) => col.primaryKey())
    .addColumn('article_id', 'text', (col) =>
      col.notNull().references('articles.id').onDelete('cascade'),
    )
    .modifyEnd(clustered)
    .execute()
  await db.schema
    .createIndex('import_sources_article')
    .on('import_sources')
    .column('article_id')
    .execute()
}
