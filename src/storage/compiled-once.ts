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
 * and each run binds its values in their places. A list's slot is a list of
 * as many places (`.where('id', 'in', slots.ids)`): the statement is compiled
 * once per length. Every run must pass the same names, and nothing else that
 * changes the SQL (a branch) may depend on the values. A reader's comment
 * runs four such statements, an article page a few more: building and
 * compiling them cost more than SQLite's answering them.
 */
export function compiledOnceWith<Values extends object, Row>(
  build: (db: Kysely<Database>, dialect: DialectName, slots: Values) => Compilable<Row>,
) {
  const compiled = new Map<string, Compiled<Row>>()
  return async (db: Kysely<Database>, dialect: DialectName, values: Values): Promise<Row[]> => {
    const bound = values as Record<string, unknown>
    let shape: string = dialect
    for (const name in bound) {
      const value = bound[name]
      if (Array.isArray(value)) shape += ` ${value.length}`
    }
    let once = compiled.get(shape)
    if (!once) {
      once = compile(build(db, dialect, slotsFor(bound) as Values))
      // Lists of many lengths (an id list of any size) are compiled each time beyond this.
      if (compiled.size < MAX_SHAPES) {
        compiled.set(shape, once)
        kept.add(once.query.sql)
      }
    }
    const parameters = once.binds.map((bind) =>
      typeof bind === 'string'
        ? bound[bind]
        : 'fixed' in bind
          ? bind.fixed
          : (bound[bind.list] as unknown[])[bind.index],
    )
    return (await db.executeQuery<Row>({ ...once.query, parameters })).rows
  }
}

/** Compiled statements kept per compiledOnceWith: one per dialect and list lengths. */
const MAX_SHAPES = 64

/** The text of every statement kept: the same statement, run again and again with new values. */
const kept = new Set<string>()

/** Whether `sql` is a statement compiledOnce keeps (PostgreSQL prepares those: postgres-prepared.ts). */
export function isKeptStatement(sql: string): boolean {
  return kept.has(sql)
}

/** What stands in a statement for each value: its name, or for a list each place's. */
function slotsFor(values: Record<string, unknown>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map((_, index) => `${SLOT}${name}#${index}`) : `${SLOT}${name}`,
    ]),
  )
}

type Bind = string | { list: string; index: number } | { fixed: unknown }

/** A compiled statement, and for each of its parameters where its value comes from. */
interface Compiled<Row> {
  query: CompiledQuery<Row>
  binds: Bind[]
}

function compile<Row>(built: Compilable<Row>): Compiled<Row> {
  const query = built.compile()
  const binds = query.parameters.map((parameter): Bind => {
    if (typeof parameter !== 'string' || !parameter.startsWith(SLOT)) return { fixed: parameter }
    const [name = '', index] = parameter.slice(SLOT.length).split('#')
    return index === undefined ? name : { list: name, index: Number(index) }
  })
  return { query, binds }
}
