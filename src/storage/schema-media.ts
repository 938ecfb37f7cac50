// The media library's tables: images, their renditions, and where each is used.
import type { ColumnType } from 'kysely'
import type { NullableTime, Time } from './schema-columns.js'

export interface MediaItemTable {
  id: string
  content_hash: string
  file_name: string
  format: string
  width: number
  height: number
  byte_size: number
  alt: string
  /** 1 or 0. */
  decorative: number
  caption: string
  credit: string
  copyright: string
  /** Ten-thousandths of the width, from the left. */
  focal_x: number
  /** Ten-thousandths of the height, from the top. */
  focal_y: number
  /** Caption, credit and file name, lower-cased in the app. */
  search_text: string
  created_by: string | null
  created_at: Time
  updated_at: Time
  version: number
  renditions_status: string
  renditions_claimed_at: NullableTime
  renditions_attempts: number
}

export interface MediaRenditionTable {
  name: string
  media_id: string
  format: string
  width: number
  height: number
  byte_size: number | null
  made_at: NullableTime
  /** A crop's box in millionths of the original's width and height; all null when not a crop. */
  crop_left: number | null
  crop_top: number | null
  crop_width: number | null
  crop_height: number | null
}

export interface MediaUsageTable {
  media_id: string
  kind: string
  /** Where in its owner's body the image first appears (0 for a lead image or a photo). */
  position: ColumnType<number, number | undefined, number>
  owner_id: string
}
