import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Story threads: a running story's articles, grouped and ordered by editors.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'
  const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``

  await db.schema
    .createTable('threads')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('updated_at', time, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .execute()
  // The newsroom's list: most recently changed first.
  await db.schema
    .createIndex('threads_updated_at')
    .on('threads')
    .columns(['updated_at', 'id'])
    .execute()

  await db.schema
    .createTable('thread_articles')
    .addColumn('thread_id', 'text', (col) =>
      col.notNull().references('threads.id').onDelete('cascade'),
    )
    .addColumn('article_id', 'text', (col) =>
      col.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (col) => col.notNull())
    // Keyed in thread order: a thread's articles are one range scan, already sorted.
    .addPrimaryKeyConstraint('thread_articles_pk', ['thread_id', 'position'])
    // An article belongs to one thread at most; this is also the article page's lookup.
    .addUniqueConstraint('thread_articles_article', ['article_id'])
    .modifyEnd(clustered)
    .execute()
}
