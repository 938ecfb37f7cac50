import type { Kysely } from 'kysely'
import type { Clock } from '../domain/clock.js'
import type { Tag } from '../domain/tags/tag.js'
import type { TagStore } from '../domain/tags/tag-store.js'
import { toDbTime } from './dialect.js'
import { refreshSearchTags } from './search-index.js'
import type { Database } from './schema.js'

const COLUMNS = ['id', 'slug', 'name'] as const

export function createTagStore(db: Kysely<Database>, clock: Clock): TagStore {
  return {
    findBySlug: (slug) =>
      db.selectFrom('tags').select(COLUMNS).where('slug', '=', slug).executeTakeFirst(),

    async findBySlugs(slugs) {
      if (slugs.length === 0) return []
      return db.selectFrom('tags').select(COLUMNS).where('slug', 'in', slugs).execute()
    },

    list: ({ limit, offset }) =>
      db.selectFrom('tags').select(COLUMNS).orderBy('slug').limit(limit).offset(offset).execute(),

    async count(slugPrefix) {
      let query = db.selectFrom('tags').select((eb) => eb.fn.countAll<number | string>().as('n'))
      if (slugPrefix !== '') query = query.where('slug', 'like', `${slugPrefix}%`)
      return Number((await query.executeTakeFirstOrThrow()).n)
    },

    async findCounted(slug) {
      const row = await countedTags(db).where('tags.slug', '=', slug).executeTakeFirst()
      return row && { ...row, articles: Number(row.articles ?? 0) }
    },

    async listCounted({ slugPrefix, limit, offset }) {
      let query = countedTags(db)
      // A slug holds only letters, digits and hyphens, so it needs no escaping in a pattern.
      if (slugPrefix !== '') query = query.where('tags.slug', 'like', `${slugPrefix}%`)
      const rows = await query.orderBy('tags.slug').limit(limit).offset(offset).execute()
      return rows.map((row) => ({ ...row, articles: Number(row.articles ?? 0) }))
    },

    async rename(id, name) {
      await db.updateTable('tags').set({ name }).where('id', '=', id).execute()
    },

    async articleIds(tagId) {
      const rows = await db
        .selectFrom('article_tags')
        .select('article_id')
        .where('tag_id', '=', tagId)
        .execute()
      return rows.map((row) => row.article_id)
    },

    async mergeInto(fromId, intoId) {
      const articleIds = (
        await db
          .selectFrom('article_tags')
          .select('article_id')
          .where('tag_id', '=', fromId)
          .execute()
      ).map((row) => row.article_id)
      await db
        .deleteFrom('article_tags')
        .where('tag_id', '=', fromId)
        .where('article_id', 'in', (eb) =>
          eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', intoId),
        )
        .execute()
      await db
        .updateTable('article_tags')
        .set({ tag_id: intoId })
        .where('tag_id', '=', fromId)
        .execute()
      await db.deleteFrom('tags').where('id', '=', fromId).execute()
      return articleIds
    },

    refreshSearchTags: (articleIds) => refreshSearchTags(db, articleIds),

    async insert(tag: Tag) {
      await db
        .insertInto('tags')
        .values({ ...tag, created_at: toDbTime(clock.now()) })
        .execute()
    },
  }
}

/** Tags with how many articles carry each. */
function countedTags(db: Kysely<Database>) {
  return db
    .selectFrom('tags')
    .select((eb) => [
      'tags.id',
      'tags.slug',
      'tags.name',
      eb
        .selectFrom('article_tags')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('article_tags.tag_id', '=', 'tags.id')
        .as('articles'),
    ])
}
