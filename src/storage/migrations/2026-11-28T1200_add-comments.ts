import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Reader comments, bans, site settings, and each article's comment choice.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'

  await db.schema
    .alterTable('articles')
    .addColumn('comment_mode', 'text', (col) => col.notNull().defaultTo('default'))
    .execute()

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('article_id', 'text', (col) =>
      col.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('parent_id', 'text', (col) => col.references('comments.id').onDelete('cascade'))
    .addColumn('author_name', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('moderated_at', time)
    .addColumn('moderated_by', 'text')
    // Keyed hashes (HMAC-SHA-256 with the site key), never the email or address itself.
    .addColumn('email_hash', 'text')
    .addColumn('network_hash', 'text', (col) => col.notNull())
    .addColumn('body_hash', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('comments_article_status_created')
    .on('comments')
    .columns(['article_id', 'status', 'created_at'])
    .execute()
  await db.schema
    .createIndex('comments_status_created')
    .on('comments')
    .columns(['status', 'created_at'])
    .execute()
  await db.schema
    .createIndex('comments_network_created')
    .on('comments')
    .columns(['network_hash', 'created_at'])
    .execute()
  await db.schema
    .createIndex('comments_article_body')
    .on('comments')
    .columns(['article_id', 'body_hash'])
    .execute()
  await db.schema
    .createIndex('comments_email_status')
    .on('comments')
    .columns(['email_hash', 'status'])
    .execute()
  await db.schema
    .createIndex('comments_parent')
    .on('comments')
    .columns(['parent_id', 'status', 'created_at'])
    .execute()

  await db.schema
    .createTable('comment_bans')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('value_hash', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('site_settings')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute()
}
