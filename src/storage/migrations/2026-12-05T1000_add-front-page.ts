import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// The arranged front page: the stories editors placed (position 0 leads), each
// perhaps pinned until a time; the breaking-news banner (one row at most); and
// the order and visibility of the sections' blocks on the home page.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'
  const truth = dialect === 'postgres' ? 'boolean' : 'integer'
  await db.schema
    .createTable('front_page_placements')
    // A deleted story leaves the front page with it.
    .addColumn('article_id', 'text', (col) =>
      col.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('pinned_until', time)
    .addColumn('placed_at', time, (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('front_page_banner')
    // One banner at a time: the row's key is always 'current'.
    .addColumn('slot', 'text', (col) => col.primaryKey())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('article_id', 'text', (col) => col.references('articles.id').onDelete('set null'))
    .addColumn('expires_at', time, (col) => col.notNull())
    .addColumn('raised_at', time, (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('front_page_sections')
    .addColumn('section_id', 'text', (col) =>
      col.primaryKey().references('sections.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('shown', truth, (col) => col.notNull())
    .execute()
}
