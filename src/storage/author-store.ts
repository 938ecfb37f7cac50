import { sql, type Kysely } from 'kysely'
import type { Clock } from '../domain/clock.js'
import type { Author, AuthorLink } from '../domain/people/author.js'
import { refreshSearchBylines } from './search-index.js'
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
      .select(['au.id', 'au.slug', 'au.name', 'au.bio', 'au.links'])
      .select(imageRefColumns('p').map((column, index) => column.as(`p${index}`)))

  type Row = Awaited<ReturnType<ReturnType<typeof withPhotos>['executeTakeFirstOrThrow']>>
  const toAuthor = (row: Row): Author => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    bio: row.bio,
    links: linksOf(row.links),
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
      const { photo: _photo, links = [], ...fields } = author
      await db
        .insertInto('authors')
        .values({ ...fields, links: JSON.stringify(links), created_at: now, updated_at: now })
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

    async findById(id) {
      const row = await withPhotos().where('au.id', '=', id).executeTakeFirst()
      return row && toAuthor(row)
    },

    async updateProfile(id, { name, bio, links }) {
      await db
        .updateTable('authors')
        .set({ name, bio, links: JSON.stringify(links), updated_at: toDbTime(clock.now()) })
        .where('id', '=', id)
        .execute()
    },

    async articleIds(authorId) {
      const rows = await db
        .selectFrom('article_authors')
        .select('article_id')
        .where('author_id', '=', authorId)
        .execute()
      return rows.map((row) => row.article_id)
    },

    async mergeInto(fromId, intoId) {
      const rows = await db
        .selectFrom('article_authors')
        .select('article_id')
        .where('author_id', '=', fromId)
        .execute()
      const articleIds = rows.map((row) => row.article_id)
      // An article that names both keeps the one byline, where it already was.
      await db
        .deleteFrom('article_authors')
        .where('author_id', '=', fromId)
        .where('article_id', 'in', (eb) =>
          eb.selectFrom('article_authors').select('article_id').where('author_id', '=', intoId),
        )
        .execute()
      await db
        .updateTable('article_authors')
        .set({ author_id: intoId })
        .where('author_id', '=', fromId)
        .execute()
      await db
        .updateTable('users')
        .set({ author_id: intoId })
        .where('author_id', '=', fromId)
        .execute()
      await db.deleteFrom('authors').where('id', '=', fromId).execute()
      return articleIds
    },

    refreshSearchBylines: (articleIds) => refreshSearchBylines(db, articleIds),
  }
}

function linksOf(stored: string): AuthorLink[] {
  const parsed: unknown = JSON.parse(stored)
  return Array.isArray(parsed) ? (parsed as AuthorLink[]) : []
}
