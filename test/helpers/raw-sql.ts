import SQLite from 'better-sqlite3'
import pg from 'pg'
import type { AppContext } from '../../src/context.js'

interface Reader {
  read(query: string, parameters: unknown[]): Promise<unknown[]>
  close(): Promise<void>
}
/** One reading connection per database, kept until the database is dropped. */
const readers = new Map<string, Reader>()

function readerOf(ctx: AppContext): Reader {
  const url = ctx.config.databaseUrl
  let reader = readers.get(url)
  if (reader) return reader
  if (ctx.database.dialect === 'sqlite') {
    const connection = new SQLite(url.replace(/^(?:file|sqlite):/, ''), { readonly: true })
    reader = {
      read: async (query, parameters) => connection.prepare(query).all(...parameters),
      close: async () => void connection.close(),
    }
  } else {
    // One connection that never holds the process open; a dropped one is replaced.
    const pool = new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true })
    pool.on('error', () => {})
    reader = {
      read: async (query, parameters) => (await pool.query(query, parameters)).rows as unknown[],
      close: () => pool.end(),
    }
  }
  readers.set(url, reader)
  return reader
}

/** Closes the raw reader of a database, if rawRows opened one: its test database is being dropped. */
export async function closeRawReader(url: string): Promise<void> {
  const reader = readers.get(url)
  readers.delete(url)
  await reader?.close()
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
  return (await readerOf(ctx).read(query, parameters)) as Row[]
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
