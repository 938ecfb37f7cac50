import type { Kysely, NotNull } from 'kysely'
import type { ArticleSummary } from '../domain/articles/article.js'
import type { ArticleStore, PublishedFilter } from '../domain/articles/article-store.js'
import type { AuthorRef } from '../domain/people/author.js'
import { compiledOnceWith } from './compiled-once.js'
import { fromDbCount, fromDbTime, toDbTime, type DialectName } from './dialect.js'
import { imageRefColumns, imageRefOf } from './media-rows.js'
import type { Database } from './schema.js'

/** The aliases the lead image's columns are read under. */
const IMAGE_COLUMN_NAMES = imageRefColumns('m').map((_, index) => `m${index}` as const)

export type ListingReads = Pick<
  ArticleStore,
  'listPublished' | 'publishedSummaries' | 'countPublished' | 'latestPublishedInSections'
>

const bylinesQuery = compiledOnceWith((db, _dialect, slots: { ids: readonly string[] }) =>
  db
    .selectFrom('article_authors as aa')
    .innerJoin('authors as au', 'au.id', 'aa.author_id')
    .select(['aa.article_id', 'au.slug', 'au.name'])
    .where('aa.article_id', 'in', slots.ids)
    .orderBy('aa.article_id')
    .orderBy('aa.position'),
)

/** Bylines of many articles in one query, in byline order. */
export async function bylinesOf(
  db: Kysely<Database>,
  dialect: DialectName,
  articleIds: readonly string[],
): Promise<Map<string, AuthorRef[]>> {
  const byArticle = new Map<string, AuthorRef[]>()
  if (articleIds.length === 0) return byArticle
  for (const { article_id, slug, name } of await bylinesQuery(db, dialect, { ids: articleIds })) {
    const list = byArticle.get(article_id) ?? []
    list.push({ slug, name })
    byArticle.set(article_id, list)
  }
  return byArticle
}

/** Published articles among the ids, each with its section and lead image, in no order. */
const summaryRows = compiledOnceWith((db, _dialect, slots: { ids: readonly string[] }) =>
  db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    // The lead image, by primary key: cards show it.
    .leftJoin('media_items as m', 'm.id', 'a.lead_image_id')
    .select(imageRefColumns('m').map((column, index) => column.as(`m${index}`)))
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
    .where('a.id', 'in', slots.ids)
    .where('a.status', '=', 'published')
    // What readers see has gone out, so it has a publication time: the type says so.
    .where('a.published_at', 'is not', null)
    .$narrowType<{ published_at: NotNull }>(),
)

/** What readers' listings show: published articles only, each with its publication time. */
export function createListingReads(db: Kysely<Database>, dialect: DialectName): ListingReads {
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
      summaryRows(db, dialect, { ids }),
      bylinesOf(db, dialect, ids),
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
        publishedAt: fromDbTime(row.published_at),
        updatedAt: fromDbTime(row.updated_at),
        leadImage: imageRefOf(IMAGE_COLUMN_NAMES.map((name) => row[name])) ?? null,
      }
    })
  }

  return {
    listPublished: async (filter, page) => summaries(await publishedIds(filter, page)),

    publishedSummaries: summaries,

    async countPublished(filter) {
      const row = await publishedQuery(filter)
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow()
      return fromDbCount(row.count)
    },

    async latestPublishedInSections(sectionIds, perSection, excludeIds) {
      // One small indexed query per section beats a window over every published article,
      // and (measured) a union of the same queries in one statement.
      const lists = await Promise.all(
        sectionIds.map((sectionId) => {
          let query = db
            .selectFrom('articles')
            .select('id')
            .where('section_id', '=', sectionId)
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
