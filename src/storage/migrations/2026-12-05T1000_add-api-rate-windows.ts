import type { Kysely } from 'kysely'

// Frozen in time: this file never imports the app's schema or code.
// The Content API's rate limit: requests per network per minute, counted by one
// upsert that increments only below the limit (as comment_rate_windows does).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_rate_windows')
    .addColumn('network_hash', 'text', (col) => col.notNull())
    .addColumn('window_number', 'integer', (col) => col.notNull())
    .addColumn('requests', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('api_rate_windows_pkey', ['network_hash', 'window_number'])
    .execute()
}
