import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Sitemaps read when each published article last changed: every article's, per
// sitemap file, per section, per author and per tag. `updated_at` lies after the
// body in an article's row, so SQLite read every body to answer (3 s for the
// sitemap index at 100,000 articles). These indexes hold what those reads need,
// so they never touch a row: the sitemap files in published order with slug and
// time; the published articles by section (how many, the newest change of each);
// an article's state by id, for bylines and tags.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createIndex('articles_sitemap')
    .on('articles')
    .columns(['status', 'published_at', 'id', 'slug', 'updated_at'])
    .execute()
  await db.schema
    .createIndex('articles_status_section_updated')
    .on('articles')
    .columns(['status', 'section_id', 'updated_at'])
    .execute()
  await db.schema
    .createIndex('articles_state_updated')
    .on('articles')
    .columns(['id', 'status', 'updated_at'])
    .execute()
}
