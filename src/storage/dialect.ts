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
 * An aggregate of the rows it runs over as one JSON array of arrays, in
 * `orderBy` order, '[]' for none: a row's short lists read in the same
 * statement as the row. SQLite (3.44 and later) orders inside
 * json_group_array; PostgreSQL has json_agg, which gives NULL for no rows.
 */
export function jsonRowsOf(
  dialect: DialectName,
  values: readonly Expression<unknown>[],
  orderBy: Expression<unknown>,
): RawBuilder<unknown> {
  const list = sql.join(values)
  return dialect === 'postgres'
    ? sql`coalesce(json_agg(json_build_array(${list}) order by ${orderBy}), '[]'::json)`
    : sql`json_group_array(json_array(${list}) order by ${orderBy})`
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
