import SQLite from 'better-sqlite3'
import pg from 'pg'
import type { AppContext } from '../../src/context.js'

/**
 * Runs one read on a connection of its own, beside the app's: for tests that
 * must see what is really stored, whatever the stores choose to show.
 */
export async function rawRows<Row = Record<string, unknown>>(
  ctx: AppContext,
  query: string,
  parameters: unknown[] = [],
): Promise<Row[]> {
  const url = ctx.config.databaseUrl
  if (ctx.database.dialect === 'sqlite') {
    const connection = new SQLite(url.replace(/^(?:file|sqlite):/, ''), { readonly: true })
    try {
      return connection.prepare(query).all(...parameters) as Row[]
    } finally {
      connection.close()
    }
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(query, parameters)).rows as Row[]
  } finally {
    await client.end()
  }
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
