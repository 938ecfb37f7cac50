import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Redirects: old addresses (an imported site's permalinks, a deleted section,
// a merged author) that answer 301 with where their content now lives.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'
  await db.schema
    .createTable('redirects')
    // The old address in its one matching form (domain/redirects/redirect.ts, redirectKey).
    .addColumn('from_key', 'text', (col) => col.primaryKey())
    .addColumn('target', 'text', (col) => col.notNull())
    // The target's own key when it is on this site, so that chains can be kept one hop.
    .addColumn('target_key', 'text')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('updated_at', time, (col) => col.notNull())
    .execute()
  await db.schema.createIndex('redirects_target_key').on('redirects').column('target_key').execute()
  await db.schema.createIndex('redirects_updated').on('redirects').column('updated_at').execute()
}
