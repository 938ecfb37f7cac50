import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'
  // SQLite: small tables keyed by text are stored in their primary-key B-tree, so a lookup
  // by id is one search instead of two (index, then rowid). PostgreSQL has no such option.
  const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``

  await db.schema
    .createTable('sections')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('updated_at', time, (col) => col.notNull())
    .modifyEnd(clustered)
    .execute()

  await db.schema
    .createTable('authors')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('bio', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('updated_at', time, (col) => col.notNull())
    .modifyEnd(clustered)
    .execute()

  await db.schema
    .createTable('tags')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', time, (col) => col.notNull())
    .modifyEnd(clustered)
    .execute()

  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('headline', 'text', (col) => col.notNull())
    .addColumn('standfirst', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('dateline', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('key_points', 'text', (col) => col.notNull().defaultTo('[]'))
    // One line for listings, made from the fields when they are saved: a listing never reads bodies.
    .addColumn('brief', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('section_id', 'text', (col) => col.notNull().references('sections.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('published_at', time)
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('updated_at', time, (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('import_key', 'text', (col) => col.unique())
    .execute()

  // Listings: newest published first, site-wide and per section.
  await db.schema
    .createIndex('articles_status_published_at')
    .on('articles')
    .columns(['status', 'published_at', 'id'])
    .execute()
  await db.schema
    .createIndex('articles_section_status_published_at')
    .on('articles')
    .columns(['section_id', 'status', 'published_at', 'id'])
    .execute()

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', 'text', (col) =>
      col.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'text', (col) => col.notNull().references('authors.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    // Keyed in byline order: an article's bylines are one range scan, already sorted.
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'position'])
    .addUniqueConstraint('article_authors_article_author', ['article_id', 'author_id'])
    .modifyEnd(clustered)
    .execute()
  await db.schema
    .createIndex('article_authors_author')
    .on('article_authors')
    .columns(['author_id', 'article_id'])
    .execute()

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'text', (col) =>
      col.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'text', (col) => col.notNull().references('tags.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'position'])
    .addUniqueConstraint('article_tags_article_tag', ['article_id', 'tag_id'])
    .modifyEnd(clustered)
    .execute()
  await db.schema
    .createIndex('article_tags_tag')
    .on('article_tags')
    .columns(['tag_id', 'article_id'])
    .execute()
}
