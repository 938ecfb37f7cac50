import type { Kysely } from 'kysely'

// Frozen in time: this file never imports the app's schema or code.
// Comment limits that hold under concurrency, and a post whose reads do not
// grow with the moderation queue (ARCHITECTURE.md, "Reader comments"):
// - comment_rate_windows: attempts per network per window, counted by one
//   upsert that returns the new count;
// - two day-long buckets, twelve hours apart, under unique indexes, so that of
//   identical comments posted together only one is stored;
// - the duplicate question asked down (article, text hash, time);
// - the commenter a signed cookie names, which post-moderation trusts once a
//   moderator approved one of its comments.
// The indexes by network and by email served the old rate count and the old
// "known writer" question, which nothing asks any more.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('commenter_hash', 'text').execute()
  await db.schema.alterTable('comments').addColumn('duplicate_day', 'integer').execute()
  await db.schema.alterTable('comments').addColumn('duplicate_half_day', 'integer').execute()

  await db.schema.dropIndex('comments_article_body').execute()
  await db.schema.dropIndex('comments_network_created').execute()
  await db.schema.dropIndex('comments_email_status').execute()
  await db.schema
    .createIndex('comments_article_body_created')
    .on('comments')
    .columns(['article_id', 'body_hash', 'created_at'])
    .execute()
  await db.schema
    .createIndex('comments_duplicate_day')
    .on('comments')
    .columns(['article_id', 'body_hash', 'duplicate_day'])
    .unique()
    .execute()
  await db.schema
    .createIndex('comments_duplicate_half_day')
    .on('comments')
    .columns(['article_id', 'body_hash', 'duplicate_half_day'])
    .unique()
    .execute()
  await db.schema
    .createIndex('comments_commenter_status')
    .on('comments')
    .columns(['commenter_hash', 'status'])
    .execute()

  await db.schema
    .createTable('comment_rate_windows')
    .addColumn('network_hash', 'text', (col) => col.notNull())
    .addColumn('window_number', 'integer', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('comment_rate_windows_pkey', ['network_hash', 'window_number'])
    .execute()
}
