import type { Kysely, NotNull } from 'kysely'
import type {
  CandidateRow,
  RelatedStore,
  RelatedSubjectRow,
} from '../domain/related/related-store.js'
import { compiledOnce, VALUE } from './compiled-once.js'
import { fromDbCount, fromDbTime, type DialectName } from './dialect.js'
import { bySlices } from './by-slices.js'
import type { Database } from './schema.js'

/** A kept related list read back; one that is not a list of ids counts as never computed. */
export function keptRelatedIds(value: string | null): string[] | null {
  if (value === null) return null
  try {
    const ids: unknown = JSON.parse(value)
    return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : null
  } catch {
    return null
  }
}

/** The tags each of these articles carries, in no particular order. */
async function tagIdsOf(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('article_tags')
    .select(['article_id', 'tag_id'])
    .where('article_id', 'in', ids)
    .execute()
  const tagsOf = new Map<string, string[]>()
  for (const { article_id, tag_id } of rows) {
    const tags = tagsOf.get(article_id)
    if (tags) tags.push(tag_id)
    else tagsOf.set(article_id, [tag_id])
  }
  return tagsOf
}

/** An article's kept list: read on every first read of an article page. */
const keptListOf = compiledOnce((db) =>
  db.selectFrom('related_lists').select('related_ids').where('article_id', '=', VALUE),
)

/**
 * Related coverage's lookups. Each one starts from an index: article_tags by
 * tag, articles by section and status, articles by id.
 */
export function createRelatedStore(db: Kysely<Database>, dialect: DialectName): RelatedStore {
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

    candidates: (ids) =>
      bySlices(ids, async (ids): Promise<CandidateRow[]> => {
        const [rows, tagsOf] = await Promise.all([
          db
            .selectFrom('articles')
            .select(['id', 'headline', 'standfirst', 'published_at'])
            .where('id', 'in', ids)
            .where('status', '=', 'published')
            .where('published_at', 'is not', null)
            .$narrowType<{ published_at: NotNull }>()
            .execute(),
          tagIdsOf(db, ids),
        ])
        return rows.map((row) => ({
          id: row.id,
          headline: row.headline,
          standfirst: row.standfirst,
          publishedAt: fromDbTime(row.published_at),
          tagIds: tagsOf.get(row.id) ?? [],
        }))
      }),

    subjects: (ids) =>
      bySlices(ids, async (ids): Promise<RelatedSubjectRow[]> => {
        const [rows, tagsOf] = await Promise.all([
          db
            .selectFrom('articles as a')
            .leftJoin('thread_articles as ta', 'ta.article_id', 'a.id')
            .leftJoin('related_lists as rl', 'rl.article_id', 'a.id')
            .select([
              'a.id',
              'a.headline',
              'a.standfirst',
              'a.section_id',
              'a.status',
              'ta.thread_id',
              'rl.related_ids',
            ])
            .where('a.id', 'in', ids)
            .execute(),
          tagIdsOf(db, ids),
        ])
        return rows.map((row) => ({
          id: row.id,
          headline: row.headline,
          standfirst: row.standfirst,
          sectionId: row.section_id,
          tagIds: tagsOf.get(row.id) ?? [],
          threadId: row.thread_id,
          published: row.status === 'published',
          relatedIds: keptRelatedIds(row.related_ids),
        }))
      }),

    async keptList(id) {
      const [row] = await keptListOf(db, dialect, id)
      return row ? keptRelatedIds(row.related_ids) : null
    },

    async saveLists(lists) {
      await bySlices([...lists.keys()], async (ids) => {
        await db
          .insertInto('related_lists')
          .values(
            ids.map((id) => ({ article_id: id, related_ids: JSON.stringify(lists.get(id) ?? []) })),
          )
          .onConflict((oc) =>
            oc.column('article_id').doUpdateSet((eb) => ({
              related_ids: eb.ref('excluded.related_ids'),
              // Rendered from the list before: the new one's is rendered when it is next read.
              box_stamp: null,
              box_site_generation: null,
              box_listed: null,
              box_ids: null,
              box_html: null,
            })),
          )
          .execute()
        return []
      })
    },

    async dropLists(ids) {
      await bySlices(ids, async (ids) => {
        await db.deleteFrom('related_lists').where('article_id', 'in', ids).execute()
        return []
      })
    },

    async withoutList(after, limit) {
      const rows = await db
        .selectFrom('articles as a')
        .leftJoin('related_lists as rl', 'rl.article_id', 'a.id')
        .select('a.id')
        .where('a.status', '=', 'published')
        .where('a.id', '>', after)
        .where('rl.article_id', 'is', null)
        .orderBy('a.id')
        .limit(limit)
        .execute()
      return rows.map((row) => row.id)
    },
  }
}
