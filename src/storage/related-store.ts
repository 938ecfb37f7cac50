import type { Kysely, NotNull } from 'kysely'
import type { CandidateRow, RelatedStore } from '../domain/related/related-store.js'
import { fromDbCount, fromDbTime } from './dialect.js'
import type { Database } from './schema.js'

/**
 * Related coverage's lookups. Each one starts from an index: article_tags by
 * tag, articles by section and status, articles by id.
 */
export function createRelatedStore(db: Kysely<Database>): RelatedStore {
  return {
    async tagFrequencies(tagIds) {
      const frequencies = new Map<string, number>()
      if (tagIds.length === 0) return frequencies
      const rows = await db
        .selectFrom('article_tags')
        .select(['tag_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('tag_id', 'in', tagIds)
        .groupBy('tag_id')
        .execute()
      for (const row of rows) frequencies.set(row.tag_id, fromDbCount(row.n))
      return frequencies
    },

    async publishedIdsWithTag(tagId, limit) {
      // From the tag's range of article_tags(tag_id, published_updated_at), newest first: as
      // many rows read as asked for, however many articles carry the tag. Ordering by the
      // articles' publication time instead read and sorted all of the tag's rows (10 ms for a
      // tag on 15,000 articles).
      const rows = await db
        .selectFrom('article_tags')
        .select('article_id')
        .where('tag_id', '=', tagId)
        .where('published_updated_at', 'is not', null)
        .orderBy('published_updated_at', 'desc')
        .orderBy('article_id', 'desc')
        .limit(limit)
        .execute()
      return rows.map((row) => row.article_id)
    },

    async publishedIdsInSection(sectionId, limit) {
      const rows = await db
        .selectFrom('articles')
        .select('id')
        .where('section_id', '=', sectionId)
        .where('status', '=', 'published')
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map((row) => row.id)
    },

    async candidates(ids): Promise<CandidateRow[]> {
      if (ids.length === 0) return []
      const [rows, tags] = await Promise.all([
        db
          .selectFrom('articles')
          .select(['id', 'headline', 'standfirst', 'published_at'])
          .where('id', 'in', ids)
          .where('status', '=', 'published')
          .where('published_at', 'is not', null)
          .$narrowType<{ published_at: NotNull }>()
          .execute(),
        db
          .selectFrom('article_tags')
          .select(['article_id', 'tag_id'])
          .where('article_id', 'in', ids)
          .execute(),
      ])
      const tagsOf = new Map<string, string[]>()
      for (const { article_id, tag_id } of tags) {
        tagsOf.set(article_id, [...(tagsOf.get(article_id) ?? []), tag_id])
      }
      return rows.map((row) => ({
        id: row.id,
        headline: row.headline,
        standfirst: row.standfirst,
        publishedAt: fromDbTime(row.published_at),
        tagIds: tagsOf.get(row.id) ?? [],
      }))
    },
  }
}
