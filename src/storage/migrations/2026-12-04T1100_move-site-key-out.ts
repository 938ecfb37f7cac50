import type { Kysely } from 'kysely'

// Frozen in time: this file never imports the app's schema or code.
// The key for commenters' keyed hashes now comes from outside the database
// (SECRET_KEY or DATA_DIR/secret.key). The key older releases kept here is
// renamed, and used only to match bans hashed with it before the upgrade.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('site_settings')
    .set({ key: 'legacy_site_key' })
    .where('key', '=', 'site_key')
    .execute()
}
