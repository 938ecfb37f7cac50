import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createDatabase, type DatabaseHandle } from '../../src/storage/database.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { closeRawReader } from './raw-sql.js'

export type DialectName = 'sqlite' | 'postgres'

/** A fresh, empty database for one test, and how to throw it away. */
export interface TestDatabase {
  url: string
  /** The SECRET_KEY every context over this database is given (as app servers sharing it would be). */
  secretKey: string
  drop(): Promise<void>
}

/**
 * The databases every storage and HTTP test runs on: a real SQLite file
 * always; PostgreSQL when TEST_POSTGRES_URL is set (npm test starts one).
 */
export function testDialects(): DialectName[] {
  return process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite']
}

/** Brings a database up to date by the real migrations, and closes it. */
async function migrateAndClose(url: string): Promise<void> {
  const database = await createDatabase(url)
  try {
    await migrateToLatest(database.db, database.dialect)
  } finally {
    await database.close()
  }
}

let sqliteTemplate: Promise<string> | undefined

/**
 * A SQLite file brought up to date by the real migrations, once per test
 * process: copying it costs one file copy, where migrating costs a sync to
 * disk for every statement (synchronous=FULL). Removed when the process exits.
 */
function migratedSqliteTemplate(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-template-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'template.db')
    // Closing the last connection checkpoints the WAL into the file: the file is all of it.
    await migrateAndClose(`file:${file}`)
    return file
  })()
  return sqliteTemplate
}

/**
 * A fresh database for one test. `migrated`: with the schema already up to
 * date (a copy of a migrated SQLite file or PostgreSQL database), for tests that do not test the
 * migrations themselves; createContext then finds nothing to do.
 */
export async function createTestDatabase(
  dialect: DialectName,
  { migrated = false }: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const secretKey = randomBytes(32).toString('base64url')
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-test-'))
    const file = join(dir, 'test.db')
    if (migrated) copyFileSync(await migratedSqliteTemplate(), file)
    const url = `file:${file}`
    return {
      url,
      secretKey,
      async drop() {
        await closeRawReader(url)
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  // Each test gets its own database on the shared server, so test files can run in parallel.
  const admin = adminPool()
  const name = `test_${randomBytes(6).toString('hex')}`
  const template = migrated ? await migratedPostgresTemplate() : 'template1'
  await admin.query(`create database ${name} template ${template}`)
  const url = databaseUrl(admin.url, name)
  return {
    url,
    secretKey,
    async drop() {
      await closeRawReader(url)
      // FORCE: a connection the test left open is cut, and the test that uses it next fails.
      await admin.query(`drop database ${name} with (force)`)
    },
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

let postgresTemplate: Promise<string> | undefined

/**
 * A database brought up to date by the real migrations, once per test
 * process, which each test's database copies (`create database … template`).
 * On this machine a copy took 170–200 ms and its drop 8, where a schema
 * migrated afresh took 250–300 and its drop 40. Dropped when the process has
 * nothing left to do.
 */
function migratedPostgresTemplate(): Promise<string> {
  postgresTemplate ??= (async () => {
    const admin = adminPool()
    const name = `template_${process.pid}_${randomBytes(4).toString('hex')}`
    await admin.query(`create database ${name}`)
    process.once('beforeExit', () => void admin.query(`drop database ${name} with (force)`))
    // A template cannot be copied while anyone is connected to it.
    await migrateAndClose(databaseUrl(admin.url, name))
    return name
  })()
  return postgresTemplate
}

let pool: pg.Pool | undefined

/** One connection for creating and dropping databases, kept for the test process; it never holds the process open. */
function adminPool(): { url: string; query(sql: string): Promise<unknown> } {
  const url = process.env.TEST_POSTGRES_URL
  if (!url) throw new Error('TEST_POSTGRES_URL is not set')
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true })
    // An idle connection the server drops is replaced at the next query.
    pool.on('error', () => {})
  }
  const admin = pool
  return { url, query: (sql) => admin.query(sql) }
}

/** A migrated database opened for one test, closed and dropped after it. */
export async function openTestDatabase(
  t: { after: (fn: () => Promise<void>) => void },
  dialect: DialectName,
): Promise<DatabaseHandle> {
  const database = await createTestDatabase(dialect, { migrated: true })
  t.after(() => database.drop())
  const handle = await createDatabase(database.url)
  t.after(() => handle.close())
  await migrateToLatest(handle.db, handle.dialect)
  return handle
}
