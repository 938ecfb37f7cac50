import type { Selectable } from 'kysely'
import type { MediaItem, OriginalFormat, RenditionsStatus } from '../domain/media/media.js'
import type { Rendition, RenditionFormat } from '../domain/media/rendition.js'
import { fromDbTime, fromNullableDbTime, toDbTime } from './dialect.js'
import type { MediaItemTable, MediaRenditionTable } from './schema.js'

// The media tables' rows and the domain's types, each way.

export type ItemRow = Omit<
  MediaItemTable,
  'search_text' | 'renditions_claimed_at' | 'created_at' | 'updated_at'
> & {
  created_at: Date | string
  updated_at: Date | string
  created_by_name: string | null
}

export const ITEM_COLUMNS = [
  'm.id',
  'm.content_hash',
  'm.file_name',
  'm.format',
  'm.width',
  'm.height',
  'm.byte_size',
  'm.alt',
  'm.decorative',
  'm.caption',
  'm.credit',
  'm.copyright',
  'm.focal_x',
  'm.focal_y',
  'm.created_by',
  'm.created_at',
  'm.updated_at',
  'm.version',
  'm.renditions_status',
  'm.renditions_attempts',
] as const

export const FOCAL_SCALE = 10_000

export function toItem(row: ItemRow): MediaItem {
  return {
    id: row.id,
    contentHash: row.content_hash,
    fileName: row.file_name,
    format: row.format as OriginalFormat,
    width: row.width,
    height: row.height,
    byteSize: Number(row.byte_size),
    alt: row.alt,
    decorative: Number(row.decorative) === 1,
    caption: row.caption,
    credit: row.credit,
    copyright: row.copyright,
    focalPoint: { x: row.focal_x / FOCAL_SCALE, y: row.focal_y / FOCAL_SCALE },
    createdBy: row.created_by,
    createdByName: row.created_by_name ?? '',
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
    version: row.version,
    renditionsStatus: row.renditions_status as RenditionsStatus,
  }
}

export function toRendition(row: Selectable<MediaRenditionTable>): Rendition {
  return {
    name: row.name,
    mediaId: row.media_id,
    format: row.format as RenditionFormat,
    width: row.width,
    height: row.height,
    byteSize: row.byte_size === null ? null : Number(row.byte_size),
    madeAt: fromNullableDbTime(row.made_at),
  }
}

/** What search matches: lower-cased here, since SQLite's lower() folds only ASCII. */
function searchTextOf(item: Pick<MediaItem, 'caption' | 'credit' | 'fileName'>): string {
  return [item.caption, item.credit, item.fileName].join('\n').toLowerCase()
}

/** A LIKE pattern matching `text` anywhere, its own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

export function fieldColumns(item: MediaItem) {
  return {
    alt: item.alt,
    decorative: item.decorative ? 1 : 0,
    caption: item.caption,
    credit: item.credit,
    copyright: item.copyright,
    focal_x: Math.round(item.focalPoint.x * FOCAL_SCALE),
    focal_y: Math.round(item.focalPoint.y * FOCAL_SCALE),
    search_text: searchTextOf(item),
    updated_at: toDbTime(item.updatedAt),
    version: item.version,
  }
}
