import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely'
import type { MediaItem, OriginalFormat, RenditionsStatus } from '../domain/media/media.js'
import type { MediaStore, MediaUsageKind } from '../domain/media/media-store.js'
import type { Rendition, RenditionFormat } from '../domain/media/rendition.js'
import { fromDbCount, fromDbTime, fromNullableDbTime, toDbTime } from './dialect.js'
import type { Database, MediaItemTable, MediaRenditionTable } from './schema.js'

type ItemRow = Omit<
  MediaItemTable,
  'search_text' | 'renditions_claimed_at' | 'created_at' | 'updated_at'
> & {
  created_at: Date | string
  updated_at: Date | string
  created_by_name: string | null
}

const ITEM_COLUMNS = [
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

const FOCAL_SCALE = 10_000

function toItem(row: ItemRow): MediaItem {
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

function toRendition(row: Selectable<MediaRenditionTable>): Rendition {
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
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

function fieldColumns(item: MediaItem) {
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

export function createMediaStore(db: Kysely<Database>): MediaStore {
  const items = () =>
    db
      .selectFrom('media_items as m')
      .leftJoin('users as u', 'u.id', 'm.created_by')
      .select([...ITEM_COLUMNS, 'u.display_name as created_by_name'])

  const matching = (column: string, text: string) =>
    text === ''
      ? sql<boolean>`1 = 1`
      : sql<boolean>`${sql.ref(column)} like ${containsPattern(text)} escape '\\'`

  return {
    async insert(item, renditions) {
      const result = await db
        .insertInto('media_items')
        .values({
          ...fieldColumns(item),
          id: item.id,
          content_hash: item.contentHash,
          file_name: item.fileName,
          format: item.format,
          width: item.width,
          height: item.height,
          byte_size: item.byteSize,
          created_by: item.createdBy,
          created_at: toDbTime(item.createdAt),
          renditions_status: item.renditionsStatus,
          renditions_attempts: 0,
        })
        .onConflict((conflict) => conflict.column('content_hash').doNothing())
        .executeTakeFirst()
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return 'duplicate'
      const madeAt = toDbTime(item.createdAt)
      await db
        .insertInto('media_renditions')
        .values(
          renditions.map((spec) => ({
            name: spec.name,
            media_id: item.id,
            format: spec.format,
            width: spec.width,
            height: spec.height,
            byte_size: spec.byteSize,
            made_at: spec.byteSize === null ? null : madeAt,
          })),
        )
        .execute()
      return 'inserted'
    },

    async findById(id) {
      const row = await items().where('m.id', '=', id).executeTakeFirst()
      return row && toItem(row)
    },

    async findByIds(ids) {
      if (ids.length === 0) return []
      const rows = await items().where('m.id', 'in', ids).execute()
      return rows.map(toItem)
    },

    async findByHash(contentHash) {
      const row = await items().where('m.content_hash', '=', contentHash).executeTakeFirst()
      return row && toItem(row)
    },

    async search(text, { limit, offset }) {
      const rows = await items()
        .where(matching('m.search_text', text))
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute()
      return rows.map(toItem)
    },

    async count(text) {
      const row = await db
        .selectFrom('media_items')
        .where(matching('search_text', text))
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
      return fromDbCount(row.n)
    },

    async update(item, expectedVersion) {
      const result = await db
        .updateTable('media_items')
        .set(fieldColumns(item))
        .where('id', '=', item.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async delete(id) {
      await db.deleteFrom('media_items').where('id', '=', id).execute()
    },

    async renditions(mediaId) {
      const rows = await db
        .selectFrom('media_renditions')
        .selectAll()
        .where('media_id', '=', mediaId)
        .orderBy('width')
        .orderBy('format')
        .execute()
      return rows.map(toRendition)
    },

    async findRendition(name) {
      const row = await db
        .selectFrom('media_renditions')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst()
      return row && toRendition(row)
    },

    async markRenditionMade(name, byteSize, madeAt) {
      await db
        .updateTable('media_renditions')
        .set({ byte_size: byteSize, made_at: toDbTime(madeAt) })
        .where('name', '=', name)
        .execute()
    },

    async claimPending(now, staleBefore) {
      const free = (eb: ExpressionBuilder<Database, 'media_items'>) =>
        eb.and([
          eb('renditions_status', '=', 'pending'),
          eb.or([
            eb('renditions_claimed_at', 'is', null),
            eb('renditions_claimed_at', '<', toDbTime(staleBefore)),
          ]),
        ])
      // The condition is repeated outside the subquery: of two processes that picked the
      // same row, the second finds it claimed when its update runs, and updates nothing.
      const row = await db
        .updateTable('media_items')
        .set((eb) => ({
          renditions_claimed_at: toDbTime(now),
          renditions_attempts: eb('renditions_attempts', '+', 1),
        }))
        .where('id', '=', (eb) =>
          eb
            .selectFrom('media_items')
            .select('id')
            .where(free)
            .orderBy('created_at')
            .orderBy('id')
            .limit(1),
        )
        .where(free)
        .returning([...ITEM_COLUMNS.map((column) => column.slice(2) as Strip<typeof column>)])
        .executeTakeFirst()
      return (
        row && { ...toItem({ ...row, created_by_name: null }), attempts: row.renditions_attempts }
      )
    },

    async setRenditionsStatus(id, status) {
      await db
        .updateTable('media_items')
        .set({ renditions_status: status })
        .where('id', '=', id)
        .execute()
    },

    async usages(mediaId) {
      const rows = await db
        .selectFrom('media_usages as mu')
        .leftJoin('articles as a', (join) =>
          join
            .onRef('a.id', '=', 'mu.owner_id')
            .on('mu.kind', 'in', ['article_lead', 'article_inline']),
        )
        .leftJoin('authors as au', (join) =>
          join.onRef('au.id', '=', 'mu.owner_id').on('mu.kind', '=', 'author_photo'),
        )
        .select(['mu.kind', 'mu.owner_id', 'a.headline', 'au.name'])
        .where('mu.media_id', '=', mediaId)
        .orderBy('mu.kind')
        .orderBy('mu.owner_id')
        .execute()
      return rows.map((row) => ({
        kind: row.kind as MediaUsageKind,
        ownerId: row.owner_id,
        label: row.headline ?? row.name ?? '',
      }))
    },

    async setUsages({ kind, ownerId }, mediaIds) {
      await db
        .deleteFrom('media_usages')
        .where('kind', '=', kind)
        .where('owner_id', '=', ownerId)
        .execute()
      const unique = [...new Set(mediaIds)]
      if (unique.length === 0) return
      await db
        .insertInto('media_usages')
        .values(unique.map((media_id) => ({ media_id, kind, owner_id: ownerId })))
        .execute()
    },
  }
}

type Strip<T extends string> = T extends `m.${infer Column}` ? Column : never
