import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Two-factor sign-in: each user's authenticator secret (sealed), the last time
// step whose code was accepted, and their single-use recovery codes (keyed hashes).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'

  await db.schema
    .createTable('two_factor')
    .addColumn('user_id', 'text', (col) =>
      col.primaryKey().references('users.id').onDelete('cascade'),
    )
    .addColumn('sealed_secret', 'text', (col) => col.notNull())
    .addColumn('confirmed_at', time)
    .addColumn('last_step', 'integer')
    .addColumn('created_at', time, (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('used_at', time)
    .addColumn('created_at', time, (col) => col.notNull())
    .addUniqueConstraint('recovery_codes_user_hash', ['user_id', 'code_hash'])
    .execute()
}
