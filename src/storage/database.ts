import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { wordPairsOf } from './sqlite-word-pairs.js'
import { keptStatements } from './sqlite-statements.js'
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type LogConfig,
  type SqliteDialectConfig,
} from 'kysely'
import type { DialectName } from './dialect.js'
import type { Database } from './schema.js'
import { translatingDialect } from './storage-failures.js'
import { isKeptStatement } from './compiled-once.js'
import { prepareKeptStatements } from './postgres-prepared.js'

export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: DialectName
  /** Where the data lives, safe to print (no password). */
  location: string
  /** The driver underneath, for the change feed (storage/change-feed.ts) only. */
  driver: { kind: 'sqlite'; connection: SQLite.Database } | { kind: 'postgres'; url: string }
  close(): Promise<void>
}

/** The database could not be opened; the message says which and why. */
export class DatabaseUnavailableError extends Error {}

export interface DatabaseOptions {
  /** PostgreSQL connection pool size. */
  poolSize?: number
  /** Whether PostgreSQL prepares the statements compiledOnce keeps (on unless false). */
  preparedStatements?: boolean
  log?: LogConfig
  /**
   * More SQLite pragmas for this connection, after the durability ones:
   * `max_page_count = N` caps the file's size (tests fill the "disk" with it).
   */
  sqlitePragmas?: readonly string[]
}

/**
 * Opens the database a URL names: `postgres://…` for PostgreSQL, `file:PATH`
 * or `sqlite:PATH` for SQLite. The only place that chooses a dialect.
 */
export async function createDatabase(
  url: string,
  options: DatabaseOptions = {},
): Promise<DatabaseHandle> {
  if (/^postgres(ql)?:\/\//i.test(url)) return openPostgres(url, options)
  const match = /^(?:file|sqlite):(.+)$/i.exec(url)
  if (!match?.[1]) {
    throw new DatabaseUnavailableError(
      `DATABASE_URL must start with postgres://, file: or sqlite: (got "${redact(url)}")`,
    )
  }
  return openSqlite(match[1], options)
}

/**
 * SQLite transactions that take the write lock as they begin. A deferred one
 * that has read, and then writes after another process (the server beside a
 * CLI command, or its kept stories written in the background) committed,
 * fails at once with SQLITE_BUSY_SNAPSHOT; an immediate one waits its turn
 * (busy_timeout). Within one process the one connection serves one at a time.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
}

function openSqlite(path: string, options: DatabaseOptions): DatabaseHandle {
  const file = resolve(path.replace(/^\/\/(?=\/)/, ''))
  let connection: SQLite.Database
  try {
    // Readable by its owner only: SQLite gives the -wal and -shm files the database file's mode.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    closeSync(openSync(file, 'a', 0o600))
    connection = new SQLite(file)
  } catch (error) {
    throw new DatabaseUnavailableError(
      `Cannot open the SQLite database ${file}: ${errorMessage(error)}`,
      {
        cause: error,
      },
    )
  }
  // WAL lets readers go on while one writer commits. better-sqlite3 is built with
  // SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL), under which a commit acknowledged just
  // before a power cut can be lost; FULL syncs the WAL on every commit.
  connection.pragma('journal_mode = WAL')
  connection.pragma('synchronous = FULL')
  connection.pragma('foreign_keys = ON')
  connection.pragma('busy_timeout = 5000')
  for (const pragma of options.sqlitePragmas ?? []) connection.pragma(pragma)
  assertDurable(connection, file)
  registerWordPairs(connection)
  const db = new Kysely<Database>({
    dialect: translatingDialect(
      new ImmediateSqliteDialect({ database: keptStatements(connection) }),
    ),
    log: options.log,
  })
  return {
    db,
    dialect: 'sqlite',
    location: file,
    driver: { kind: 'sqlite', connection },
    close: () => db.destroy(),
  }
}

/** Refuses to run unless every commit is synced to disk. */
function assertDurable(connection: SQLite.Database, file: string): void {
  const journal = String(connection.pragma('journal_mode', { simple: true }))
  const synchronous = Number(connection.pragma('synchronous', { simple: true }))
  if (journal !== 'wal' || synchronous !== 2) {
    connection.close()
    throw new DatabaseUnavailableError(
      `SQLite ${file} is in journal_mode=${journal}, synchronous=${synchronous}; Dateline needs WAL with synchronous=FULL (2) so that saved work survives a crash`,
    )
  }
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  const location = redact(url)
  // Loaded only for PostgreSQL: a SQLite site's process never carries the driver.
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    application_name: 'dateline',
  })
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  if (options.preparedStatements !== false) prepareKeptStatements(pool, isKeptStatement)
  try {
    await pool.query('select 1')
  } catch (error) {
    await pool.end().catch(() => {})
    throw new DatabaseUnavailableError(
      `Cannot reach PostgreSQL at ${location}: ${errorMessage(error)}`,
      {
        cause: error,
      },
    )
  }
  const db = new Kysely<Database>({
    dialect: translatingDialect(new PostgresDialect({ pool })),
    log: options.log,
  })
  return {
    db,
    dialect: 'postgres',
    location,
    driver: { kind: 'postgres', url },
    close: () => db.destroy(),
  }
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (!parsed.password) return url
    parsed.password = '***'
    return parsed.toString()
  } catch {
    // Up to the last @ of the authority: a password may itself contain @, and the user may be empty.
    return url.replace(/\/\/([^:/@]*):[^?#]*@/, '//$1:***@')
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return errorMessage(error.errors[0])
  }
  if (error instanceof Error) {
    return error.message || ('code' in error ? String(error.code) : error.name)
  }
  return String(error)
}

/**
 * search_word_pairs(text): the triggers of article_search_pairs (SQLite's
 * phrase index) call it, so every connection that writes the search table has it.
 */
function registerWordPairs(connection: SQLite.Database): void {
  connection.function('search_word_pairs', { deterministic: true }, (text) =>
    wordPairsOf(typeof text === 'string' ? text : '').join(' '),
  )
}
