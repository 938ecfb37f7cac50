import type { Kysely } from 'kysely'
import type { Clock } from '../domain/clock.js'
import type { Author } from '../domain/people/author.js'
import type { AuthorStore } from '../domain/people/author-store.js'
import { toDbTime } from './dialect.js'
import type { Database } from './schema.js'

const COLUMNS = ['id', 'slug', 'name', 'bio'] as const

export function createAuthorStore(db: Kysely<Database>, clock: Clock): AuthorStore {
  return {
    findBySlug: (slug) =>
      db.selectFrom('authors').select(COLUMNS).where('slug', '=', slug).executeTakeFirst(),

    async findBySlugs(slugs) {
      if (slugs.length === 0) return []
      return db.selectFrom('authors').select(COLUMNS).where('slug', 'in', slugs).execute()
    },

    async listNames(limit) {
      const rows = await db
        .selectFrom('authors')
        .select('name')
        .orderBy('name')
        .limit(limit)
        .execute()
      return rows.map((row) => row.name)
    },

    async insert(author: Author) {
      const now = toDbTime(clock.now())
      await db
        .insertInto('authors')
        .values({ ...author, created_at: now, updated_at: now })
        .execute()
    },

    async updateBio(id, bio) {
      await db
        .updateTable('authors')
        .set({ bio, updated_at: toDbTime(clock.now()) })
        .where('id', '=', id)
        .execute()
    },
  }
}
