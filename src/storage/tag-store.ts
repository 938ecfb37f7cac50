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

    refreshSearchTags: (articleIds) => refreshSearchTags(db, articleIds),

    async insert(tag: Tag) {
      await db
        .insertInto('tags')
        .values({ ...tag, created_at: toDbTime(clock.now()) })
        .execute()
    },
  }
}
