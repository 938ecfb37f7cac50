import type pg from 'pg'

/** What a pooled client's query is called with: text and values, or a config, and perhaps a callback. */
type QueryArgs = [unknown, unknown?, ...unknown[]]

/** PostgreSQL's answer when a prepared `select *` would now return other columns (a migration ran). */
const RESULT_TYPE_CHANGED = '0A000'

/**
 * Runs the statements `isKept` picks as named prepared statements: each
 * connection parses and plans one once, and after five runs PostgreSQL may keep
 * a generic plan, instead of parsing and planning the same text on every call.
 * The statements compiledOnce keeps are lookups by key that every reader's
 * page runs with new values; planning them was most of PostgreSQL's work for a
 * first read of an article (ARCHITECTURE.md, "Storage portability"). Built
 * queries, whose best plan may depend on their values (search), stay unnamed.
 *
 * A statement text has one name in this process. If a migration in another
 * process changes a table a prepared `select *` reads, PostgreSQL refuses to
 * run it; that text is then run unnamed from then on. (Inside a transaction
 * the retry cannot help, PostgreSQL having aborted it: that one transaction
 * fails.)
 */
export function prepareKeptStatements(pool: pg.Pool, isKept: (sql: string) => boolean): void {
  const names = new Map<string, string>()
  const unnamed = new Set<string>()
  const nameOf = (text: string): string | undefined => {
    if (unnamed.has(text) || !isKept(text)) return undefined
    let name = names.get(text)
    if (name === undefined) {
      name = `dateline_${names.size + 1}`
      names.set(text, name)
    }
    return name
  }

  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: QueryArgs) => unknown
    // pg names a statement by a `name` in the query's config; Kysely passes text and values.
    const named = (...args: QueryArgs): unknown => {
      const [text, values, ...rest] = args
      const name =
        rest.length === 0 && typeof text === 'string' && Array.isArray(values)
          ? nameOf(text)
          : undefined
      if (name === undefined) return query(...args)
      return (query({ name, text, values }) as Promise<unknown>).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== RESULT_TYPE_CHANGED) throw error
        unnamed.add(text as string)
        return query(text, values)
      })
    }
    ;(client as unknown as { query: typeof named }).query = named
  })
}
