import type { ColumnType } from 'kysely'

/**
 * Times are bound as ISO-8601 UTC strings on both databases. SQLite stores
 * them as that text (which sorts correctly); PostgreSQL stores timestamptz
 * and hands back Date objects. `fromDbTime` in dialect.ts reads either.
 */
export type Time = ColumnType<Date | string, string, string>
export type NullableTime = ColumnType<Date | string | null, string | null, string | null>
