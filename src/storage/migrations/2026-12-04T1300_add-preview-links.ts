import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Preview links: a draft shown to someone outside the newsroom, by a link
// that expires and can be revoked. Only the SHA-256 of the link's token is kept.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'
  await db.schema
    .createTable('preview_links')
    .addColumn('id', 'text', (col) => col.primaryKey())
    // The SHA-256 of the token in the link: a copy of this table opens no drafts.
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('article_id', 'text', (col) =>
      col.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('created_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('expires_at', time, (col) => col.notNull())
    .addColumn('revoked_at', time)
    .execute()
  await db.schema
    .createIndex('preview_links_article')
    .on('preview_links')
    .columns(['article_id', 'expires_at'])
    .execute()
}
