import { randomUUID } from 'node:crypto'
import type { Compilable, CompiledQuery, Kysely } from 'kysely'
import type { DialectName } from './dialect.js'
import type { Database } from './schema.js'

/** How a named value's place is spelled in a statement's parameters: random, so no real value is taken for one. */
const SLOT = `slot-${randomUUID()}:`

/** Stands in a statement for the one value it is run with (compiledOnce). */
export const VALUE = `${SLOT}value`

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
  const run = compiledOnceWith<{ value: unknown }, Row>((db, dialect) => build(db, dialect))
  return (db: Kysely<Database>, dialect: DialectName, value: unknown): Promise<Row[]> =>
    run(db, dialect, { value })
}

/**
 * A statement of several values, compiled once per dialect: `build` is given
 * `slots`, holding for each name of the first run's `values` what stands
 * where that value goes (`.where('id', '=', slots.id)`, or `.values(slots)`),
 * and each run binds its values in their places. Every run must pass the same
 * names, and what would change the SQL itself (a list's length, a branch)
 * must not depend on them. A reader's comment runs four such statements,
 * whose building and compiling cost more than SQLite's answering them.
 */
export function compiledOnceWith<Values extends object, Row>(
  build: (db: Kysely<Database>, dialect: DialectName, slots: Values) => Compilable<Row>,
) {
  const compiled = new Map<DialectName, Compiled<Row>>()
  return async (db: Kysely<Database>, dialect: DialectName, values: Values): Promise<Row[]> => {
    let once = compiled.get(dialect)
    if (!once) {
      // Typed as the values so that builders take them; each is in fact its slot's name.
      const slots = Object.fromEntries(Object.keys(values).map((name) => [name, SLOT + name]))
      once = compile(build(db, dialect, slots as Values))
      compiled.set(dialect, once)
    }
    const bound = values as Record<string, unknown>
    const parameters = once.binds.map((bind) =>
      typeof bind === 'string' ? bound[bind] : bind.fixed,
    )
    return (await db.executeQuery<Row>({ ...once.query, parameters })).rows
  }
}

/** A compiled statement, and for each of its parameters the value's name or the value it always has. */
interface Compiled<Row> {
  query: CompiledQuery<Row>
  binds: (string | { fixed: unknown })[]
}

function compile<Row>(built: Compilable<Row>): Compiled<Row> {
  const query = built.compile()
  const binds = query.parameters.map((parameter) =>
    typeof parameter === 'string' && parameter.startsWith(SLOT)
      ? parameter.slice(SLOT.length)
      : { fixed: parameter },
  )
  return { query, binds }
}
