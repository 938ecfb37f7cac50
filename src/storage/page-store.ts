import type { Kysely, Selectable } from 'kysely'
import type { Page, PageFields, PageRevision } from '../domain/pages/page.js'
import type { PageStore } from '../domain/pages/page-store.js'
import { fromDbTime, toDbTime } from './dialect.js'
import type { Database, PageRevisionTable, PageTable } from './schema.js'

const toPage = (row: Selectable<PageTable>): Page => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  description: row.description,
  body: row.body,
  published: row.published === 1,
  version: row.version,
  createdBy: row.created_by,
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
})

const toRevision = (row: Selectable<PageRevisionTable>): PageRevision => ({
  id: row.id,
  pageId: row.page_id,
  version: row.version,
  createdAt: fromDbTime(row.created_at),
  createdByName: row.created_by_name,
  fields: JSON.parse(row.fields) as PageFields,
})

export function createPageStore(db: Kysely<Database>): PageStore {
  const rowOf = (page: Page) => ({
    slug: page.slug,
    title: page.title,
    description: page.description,
    body: page.body,
    published: page.published ? 1 : 0,
    version: page.version,
    updated_at: toDbTime(page.updatedAt),
  })

  return {
    async list() {
      return (
        await db.selectFrom('pages').selectAll().orderBy('title').orderBy('id').execute()
      ).map(toPage)
    },

    async listPublished() {
      const rows = await db
        .selectFrom('pages')
        .selectAll()
        .where('published', '=', 1)
        .orderBy('title')
        .execute()
      return rows.map(toPage)
    },

    async findById(id) {
      const row = await db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toPage(row)
    },

    async findBySlug(slug) {
      const row = await db
        .selectFrom('pages')
        .selectAll()
        .where('slug', '=', slug)
        .executeTakeFirst()
      return row && toPage(row)
    },

    async insert(page) {
      await db
        .insertInto('pages')
        .values({
          id: page.id,
          ...rowOf(page),
          created_by: page.createdBy,
          created_at: toDbTime(page.createdAt),
        })
        .execute()
    },

    async update(page, expectedVersion) {
      const result = await db
        .updateTable('pages')
        .set(rowOf(page))
        .where('id', '=', page.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async remove(id) {
      await db.deleteFrom('page_revisions').where('page_id', '=', id).execute()
      await db.deleteFrom('pages').where('id', '=', id).execute()
    },

    async insertRevision(revision) {
      await db
        .insertInto('page_revisions')
        .values({
          id: revision.id,
          page_id: revision.pageId,
          version: revision.version,
          created_at: toDbTime(revision.createdAt),
          created_by: revision.createdBy,
          created_by_name: revision.createdByName,
          fields: JSON.stringify(revision.fields),
        })
        .execute()
    },

    async revisions(pageId) {
      const rows = await db
        .selectFrom('page_revisions')
        .selectAll()
        .where('page_id', '=', pageId)
        .orderBy('version', 'desc')
        .execute()
      return rows.map(toRevision)
    },

    async findRevision(pageId, version) {
      const row = await db
        .selectFrom('page_revisions')
        .selectAll()
        .where('page_id', '=', pageId)
        .where('version', '=', version)
        .executeTakeFirst()
      return row && toRevision(row)
    },
  }
}
