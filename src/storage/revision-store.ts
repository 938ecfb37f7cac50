import type { Kysely, Selectable } from 'kysely'
import type { Revision, RevisionFields, RevisionStore } from '../domain/articles/revision.js'
import { fromDbTime, toDbTime } from './dialect.js'
import type { ArticleRevisionTable, Database } from './schema.js'

function toRevision(row: Selectable<ArticleRevisionTable>): Revision {
  return {
    id: row.id,
    articleId: row.article_id,
    version: row.version,
    createdAt: fromDbTime(row.created_at),
    createdByName: row.created_by_name,
    note: row.note,
    fields: JSON.parse(row.fields) as RevisionFields,
  }
}

/** The largest `integer` both databases hold. */
const MAX_VERSION = 2_147_483_647

export function createRevisionStore(db: Kysely<Database>): RevisionStore {
  return {
    async insert(revisions) {
      if (revisions.length === 0) return
      await db
        .insertInto('article_revisions')
        .values(
          revisions.map((revision) => ({
            id: revision.id,
            article_id: revision.articleId,
            version: revision.version,
            created_at: toDbTime(revision.createdAt),
            created_by: revision.createdBy,
            created_by_name: revision.createdByName,
            note: revision.note,
            fields: JSON.stringify(revision.fields),
          })),
        )
        .execute()
    },

    async list(articleId) {
      const rows = await db
        .selectFrom('article_revisions')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('version', 'desc')
        .execute()
      return rows.map(toRevision)
    },

    async find(articleId, version) {
      // The column is an integer: a number no version can be (sent back by a browser, say)
      // finds nothing here rather than an error from PostgreSQL.
      if (!Number.isSafeInteger(version) || version < 1 || version > MAX_VERSION) return undefined
      const row = await db
        .selectFrom('article_revisions')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('version', '=', version)
        .executeTakeFirst()
      return row && toRevision(row)
    },
  }
}
