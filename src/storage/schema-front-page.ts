import type { NullableTime, Time } from './schema-columns.js'

/** A story editors placed on the home page; position 0 is the lead. */
export interface FrontPagePlacementTable {
  article_id: string
  position: number
  pinned_until: NullableTime
  placed_at: Time
}

/** The breaking-news banner: at most one row, keyed 'current'. */
export interface FrontPageBannerTable {
  slot: string
  text: string
  article_id: string | null
  expires_at: Time
  raised_at: Time
}

/** A section's block on the home page: its place, and whether it shows. */
export interface FrontPageSectionTable {
  section_id: string
  position: number
  /** boolean on PostgreSQL, 0 or 1 on SQLite. */
  shown: boolean | number
}
