// The few things that differ between SQLite and PostgreSQL, in one place.
import { sql, type Expression, type RawBuilder } from 'kysely'

export type DialectName = 'sqlite' | 'postgres'

/** A time as both databases accept it in a parameter. */
export function toDbTime(value: Date): string {
  return value.toISOString()
}

/** A time read back: PostgreSQL gives Date objects, SQLite the ISO text we stored. */
export function fromDbTime(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value)
}

export function fromNullableDbTime(value: Date | string | null): Date | null {
  return value === null ? null : fromDbTime(value)
}

/** COUNT(*) is a bigint in PostgreSQL, which pg returns as a string. */
export function fromDbCount(value: number | string | bigint): number {
  return Number(value)
}

/** EXISTS and other truth values: booleans from PostgreSQL, 0 or 1 from SQLite. */
export function fromDbBool(value: boolean | number | string | null): boolean {
  return value === true || value === 1 || value === '1' || value === 't'
}

/** Whether an error is a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false
  const { code } = error
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}

/**
 * An aggregate of the rows it runs over as one JSON array, '[]' for none: a
 * row's short lists read in the same statement as the row. Each element is
 * [[...values], ...orderBy values], and jsonRows reads the list back as the
 * values in `orderBy` order (ascending). PostgreSQL orders inside json_agg
 * (which gives NULL for no rows); SQLite's json_group_array is left unordered
 * and jsonRows sorts the few rows, by the same binary comparison SQLite's would
 * use: an ORDER BY inside the aggregate sorts through a temporary B-tree per
 * list, which made reading an article four times slower (50 against 200 us).
 */
export function jsonRowsOf(
  dialect: DialectName,
  values: readonly Expression<unknown>[],
  orderBy: readonly Expression<unknown>[],
): RawBuilder<unknown> {
  const keys = sql.join(orderBy)
  return dialect === 'postgres'
    ? sql`coalesce(json_agg(json_build_array(json_build_array(${sql.join(values)}), ${keys}) order by ${keys}), '[]'::json)`
    : sql`json_group_array(json_array(json_array(${sql.join(values)}), ${keys}))`
}

/** A jsonRowsOf list read back: each row's values, in the order of its keys. */
export function jsonRows(dialect: DialectName, value: unknown): unknown[][] {
  const list = fromDbJson(value)
  if (!Array.isArray(list) || !list.every((row) => Array.isArray(row) && Array.isArray(row[0]))) {
    throw new Error('expected a JSON list of rows from the database')
  }
  const rows = list as [unknown[], ...unknown[]][]
  if (dialect === 'sqlite') rows.sort(compareKeys)
  return rows.map((row) => row[0])
}

/** Rows by their keys, as SQLite compares numbers and ASCII text (ids, times, kinds). */
function compareKeys(a: unknown[], b: unknown[]): number {
  for (let index = 1; index < a.length; index++) {
    const x = a[index] as string | number
    const y = b[index] as string | number
    if (x < y) return -1
    if (x > y) return 1
  }
  return 0
}

/**
 * JSON built by the database, read back: pg parses json values, better-sqlite3
 * gives their text. Times inside are ISO 8601 text either way (fromDbTime reads them).
 */
export function fromDbJson(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value
}

/** A LIKE pattern (with `escape '\\'`) matching `text` anywhere, its own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}
