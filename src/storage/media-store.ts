import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import type { MediaFilter, MediaStore, MediaUsageKind } from '../domain/media/media-store.js'
import { containsPattern, fromDbCount, toDbTime } from './dialect.js'
import { fieldColumns, ITEM_COLUMNS, renditionRow, toItem, toRendition } from './media-rows.js'
import type { Database } from './schema.js'

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

  // Each EXISTS reads the usages' primary key (media_id, kind, …), never the whole table.
  const passes =
    ({ exceptAuthorPhotos = false }: MediaFilter = {}) =>
    (eb: ExpressionBuilder<Database & { m: Database['media_items'] }, 'm'>) => {
      if (!exceptAuthorPhotos) return eb.lit(true)
      const usages = (kind: '=' | '<>') =>
        eb.exists(
          eb
            .selectFrom('media_usages as u')
            .select('u.media_id')
            .whereRef('u.media_id', '=', 'm.id')
            .where('u.kind', kind, 'author_photo'),
        )
      return eb.or([eb.not(usages('=')), usages('<>')])
    }

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
          renditions.map((spec) =>
            renditionRow(item.id, spec, {
              byteSize: spec.byteSize,
              madeAt: spec.byteSize === null ? null : madeAt,
            }),
          ),
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

    async search(text, { limit, offset }, filter) {
      const rows = await items()
        .where(matching('m.search_text', text))
        .where(passes(filter))
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute()
      return rows.map(toItem)
    },

    async count(text, filter) {
      const row = await db
        .selectFrom('media_items as m')
        .where(matching('m.search_text', text))
        .where(passes(filter))
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

    async addRenditions(mediaId, specs) {
      if (specs.length === 0) return
      await db
        .insertInto('media_renditions')
        .values(specs.map((spec) => renditionRow(mediaId, spec, { byteSize: null, madeAt: null })))
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute()
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
        // Pending again (new crops to make): claimable at once, with its attempts counted afresh.
        .set(
          status === 'pending'
            ? { renditions_status: status, renditions_claimed_at: null, renditions_attempts: 0 }
            : { renditions_status: status },
        )
        .where('id', '=', id)
        .execute()
    },

    async usages(mediaId) {
      const rows = await db
        .selectFrom('media_usages as mu')
        .leftJoin('articles as a', (join) =>
          join
            .onRef('a.id', '=', 'mu.owner_id')
            .on('mu.kind', 'in', ['article_lead', 'article_inline', 'article_social']),
        )
        .leftJoin('authors as au', (join) =>
          join.onRef('au.id', '=', 'mu.owner_id').on('mu.kind', '=', 'author_photo'),
        )
        .select(['mu.kind', 'mu.owner_id', 'a.headline', 'a.status', 'au.name'])
        .where('mu.media_id', '=', mediaId)
        .orderBy('mu.kind')
        .orderBy('mu.owner_id')
        .execute()
      return rows.map((row) => ({
        kind: row.kind as MediaUsageKind,
        ownerId: row.owner_id,
        label: row.headline ?? row.name ?? '',
        public:
          row.kind === 'site_logo'
            ? true
            : row.kind === 'author_photo'
              ? row.name !== null
              : row.status === 'published' || row.status === 'scheduled',
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
