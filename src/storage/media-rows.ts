import { sql, type RawBuilder, type Selectable } from 'kysely'
import type {
  ImageRef,
  MediaItem,
  OriginalFormat,
  RenditionsStatus,
} from '../domain/media/media.js'
import type { Rendition, RenditionFormat, RenditionSpec } from '../domain/media/rendition.js'
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

/** Crop boxes are stored in millionths: integers read back the same on both databases. */
export const CROP_SCALE = 1_000_000

export function toRendition(row: Selectable<MediaRenditionTable>): Rendition {
  const crop =
    row.crop_left === null ||
    row.crop_top === null ||
    row.crop_width === null ||
    row.crop_height === null
      ? undefined
      : {
          left: row.crop_left / CROP_SCALE,
          top: row.crop_top / CROP_SCALE,
          width: row.crop_width / CROP_SCALE,
          height: row.crop_height / CROP_SCALE,
        }
  return {
    ...(crop && { crop }),
    name: row.name,
    mediaId: row.media_id,
    format: row.format as RenditionFormat,
    width: row.width,
    height: row.height,
    byteSize: row.byte_size === null ? null : Number(row.byte_size),
    madeAt: fromNullableDbTime(row.made_at),
  }
}

/** A planned rendition's row, its crop (if any) in millionths. */
export function renditionRow(
  mediaId: string,
  spec: RenditionSpec,
  made: { byteSize: number | null; madeAt: string | null },
) {
  const scaled = (value: number | undefined) =>
    value === undefined ? null : Math.round(value * CROP_SCALE)
  return {
    name: spec.name,
    media_id: mediaId,
    format: spec.format,
    width: spec.width,
    height: spec.height,
    byte_size: made.byteSize,
    made_at: made.madeAt,
    crop_left: scaled(spec.crop?.left),
    crop_top: scaled(spec.crop?.top),
    crop_width: scaled(spec.crop?.width),
    crop_height: scaled(spec.crop?.height),
  }
}

/** What search matches: lower-cased here, since SQLite's lower() folds only ASCII. */
function searchTextOf(item: Pick<MediaItem, 'caption' | 'credit' | 'fileName'>): string {
  return [item.caption, item.credit, item.fileName].join('\n').toLowerCase()
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

/** The columns of an ImageRef, of the media_items row aliased `alias`, in imageRefOf's order. */
export function imageRefColumns(alias: string): RawBuilder<unknown>[] {
  return [
    'id',
    'content_hash',
    'width',
    'height',
    'alt',
    'decorative',
    'caption',
    'credit',
    'focal_x',
    'focal_y',
    'file_name',
  ].map((column) => sql.ref(`${alias}.${column}`))
}

/**
 * An ImageRef from the values imageRefColumns read (in a JSON list built by
 * the database, or a row); undefined when the image is absent (all null).
 */
export function imageRefOf(values: readonly unknown[]): ImageRef | undefined {
  const [id, hash, width, height, alt, decorative, caption, credit, fx, fy, fileName] = values
  if (typeof id !== 'string' || typeof hash !== 'string') return undefined
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  return {
    id,
    contentHash: hash,
    width: Number(width),
    height: Number(height),
    alt: text(alt),
    decorative: Number(decorative) === 1,
    caption: text(caption),
    credit: text(credit),
    focalPoint: { x: Number(fx) / FOCAL_SCALE, y: Number(fy) / FOCAL_SCALE },
    fileName: text(fileName),
  }
}
