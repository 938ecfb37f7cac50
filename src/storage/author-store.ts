import { sql, type Kysely } from 'kysely'
import type { Clock } from '../domain/clock.js'
import type { Author } from '../domain/people/author.js'
import type { AuthorStore } from '../domain/people/author-store.js'
import { fromDbCount, toDbTime } from './dialect.js'
import { imageRefColumns, imageRefOf } from './media-rows.js'
import type { Database } from './schema.js'

/** The aliases the photo's columns are read under. */
const PHOTO_COLUMNS = imageRefColumns('p').map((_, index) => `p${index}` as const)

export function createAuthorStore(db: Kysely<Database>, clock: Clock): AuthorStore {
  /** Authors with their photos, by primary key. */
  const withPhotos = () =>
    db
      .selectFrom('authors as au')
      .leftJoin('media_items as p', 'p.id', 'au.photo_id')
      .select(['au.id', 'au.slug', 'au.name', 'au.bio'])
      .select(imageRefColumns('p').map((column, index) => column.as(`p${index}`)))

  type Row = Awaited<ReturnType<ReturnType<typeof withPhotos>['executeTakeFirstOrThrow']>>
  const toAuthor = (row: Row): Author => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    bio: row.bio,
    photo: imageRefOf(PHOTO_COLUMNS.map((name) => row[name])) ?? null,
  })

  return {
    async findBySlug(slug) {
      const row = await withPhotos().where('au.slug', '=', slug).executeTakeFirst()
      return row && toAuthor(row)
    },

    async findBySlugs(slugs) {
      if (slugs.length === 0) return []
      const rows = await withPhotos().where('au.slug', 'in', slugs).execute()
      return rows.map(toAuthor)
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

    async list({ limit, offset }) {
      const rows = await withPhotos()
        .orderBy('au.name')
        .orderBy('au.id')
        .limit(limit)
        .offset(offset)
        .execute()
      return rows.map(toAuthor)
    },

    async count() {
      const row = await db
        .selectFrom('authors')
        .select(sql<number | string>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
      return fromDbCount(row.n)
    },

    async insert(author: Author) {
      const now = toDbTime(clock.now())
      const { photo: _photo, ...fields } = author
      await db
        .insertInto('authors')
        .values({ ...fields, created_at: now, updated_at: now })
        .execute()
    },

    async updateBio(id, bio) {
      await db
        .updateTable('authors')
        .set({ bio, updated_at: toDbTime(clock.now()) })
        .where('id', '=', id)
        .execute()
    },

    async updatePhoto(id, mediaId) {
      await db
        .updateTable('authors')
        .set({ photo_id: mediaId, updated_at: toDbTime(clock.now()) })
        .where('id', '=', id)
        .execute()
    },
  }
}
