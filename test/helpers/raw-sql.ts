import SQLite from 'better-sqlite3'
import pg from 'pg'
import type { AppContext } from '../../src/context.js'

type Read = (query: string, parameters: unknown[]) => Promise<unknown[]>
/** One reading connection per database, kept for the test process. */
const readers = new Map<string, Read>()
const sqliteReaders: SQLite.Database[] = []
process.once('exit', () => {
  for (const connection of sqliteReaders) connection.close()
})

function readerOf(ctx: AppContext): Read {
  const url = ctx.config.databaseUrl
  let read = readers.get(url)
  if (read) return read
  if (ctx.database.dialect === 'sqlite') {
    const connection = new SQLite(url.replace(/^(?:file|sqlite):/, ''), { readonly: true })
    sqliteReaders.push(connection)
    read = async (query, parameters) => connection.prepare(query).all(...parameters)
  } else {
    // One connection that never holds the process open; a dropped one is replaced.
    const pool = new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true })
    pool.on('error', () => {})
    read = async (query, parameters) => (await pool.query(query, parameters)).rows as unknown[]
  }
  readers.set(url, read)
  return read
}

/**
 * Runs one read on a connection of its own, beside the app's (kept for the next
 * read of the same database): for tests that must see what is really stored,
 * whatever the stores choose to show.
 */
export async function rawRows<Row = Record<string, unknown>>(
  ctx: AppContext,
  query: string,
  parameters: unknown[] = [],
): Promise<Row[]> {
  // The caller names the columns its query selects; the drivers give plain objects.
  return (await readerOf(ctx)(query, parameters)) as Row[]
}

/** The names of the app's tables (not the migrator's own). */
export async function tableNames(ctx: AppContext): Promise<string[]> {
  const rows =
    ctx.database.dialect === 'sqlite'
      ? await rawRows<{ name: string }>(
          ctx,
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
        )
      : await rawRows<{ name: string }>(
          ctx,
          'select table_name as name from information_schema.tables where table_schema = current_schema()',
        )
  return rows.map((row) => row.name).filter((name) => !name.startsWith('kysely_'))
}

/** Every row of every table, sorted: what "nothing changed" is checked against. */
export async function snapshotTables(ctx: AppContext): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {}
  for (const table of (await tableNames(ctx)).sort()) {
    const rows = await rawRows(ctx, `select * from ${table}`)
    tables[table] = rows.map((row) => JSON.stringify(row)).sort()
  }
  return tables
}
