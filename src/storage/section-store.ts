import type { Kysely } from 'kysely'
import type { Clock } from '../domain/clock.js'
import type { Section } from '../domain/sections/section.js'
import type { SectionStore } from '../domain/sections/section-store.js'
import { toDbTime } from './dialect.js'
import type { Database } from './schema.js'

const COLUMNS = ['id', 'slug', 'name', 'position'] as const

export function createSectionStore(db: Kysely<Database>, clock: Clock): SectionStore {
  return {
    list: () =>
      db.selectFrom('sections').select(COLUMNS).orderBy('position').orderBy('name').execute(),

    findBySlug: (slug) =>
      db.selectFrom('sections').select(COLUMNS).where('slug', '=', slug).executeTakeFirst(),

    async rename(id, name) {
      await db
        .updateTable('sections')
        .set({ name, updated_at: toDbTime(clock.now()) })
        .where('id', '=', id)
        .execute()
    },

    async setPosition(id, position) {
      await db
        .updateTable('sections')
        .set({ position, updated_at: toDbTime(clock.now()) })
        .where('id', '=', id)
        .execute()
    },

    async moveArticles(fromId, toId) {
      const result = await db
        .updateTable('articles')
        .set({ section_id: toId })
        .where('section_id', '=', fromId)
        .executeTakeFirst()
      return Number(result.numUpdatedRows)
    },

    async remove(id) {
      await db.deleteFrom('sections').where('id', '=', id).execute()
    },

    async insert(section: Section) {
      const now = toDbTime(clock.now())
      await db
        .insertInto('sections')
        .values({ ...section, created_at: now, updated_at: now })
        .execute()
    },
  }
}
