import type { Kysely } from 'kysely'
import type {
  ArticleRecord,
  ArticleStore,
  KnownRelations,
} from '../domain/articles/article-store.js'
import { isSearchable } from '../domain/search/search-document.js'
import { createArticleReads } from './article-reads.js'
import { createListingReads } from './article-listings.js'
import { toDbTime, type DialectName } from './dialect.js'
import { createNewsroomReads } from './newsroom-queries.js'
import type { Database } from './schema.js'
import { removeSearchDocument, syncSearchDocument } from './search-index.js'
import { createSyndicationReads } from './syndication-queries.js'

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, index) => id === b[index])

export function createArticleStore(db: Kysely<Database>, dialect: DialectName): ArticleStore {
  /** Writes the byline and tag rows that differ from `previous` (all of them without it). */
  async function writeRelations(
    record: ArticleRecord,
    previous: KnownRelations['previous'],
  ): Promise<void> {
    const authorsChanged = !previous || !sameIds(previous.authorIds, record.authorIds)
    const tagsChanged = !previous || !sameIds(previous.tagIds, record.tagIds)
    if (authorsChanged && previous?.authorIds.length !== 0) {
      await db.deleteFrom('article_authors').where('article_id', '=', record.id).execute()
    }
    if (authorsChanged && record.authorIds.length > 0) {
      await db
        .insertInto('article_authors')
        .values(
          record.authorIds.map((author_id, position) => ({
            article_id: record.id,
            author_id,
            position,
          })),
        )
        .execute()
    }
    if (tagsChanged && previous?.tagIds.length !== 0) {
      await db.deleteFrom('article_tags').where('article_id', '=', record.id).execute()
    }
    if (tagsChanged && record.tagIds.length > 0) {
      await db
        .insertInto('article_tags')
        .values(
          record.tagIds.map((tag_id, position) => ({ article_id: record.id, tag_id, position })),
        )
        .execute()
    }
  }

  return {
    ...createArticleReads(db, dialect),
    ...createListingReads(db),
    ...createNewsroomReads(db),
    ...createSyndicationReads(db),

    async insert(record, known = {}) {
      await db.insertInto('articles').values(toRow(record)).execute()
      // A new article has no relations yet, nor a search row to remove.
      await writeRelations(record, { authorIds: [], tagIds: [] })
      if (isSearchable(record)) await syncSearchDocument(db, record, known.names)
    },

    async update(record, expectedVersion, known = {}) {
      // The import key is an article's identity in the archive: set once, never changed.
      const { import_key: _importKey, ...row } = toRow(record)
      const result = await db
        .updateTable('articles')
        .set(row)
        .where('id', '=', record.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) return false
      await writeRelations(record, known.previous)
      await syncSearchDocument(db, record, known.names)
      return true
    },

    async delete(id) {
      await removeSearchDocument(db, id)
      await db.deleteFrom('articles').where('id', '=', id).execute()
    },

    async insertCorrection(articleId, correction) {
      await db
        .insertInto('corrections')
        .values({
          id: correction.id,
          article_id: articleId,
          note: correction.note,
          created_at: toDbTime(correction.createdAt),
          created_by: correction.createdBy,
        })
        .execute()
    },
  }
}

function toRow(record: ArticleRecord) {
  return {
    id: record.id,
    slug: record.slug,
    headline: record.headline,
    standfirst: record.standfirst,
    dateline: record.dateline,
    body: record.body,
    key_points: JSON.stringify(record.keyPoints),
    brief: record.brief,
    section_id: record.sectionId,
    status: record.status,
    published_at: record.publishedAt ? toDbTime(record.publishedAt) : null,
    created_at: toDbTime(record.createdAt),
    updated_at: toDbTime(record.updatedAt),
    version: record.version,
    import_key: record.importKey,
    created_by: record.createdBy,
    scheduled_for: record.scheduledFor ? toDbTime(record.scheduledFor) : null,
    comment_mode: record.commentMode,
  }
}
