import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// The newsroom: staff accounts, sessions, login throttling, revisions,
// corrections, the audit log, and the workflow columns on articles.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('author_id', 'text', (col) => col.references('authors.id'))
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('updated_at', time, (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    // The SHA-256 of the token in the cookie: a copy of this table opens no sessions.
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('last_seen_at', time, (col) => col.notNull())
    .addColumn('expires_at', time, (col) => col.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('ip', 'text', (col) => col.notNull())
    .addColumn('at', time, (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('login_failures_email_at')
    .on('login_failures')
    .columns(['email', 'at'])
    .execute()
  await db.schema
    .createIndex('login_failures_ip_at')
    .on('login_failures')
    .columns(['ip', 'at'])
    .execute()

  await db.schema
    .alterTable('articles')
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .execute()
  await db.schema.alterTable('articles').addColumn('scheduled_for', time).execute()
  await db.schema
    .createIndex('articles_status_scheduled_for')
    .on('articles')
    .columns(['status', 'scheduled_for'])
    .execute()
  await db.schema
    .createIndex('articles_created_by')
    .on('articles')
    .columns(['created_by', 'updated_at'])
    .execute()
  await db.schema
    .createIndex('articles_status_updated_at')
    .on('articles')
    .columns(['status', 'updated_at'])
    .execute()

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('article_id', 'text', (col) =>
      col.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    // Kept beside the id: a revision by the importer or the scheduler has no user.
    .addColumn('created_by_name', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    /** JSON: the writer's fields as they were after this save. */
    .addColumn('fields', 'text', (col) => col.notNull())
    .addUniqueConstraint('article_revisions_article_version', ['article_id', 'version'])
    .execute()

  await db.schema
    .createTable('corrections')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('article_id', 'text', (col) =>
      col.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .execute()
  await db.schema
    .createIndex('corrections_article')
    .on('corrections')
    .columns(['article_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('at', time, (col) => col.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('details', 'text', (col) => col.notNull().defaultTo(''))
    .execute()
  await db.schema.createIndex('audit_events_at').on('audit_events').columns(['at', 'id']).execute()
}
