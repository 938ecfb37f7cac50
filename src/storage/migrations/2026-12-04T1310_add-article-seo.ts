import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// An article's own words for search results and shares ('' for the default),
// and the picture shares show instead of its lead image.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const column of ['meta_title', 'meta_description', 'social_title', 'social_description']) {
    await db.schema
      .alterTable('articles')
      .addColumn(column, 'text', (col) => col.notNull().defaultTo(''))
      .execute()
  }
  // No cascade: an image in use cannot be deleted (media_usages says where).
  await db.schema
    .alterTable('articles')
    .addColumn('social_image_id', 'text', (col) => col.references('media_items.id'))
    .execute()
  await db.schema
    .createIndex('articles_social_image')
    .on('articles')
    .column('social_image_id')
    .execute()
}
