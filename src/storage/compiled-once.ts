import { randomUUID } from 'node:crypto'
import type { Compilable, CompiledQuery, Kysely } from 'kysely'
import type { DialectName } from './dialect.js'
import type { Database } from './schema.js'

/** Stands in a statement for the value it is run with: random, so no real value is taken for it. */
export const VALUE = `value-${randomUUID()}`

/**
 * A lookup by one value, built and compiled once per dialect rather than on
 * every call: for the small statements a reader's page runs, Kysely building
 * the query costs more than SQLite answering it. `build` puts VALUE where
 * the value goes; the statement is run on whatever database or transaction
 * the caller holds.
 */
export function compiledOnce<Row>(
  build: (db: Kysely<Database>, dialect: DialectName) => Compilable<Row>,
) {
  const compiled = new Map<DialectName, CompiledQuery<Row>>()
  return async (db: Kysely<Database>, dialect: DialectName, value: unknown): Promise<Row[]> => {
    let query = compiled.get(dialect)
    if (!query) compiled.set(dialect, (query = build(db, dialect).compile()))
    const parameters = query.parameters.map((parameter) =>
      parameter === VALUE ? value : parameter,
    )
    return (await db.executeQuery<Row>({ ...query, parameters })).rows
  }
}
