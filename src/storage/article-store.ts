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
import { immediateSearchWriter, syncSearchDocument, type SearchWriter } from './search-index.js'
import { createSyndicationReads } from './syndication-queries.js'

const ARTICLE_IMAGE_KINDS = ['article_lead', 'article_inline', 'article_social']

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, index) => id === b[index])

export function createArticleStore(
  db: Kysely<Database>,
  dialect: DialectName,
  /** Where search rows go: at once, or held for a batch's commit (deferred-search.ts). */
  search: SearchWriter = immediateSearchWriter(db),
): ArticleStore {
  /**
   * Writes the byline and tag rows that differ from `previous` (all of them
   * without it); rows kept as they were get the article's last-modified time
   * for the sitemaps (ArticleLastModified in schema-columns.ts).
   */
  async function writeRelations(
    record: ArticleRecord,
    previous: KnownRelations['previous'],
  ): Promise<void> {
    const authorsChanged = !previous || !sameIds(previous.authorIds, record.authorIds)
    const tagsChanged = !previous || !sameIds(previous.tagIds, record.tagIds)
    const published_updated_at = publishedUpdatedAt(record)
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
            published_updated_at,
          })),
        )
        .execute()
    } else if (!authorsChanged && record.authorIds.length > 0) {
      await db
        .updateTable('article_authors')
        .set({ published_updated_at })
        .where('article_id', '=', record.id)
        .execute()
    }
    if (tagsChanged && previous?.tagIds.length !== 0) {
      await db.deleteFrom('article_tags').where('article_id', '=', record.id).execute()
    }
    if (tagsChanged && record.tagIds.length > 0) {
      await db
        .insertInto('article_tags')
        .values(
          record.tagIds.map((tag_id, position) => ({
            article_id: record.id,
            tag_id,
            position,
            published_updated_at,
          })),
        )
        .execute()
    } else if (!tagsChanged && record.tagIds.length > 0) {
      await db
        .updateTable('article_tags')
        .set({ published_updated_at })
        .where('article_id', '=', record.id)
        .execute()
    }
  }

  /**
   * Rewrites where the article's images are used, when they changed since
   * `previous` (always without it): one delete, one insert. Nothing for an
   * article that shows no image and showed none.
   */
  async function writeImageUsages(
    record: ArticleRecord,
    previous: KnownRelations['previous'],
  ): Promise<void> {
    const before = previous
      ? [previous.leadImageId, previous.socialImageId, ...previous.inlineImageIds]
      : undefined
    const after = [record.leadImageId, record.socialImageId, ...record.inlineImageIds]
    if (before && sameIds(before.map(String), after.map(String))) return
    if (!before || before.some((id) => id !== null)) {
      await db
        .deleteFrom('media_usages')
        .where('owner_id', '=', record.id)
        .where('kind', 'in', ARTICLE_IMAGE_KINDS)
        .execute()
    }
    const rows = [
      ...(record.leadImageId
        ? [{ media_id: record.leadImageId, kind: 'article_lead', position: 0 }]
        : []),
      ...(record.socialImageId
        ? [{ media_id: record.socialImageId, kind: 'article_social', position: 0 }]
        : []),
      ...record.inlineImageIds.map((media_id, position) => ({
        media_id,
        kind: 'article_inline',
        position,
      })),
    ]
    if (rows.length === 0) return
    await db
      .insertInto('media_usages')
      .values(rows.map((row) => ({ ...row, owner_id: record.id })))
      .execute()
  }

  return {
    ...createArticleReads(db, dialect),
    ...createListingReads(db, dialect),
    ...createNewsroomReads(db, dialect),
    ...createSyndicationReads(db, dialect),

    async insert(record, known = {}) {
      await db.insertInto('articles').values(toRow(record)).execute()
      // A new article has no relations yet, nor a search row to remove.
      const none = {
        authorIds: [],
        tagIds: [],
        leadImageId: null,
        socialImageId: null,
        inlineImageIds: [],
      }
      await writeRelations(record, none)
      await writeImageUsages(record, none)
      if (isSearchable(record)) await syncSearchDocument(db, search, record, known.names)
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
      await writeImageUsages(record, known.previous)
      await syncSearchDocument(db, search, record, known.names)
      return true
    },

    async delete(id) {
      await search.remove(id)
      // Its images are no longer used here: they may be deleted once nothing else shows them.
      await db
        .deleteFrom('media_usages')
        .where('owner_id', '=', id)
        .where('kind', 'in', ARTICLE_IMAGE_KINDS)
        .execute()
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

/** The article's updated_at while it is published: what its byline and tag rows keep. */
function publishedUpdatedAt(record: ArticleRecord): string | null {
  return record.status === 'published' ? toDbTime(record.updatedAt) : null
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
    lead_image_id: record.leadImageId,
    meta_title: record.seo.metaTitle,
    meta_description: record.seo.metaDescription,
    social_title: record.seo.socialTitle,
    social_description: record.seo.socialDescription,
    social_image_id: record.socialImageId,
  }
}
