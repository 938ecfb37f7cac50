import type SQLite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/** Prepared statements kept, by SQL text; beyond this many the least recently used go. */
const STATEMENT_CACHE_SIZE = 500

/** What ends quoted text or a quoted name that each of these begins. */
const CLOSING_QUOTES: Readonly<Record<string, string>> = { "'": "'", '"': '"', '`': '`', '[': ']' }

/** A statement's text cut at each LIMIT's placeholder, and which parameter each one takes. */
interface LimitPlaces {
  /** The SQL between the placeholders: one more piece than places. */
  pieces: string[]
  /** The index among the parameters of each LIMIT's value, in order. */
  parameters: number[]
}

/**
 * Where a statement's LIMIT takes a bound parameter (`limit ?`), outside quoted
 * text and comments; undefined when none does, or when the statement numbers
 * or names its parameters (Kysely never does), which this does not follow.
 */
export function limitPlaces(sql: string): LimitPlaces | undefined {
  const pieces: string[] = []
  const parameters: number[] = []
  let placeholders = 0
  let start = 0
  for (let at = 0; at < sql.length; at++) {
    const char = sql[at]
    const closing = CLOSING_QUOTES[char ?? '']
    if (closing !== undefined) {
      const end = sql.indexOf(closing, at + 1)
      // A doubled quote escapes itself: the scan resumes at the second and sees a new span.
      at = end === -1 ? sql.length : end
    } else if (char === '-' && sql[at + 1] === '-') {
      const end = sql.indexOf('\n', at)
      at = end === -1 ? sql.length : end
    } else if (char === '/' && sql[at + 1] === '*') {
      const end = sql.indexOf('*/', at + 2)
      at = end === -1 ? sql.length : end + 1
    } else if (char === ':' || char === '@' || char === '$') {
      if (/[\p{L}\p{N}_]/u.test(sql[at + 1] ?? '')) return undefined
    } else if (char === '?') {
      if (/\d/.test(sql[at + 1] ?? '')) return undefined
      if (/\blimit\s*$/i.test(sql.slice(Math.max(0, at - 12), at))) {
        pieces.push(sql.slice(start, at))
        parameters.push(placeholders)
        start = at + 1
      }
      placeholders++
    }
  }
  if (parameters.length === 0) return undefined
  pieces.push(sql.slice(start))
  return { pieces, parameters }
}

/**
 * The statement with each LIMIT's value written into its text, when it is a
 * whole number; the parameters without those values. A value of another kind
 * stays bound, and SQLite answers for it as before.
 */
export function withLimitsWritten(
  places: LimitPlaces,
  parameters: readonly unknown[],
): { sql: string; parameters: readonly unknown[] } {
  const written = new Set<number>()
  let sql = places.pieces[0] ?? ''
  places.parameters.forEach((index, place) => {
    const value = parameters[index]
    const whole =
      (typeof value === 'number' && Number.isSafeInteger(value)) || typeof value === 'bigint'
    if (whole) written.add(index)
    sql += (whole ? String(value) : '?') + (places.pieces[place + 1] ?? '')
  })
  return { sql, parameters: parameters.filter((_, index) => !written.has(index)) }
}

/**
 * `make`'s answer for each SQL text, made once and kept; beyond
 * STATEMENT_CACHE_SIZE texts the least recently used go. A Map iterates in
 * insertion order, so a text used again is moved to the end.
 */
function keptBy<T>(make: (sql: string) => T): (sql: string) => T {
  const kept = new Map<string, T>()
  return (sql) => {
    let value = kept.get(sql)
    if (value !== undefined) {
      kept.delete(sql)
    } else {
      value = make(sql)
      if (kept.size >= STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value ?? '')
    }
    kept.set(sql, value)
    return value
  }
}

/**
 * The connection as Kysely's SQLite dialect sees it, with two costs taken off
 * every statement:
 *
 * - Kysely prepares each statement again every time it runs it, and preparing
 *   costs as much as running a small query. The same few hundred statements
 *   come back on every request, so they are prepared once and kept.
 * - SQLite's planner reads a bound LIMIT's value (better-sqlite3 is built with
 *   STAT4), so binding one marks the statement expired and the next run
 *   prepares it again: a page of an article's comments took three times as
 *   long. Whole-number limits are written into the statement's text instead;
 *   a listing has a handful of page sizes, each its own kept statement.
 */
export function keptStatements(connection: SQLite.Database): SqliteDatabase {
  const prepared = keptBy((sql) => connection.prepare(sql))
  // What Kysely is given for each text it prepares: the statement itself, or, where a LIMIT is
  // bound, one that picks the statement with the run's limits written in.
  const forKysely = keptBy((sql): SqliteStatement => {
    const limits = limitPlaces(sql)
    if (limits === undefined) return prepared(sql)
    const written = (parameters: readonly unknown[]) => {
      const statement = withLimitsWritten(limits, parameters)
      return { statement: prepared(statement.sql), rest: statement.parameters }
    }
    return {
      reader: prepared(sql).reader,
      all(parameters) {
        const { statement, rest } = written(parameters)
        return statement.all(rest)
      },
      run(parameters) {
        const { statement, rest } = written(parameters)
        return statement.run(rest)
      },
      iterate(parameters) {
        const { statement, rest } = written(parameters)
        return statement.iterate(rest)
      },
    }
  })
  return { close: () => connection.close(), prepare: forKysely }
}
