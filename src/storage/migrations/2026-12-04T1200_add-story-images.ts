import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Pictures on stories: an article's lead image, an author's photo, and crops
// (a part of the picture around its focal point) among an image's renditions.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // The part of the original a crop shows, in millionths of its width and height; null: all of it.
  for (const column of ['crop_left', 'crop_top', 'crop_width', 'crop_height']) {
    await db.schema.alterTable('media_renditions').addColumn(column, 'integer').execute()
  }
  // An article's body images in the order it shows them.
  await db.schema
    .alterTable('media_usages')
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  // No cascade: an image in use cannot be deleted (media_usages says where).
  await db.schema
    .alterTable('articles')
    .addColumn('lead_image_id', 'text', (col) => col.references('media_items.id'))
    .execute()
  await db.schema
    .alterTable('authors')
    .addColumn('photo_id', 'text', (col) => col.references('media_items.id'))
    .execute()
  // Deleting an image checks these references: by index, not by reading every article.
  await db.schema
    .createIndex('articles_lead_image')
    .on('articles')
    .column('lead_image_id')
    .execute()
  await db.schema.createIndex('authors_photo').on('authors').column('photo_id').execute()
  // Images uploaded before crops existed: the background job plans and makes theirs.
  await db
    .updateTable('media_items')
    .set({ renditions_status: 'pending', renditions_attempts: 0, renditions_claimed_at: null })
    .where('renditions_status', '=', 'ready')
    .execute()
}
