import { sql, type Kysely } from 'kysely'
import {
  ARTICLE_STATUSES,
  isArticleStatus,
  type Article,
  type ArticleStatus,
  type ArticleSummary,
  type Correction,
} from '../domain/articles/article.js'
import type {
  ArticleRecord,
  ArticleStore,
  NewsroomFilter,
  PublishedFilter,
} from '../domain/articles/article-store.js'
import type { ArticleCommentMode } from '../domain/comments/comment-policy.js'
import type { AuthorRef } from '../domain/people/author.js'
import type { TagRef } from '../domain/tags/tag.js'
import { fromDbCount, fromDbTime, fromNullableDbTime, toDbTime } from './dialect.js'
import type { Database } from './schema.js'
import { removeSearchDocument, syncSearchDocument } from './search-index.js'
import { createSyndicationReads } from './syndication-queries.js'

export function createArticleStore(db: Kysely<Database>): ArticleStore {
  function articleQuery() {
    return db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .selectAll('a')
      .select(['s.slug as section_slug', 's.name as section_name'])
  }

  async function findOne(column: 'a.id' | 'a.slug', value: string): Promise<Article | undefined> {
    const row = await articleQuery().where(column, '=', value).executeTakeFirst()
    if (!row) return undefined
    const [bylines, tags, corrections] = await Promise.all([
      bylinesOf([row.id]),
      tagsOf(row.id),
      correctionsOf(row.id),
    ])
    return {
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      standfirst: row.standfirst,
      dateline: row.dateline,
      body: row.body,
      keyPoints: parseKeyPoints(row.key_points),
      brief: row.brief,
      sectionId: row.section_id,
      section: { slug: row.section_slug, name: row.section_name },
      bylines: bylines.get(row.id) ?? [],
      tags,
      status: row.status as ArticleStatus,
      publishedAt: fromNullableDbTime(row.published_at),
      scheduledFor: fromNullableDbTime(row.scheduled_for),
      createdAt: fromDbTime(row.created_at),
      updatedAt: fromDbTime(row.updated_at),
      createdBy: row.created_by,
      commentMode: row.comment_mode as ArticleCommentMode,
      corrections,
      version: row.version,
    }
  }

  async function correctionsOf(articleId: string): Promise<Correction[]> {
    const rows = await db
      .selectFrom('corrections')
      .select(['id', 'note', 'created_at'])
      .where('article_id', '=', articleId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map((row) => ({
      id: row.id,
      note: row.note,
      createdAt: fromDbTime(row.created_at),
    }))
  }

  function newsroomQuery(filter: NewsroomFilter) {
    let query = db.selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id')
    if (filter.status !== undefined) query = query.where('a.status', '=', filter.status)
    if (filter.sectionId !== undefined) query = query.where('a.section_id', '=', filter.sectionId)
    if (filter.createdBy !== undefined) query = query.where('a.created_by', '=', filter.createdBy)
    if (filter.headline) {
      const pattern = `%${filter.headline.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`
      query = query.where(sql<boolean>`lower(a.headline) like ${pattern} escape '\\'`)
    }
    return query
  }

  /** Bylines of many articles in one query, in byline order. */
  async function bylinesOf(articleIds: readonly string[]): Promise<Map<string, AuthorRef[]>> {
    const byArticle = new Map<string, AuthorRef[]>()
    if (articleIds.length === 0) return byArticle
    const rows = await db
      .selectFrom('article_authors as aa')
      .innerJoin('authors as au', 'au.id', 'aa.author_id')
      .select(['aa.article_id', 'au.slug', 'au.name'])
      .where('aa.article_id', 'in', articleIds)
      .orderBy('aa.article_id')
      .orderBy('aa.position')
      .execute()
    for (const { article_id, slug, name } of rows) {
      const list = byArticle.get(article_id) ?? []
      list.push({ slug, name })
      byArticle.set(article_id, list)
    }
    return byArticle
  }

  async function tagsOf(articleId: string): Promise<TagRef[]> {
    return db
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['t.slug', 't.name'])
      .where('at.article_id', '=', articleId)
      .orderBy('at.position')
      .execute()
  }

  function publishedQuery(filter: PublishedFilter) {
    let query = db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .where('a.status', '=', 'published')
    if (filter.sectionId !== undefined) query = query.where('a.section_id', '=', filter.sectionId)
    if (filter.authorId !== undefined) {
      const authorId = filter.authorId
      query = query.where('a.id', 'in', (sub) =>
        sub.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId),
      )
    }
    if (filter.tagId !== undefined) {
      const tagId = filter.tagId
      query = query.where('a.id', 'in', (sub) =>
        sub.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId),
      )
    }
    // A range on the (status, published_at, id) index: the date archive.
    if (filter.publishedFrom !== undefined) {
      query = query.where('a.published_at', '>=', toDbTime(filter.publishedFrom))
    }
    if (filter.publishedBefore !== undefined) {
      query = query.where('a.published_at', '<', toDbTime(filter.publishedBefore))
    }
    return query
  }

  /**
   * Listings in two steps: the ids in order from an index, then the rows by
   * primary key. One query doing both lets SQLite walk the whole listing index
   * to honour ORDER BY while it filters by id.
   */
  async function publishedIds(
    filter: PublishedFilter,
    page: { limit: number; offset: number },
  ): Promise<string[]> {
    const rows = await publishedQuery(filter)
      .select('a.id')
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    return rows.map((row) => row.id)
  }

  /** Summaries of those of the given articles that are published, in the order of `ids`. */
  async function summaries(ids: readonly string[]): Promise<ArticleSummary[]> {
    if (ids.length === 0) return []
    const [rows, bylines] = await Promise.all([
      db
        .selectFrom('articles as a')
        .innerJoin('sections as s', 's.id', 'a.section_id')
        .select([
          'a.id',
          'a.slug',
          'a.headline',
          'a.standfirst',
          'a.dateline',
          'a.brief',
          'a.published_at',
          'a.updated_at',
          's.slug as section_slug',
          's.name as section_name',
        ])
        // By id and status together: the articles_state_by_id index answers both.
        .where('a.id', 'in', ids)
        .where('a.status', '=', 'published')
        .execute(),
      bylinesOf(ids),
    ])
    const byId = new Map(rows.map((row) => [row.id, row]))
    return ids.flatMap((id) => {
      const row = byId.get(id)
      if (!row) return []
      return {
        id: row.id,
        slug: row.slug,
        headline: row.headline,
        standfirst: row.standfirst,
        dateline: row.dateline,
        brief: row.brief,
        section: { slug: row.section_slug, name: row.section_name },
        bylines: bylines.get(row.id) ?? [],
        // Published rows always have a publication time.
        publishedAt: fromDbTime(row.published_at ?? row.updated_at),
        updatedAt: fromDbTime(row.updated_at),
      }
    })
  }

  async function writeRelations(record: ArticleRecord): Promise<void> {
    if (record.authorIds.length > 0) {
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
    if (record.tagIds.length > 0) {
      await db
        .insertInto('article_tags')
        .values(
          record.tagIds.map((tag_id, position) => ({ article_id: record.id, tag_id, position })),
        )
        .execute()
    }
  }

  return {
    ...createSyndicationReads(db),
    findById: (id) => findOne('a.id', id),
    findBySlug: (slug) => findOne('a.slug', slug),

    async findIdByImportKey(importKey) {
      const row = await db
        .selectFrom('articles')
        .select('id')
        .where('import_key', '=', importKey)
        .executeTakeFirst()
      return row?.id
    },

    async slugsLike(base) {
      // Exact lookups first, by the unique index. LIKE cannot use that index (it
      // ignores case on SQLite, and depends on the collation on PostgreSQL): it would
      // read every slug, on every new article.
      const likely = [base, ...Array.from({ length: 15 }, (_, i) => `${base}-${i + 2}`)]
      const found = await db
        .selectFrom('articles')
        .select('slug')
        .where('slug', 'in', likely)
        .execute()
      if (found.length < likely.length) return found.map((row) => row.slug)
      const rows = await db
        .selectFrom('articles')
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute()
      return rows.map((row) => row.slug)
    },

    async insert(record) {
      await db.insertInto('articles').values(toRow(record)).execute()
      await writeRelations(record)
      await syncSearchDocument(db, record)
    },

    async update(record, expectedVersion) {
      // The import key is an article's identity in the archive: set once, never changed.
      const { import_key: _importKey, ...row } = toRow(record)
      const result = await db
        .updateTable('articles')
        .set(row)
        .where('id', '=', record.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) return false
      await db.deleteFrom('article_authors').where('article_id', '=', record.id).execute()
      await db.deleteFrom('article_tags').where('article_id', '=', record.id).execute()
      await writeRelations(record)
      await syncSearchDocument(db, record)
      return true
    },

    async delete(id) {
      await removeSearchDocument(db, id)
      await db.deleteFrom('articles').where('id', '=', id).execute()
    },

    async listForNewsroom(filter, page) {
      const rows = await newsroomQuery(filter)
        .select([
          'a.id',
          'a.slug',
          'a.headline',
          'a.status',
          'a.created_by',
          'a.published_at',
          'a.scheduled_for',
          'a.updated_at',
          'a.version',
          's.slug as section_slug',
          's.name as section_name',
        ])
        .orderBy('a.updated_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute()
      const bylines = await bylinesOf(rows.map((row) => row.id))
      return rows.map((row) => ({
        id: row.id,
        slug: row.slug,
        headline: row.headline,
        status: row.status as ArticleStatus,
        section: { slug: row.section_slug, name: row.section_name },
        bylines: bylines.get(row.id) ?? [],
        createdBy: row.created_by,
        publishedAt: fromNullableDbTime(row.published_at),
        scheduledFor: fromNullableDbTime(row.scheduled_for),
        updatedAt: fromDbTime(row.updated_at),
        version: row.version,
      }))
    },

    async countForNewsroom(filter) {
      const row = await newsroomQuery(filter)
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow()
      return fromDbCount(row.count)
    },

    async countByStatus(filter) {
      const rows = await newsroomQuery(filter)
        .select(['a.status', (eb) => eb.fn.countAll<number | string>().as('count')])
        .groupBy('a.status')
        .execute()
      const counts = Object.fromEntries(ARTICLE_STATUSES.map((status) => [status, 0])) as Record<
        ArticleStatus,
        number
      >
      for (const row of rows) {
        if (isArticleStatus(row.status)) counts[row.status] = fromDbCount(row.count)
      }
      return counts
    },

    async findDueScheduled(now) {
      const rows = await db
        .selectFrom('articles')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('scheduled_for', '<=', toDbTime(now))
        .orderBy('scheduled_for')
        .execute()
      return rows.map((row) => row.id)
    },

    async nextScheduledTime() {
      const row = await db
        .selectFrom('articles')
        .select('scheduled_for')
        .where('status', '=', 'scheduled')
        .where('scheduled_for', 'is not', null)
        .orderBy('scheduled_for')
        .limit(1)
        .executeTakeFirst()
      return row?.scheduled_for ? fromDbTime(row.scheduled_for) : undefined
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

    listPublished: async (filter, page) => summaries(await publishedIds(filter, page)),

    publishedSummaries: summaries,

    async countPublished(filter) {
      const row = await publishedQuery(filter)
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow()
      return fromDbCount(row.count)
    },

    async latestPublishedPerSection(perSection, excludeIds) {
      // One small indexed query per section beats a window over every published article.
      const sections = await db.selectFrom('sections').select('id').orderBy('position').execute()
      const lists = await Promise.all(
        sections.map((section) => {
          let query = db
            .selectFrom('articles')
            .select('id')
            .where('section_id', '=', section.id)
            .where('status', '=', 'published')
          if (excludeIds.length > 0) query = query.where('id', 'not in', excludeIds)
          return query
            .orderBy('published_at', 'desc')
            .orderBy('id', 'desc')
            .limit(perSection)
            .execute()
        }),
      )
      return summaries(lists.flat().map((row) => row.id))
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

function parseKeyPoints(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}
