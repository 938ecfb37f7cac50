import { sql, type Kysely } from 'kysely'
import {
  ARTICLE_STATUSES,
  isArticleStatus,
  type ArticleStatus,
} from '../domain/articles/article.js'
import type { ArticleStore, NewsroomFilter } from '../domain/articles/article-store.js'
import { bylinesOf } from './article-listings.js'
import {
  fromDbCount,
  fromDbTime,
  fromNullableDbTime,
  toDbTime,
  type DialectName,
} from './dialect.js'
import type { Database } from './schema.js'

export type NewsroomReads = Pick<
  ArticleStore,
  | 'listForNewsroom'
  | 'countForNewsroom'
  | 'countByStatus'
  | 'findDueScheduled'
  | 'nextScheduledTime'
>

/** The newsroom's lists of articles in every status, and the scheduler's lookups. */
export function createNewsroomReads(db: Kysely<Database>, dialect: DialectName): NewsroomReads {
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

  return {
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
      const bylines = await bylinesOf(
        db,
        dialect,
        rows.map((row) => row.id),
      )
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
  }
}
