import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Related coverage is computed when articles change and kept here, one row per
// published article: its related stories' ids, best first, as a JSON list. A
// first read of an article scored some hundred candidates (about a sixth of
// its CPU); it now reads the kept list. No row: not yet computed
// (articles from before this migration, until the server fills them in).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('related_lists')
    .addColumn('article_id', 'text', (col) =>
      col.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('related_ids', 'text', (col) => col.notNull())
    .modifyEnd(dialect === 'sqlite' ? sql`without rowid` : sql``)
    .execute()
}
