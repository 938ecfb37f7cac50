// The few things that differ between SQLite and PostgreSQL, in one place.

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
