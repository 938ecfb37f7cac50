import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Sign-in limits become counters that one statement increments (so concurrent
// guesses cannot all see the old count), keyed by account, device or a keyed
// hash, never by the raw text someone typed. The old failure log, which kept
// that text, goes. Sessions learn when their password was last given, and
// whether a second factor is still to come.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'

  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('window_start', time, (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('sign_in_attempts_pkey', ['key', 'window_start'])
    .execute()
  await db.schema
    .createIndex('sign_in_attempts_window')
    .on('sign_in_attempts')
    .column('window_start')
    .execute()

  await db.schema.dropTable('login_failures').execute()

  // Failed sign-ins recorded what was typed as the email, which may have been a password.
  await sql`
    update audit_events set actor_name = 'Unknown account', subject = 'unknown account'
    where action = 'login_failed' and subject not in (select email from users)
  `.execute(db)

  await db.schema.alterTable('sessions').addColumn('authenticated_at', time).execute()
  await db.schema
    .alterTable('sessions')
    .addColumn('second_factor_pending', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
}
