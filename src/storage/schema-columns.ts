import type { ColumnType } from 'kysely'

/**
 * Times are bound as ISO-8601 UTC strings on both databases. SQLite stores
 * them as that text (which sorts correctly); PostgreSQL stores timestamptz
 * and hands back Date objects. `fromDbTime` in dialect.ts reads either.
 */
export type Time = ColumnType<Date | string, string, string>
export type NullableTime = ColumnType<Date | string | null, string | null, string | null>

/**
 * Kept on each byline and tag row: its article's `updated_at` while the
 * article is published, null otherwise. The article store writes it with the
 * article, so the newest change per author or tag is one index step
 * (`(author_id | tag_id, published_updated_at)`) instead of a join over every
 * byline or tag row.
 */
export interface ArticleLastModified {
  published_updated_at: NullableTime
}
