import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// The media library: images, their renditions, and where each is used.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'
  const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``

  await db.schema
    .createTable('media_items')
    .addColumn('id', 'text', (col) => col.primaryKey())
    // SHA-256 of the original: one item per file, across every app process.
    .addColumn('content_hash', 'text', (col) => col.notNull().unique())
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('format', 'text', (col) => col.notNull())
    .addColumn('width', 'integer', (col) => col.notNull())
    .addColumn('height', 'integer', (col) => col.notNull())
    .addColumn('byte_size', 'integer', (col) => col.notNull())
    .addColumn('alt', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('decorative', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('caption', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('credit', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('copyright', 'text', (col) => col.notNull().defaultTo(''))
    // In ten-thousandths of the width and height: integers read back the same on both databases.
    .addColumn('focal_x', 'integer', (col) => col.notNull().defaultTo(5000))
    .addColumn('focal_y', 'integer', (col) => col.notNull().defaultTo(5000))
    // Caption, credit and file name, lower-cased by the app (SQLite's lower() knows only ASCII).
    .addColumn('search_text', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('updated_at', time, (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('renditions_status', 'text', (col) => col.notNull())
    .addColumn('renditions_claimed_at', time)
    .addColumn('renditions_attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  // The library's grid: newest first.
  await db.schema
    .createIndex('media_items_created')
    .on('media_items')
    .columns(['created_at', 'id'])
    .execute()
  // The background job's queue: pending items, oldest first.
  await db.schema
    .createIndex('media_items_renditions')
    .on('media_items')
    .columns(['renditions_status', 'created_at'])
    .execute()

  await db.schema
    .createTable('media_renditions')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('media_id', 'text', (col) =>
      col.notNull().references('media_items.id').onDelete('cascade'),
    )
    .addColumn('format', 'text', (col) => col.notNull())
    .addColumn('width', 'integer', (col) => col.notNull())
    .addColumn('height', 'integer', (col) => col.notNull())
    // Both null until the rendition is made.
    .addColumn('byte_size', 'integer')
    .addColumn('made_at', time)
    .modifyEnd(clustered)
    .execute()
  await db.schema
    .createIndex('media_renditions_media')
    .on('media_renditions')
    .columns(['media_id', 'width'])
    .execute()

  await db.schema
    .createTable('media_usages')
    // No cascade: an image in use cannot be deleted, and the database holds to that too.
    .addColumn('media_id', 'text', (col) => col.notNull().references('media_items.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('media_usages_pk', ['media_id', 'kind', 'owner_id'])
    .modifyEnd(clustered)
    .execute()
  // "What does this article use?" when an article is saved.
  await db.schema
    .createIndex('media_usages_owner')
    .on('media_usages')
    .columns(['kind', 'owner_id'])
    .execute()
}
