import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import type { ArticleCommentMode } from '../domain/comments/comment-policy.js'
import type {
  RelatedBoxSource,
  StoryGenerations,
  StoryPageRow,
  StoryStore,
} from '../domain/stories/story-store.js'
import { keptRelatedIds } from './related-store.js'
import { compiledOnceWith } from './compiled-once.js'
import { bySlices } from './by-slices.js'
import { fromDbTime, type DialectName } from './dialect.js'
import type { Database } from './schema.js'

/** The scope of the whole site's generation in render_generations. */
const SITE = ''

const generationOf = (scope: ReturnType<typeof sql.ref>) =>
  sql<number>`coalesce((select g.generation from render_generations g where g.scope = ${scope}), 0)`

/**
 * The `id:generation` pairs, in id order, of the stories `rl`'s list names
 * (as related_lists.box_listed keeps them): any write to what a card shows
 * moves one, and a deleted story's pair goes.
 */
const listedGenerations = (dialect: DialectName) =>
  dialect === 'sqlite'
    ? sql<string | null>`(select group_concat(g.scope || ':' || g.generation, ',' order by g.scope)
        from render_generations g where g.scope in (select value from json_each(rl.related_ids)))`
    : sql<string | null>`(select string_agg(g.scope || ':' || g.generation, ',' order by g.scope)
        from render_generations g
        where g.scope in (select jsonb_array_elements_text(rl.related_ids::jsonb)))`

/** The thread article `a` is in, if any: an article in one leaves its thread's stories out of its box. */
const inThread = (eb: ExpressionBuilder<Database & { a: Database['articles'] }, 'a'>) =>
  eb
    .selectFrom('thread_articles as ta')
    .whereRef('ta.article_id', '=', 'a.id')
    .select('ta.thread_id')

const pageBySlug = compiledOnceWith<{ slug: string }, PageRow>((db, dialect, { slug }) =>
  db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('article_renders as r', 'r.article_id', 'a.id')
    .leftJoin('related_lists as rl', 'rl.article_id', 'a.id')
    .select((eb) => [
      'a.id',
      'a.slug',
      'a.published_at',
      'a.section_id',
      's.slug as section_slug',
      's.name as section_name',
      'a.comment_mode',
      // By the unique thread_articles(article_id): the one thread it is in, if any.
      inThread(eb).as('thread_id'),
      generationOf(sql.ref('a.id')).as('generation'),
      generationOf(sql.lit(SITE)).as('site_generation'),
      'r.generation as kept_generation',
      'r.site_generation as kept_site_generation',
      'r.stamp',
      'r.meta',
      'r.top',
      'r.footer',
      'rl.box_stamp',
      'rl.box_site_generation',
      'rl.box_listed',
      'rl.box_ids',
      'rl.box_html',
      // Only where a box is kept: what says whether it still is true.
      sql<string | null>`case when rl.box_html is null then null
        else ${listedGenerations(dialect)} end`.as('listed_now'),
    ])
    .where('a.slug', '=', slug)
    .where('a.status', '=', 'published'),
)

interface PageRow {
  id: string
  slug: string
  published_at: Date | string | null
  section_id: string
  section_slug: string
  section_name: string
  comment_mode: string
  thread_id: string | null
  generation: number | string
  site_generation: number | string
  kept_generation: number | null
  kept_site_generation: number | null
  stamp: string | null
  meta: string | null
  top: string | null
  footer: string | null
  box_stamp: string | null
  box_site_generation: number | string | null
  box_listed: string | null
  box_ids: string | null
  box_html: string | null
  listed_now: string | null
}

/**
 * Kept stories and what says whether they are current. Generations are moved
 * by triggers (migration 2026-12-07T0700); this only reads them, and writes
 * what the web layer rendered.
 */
export function createStoryStore(db: Kysely<Database>, dialect: DialectName): StoryStore {
  return {
    async pageBySlug(slug, stamp) {
      const [row] = await pageBySlug(db, dialect, { slug })
      if (!row || row.published_at === null) return undefined
      const generations = { article: Number(row.generation), site: Number(row.site_generation) }
      const current =
        row.stamp === stamp &&
        row.kept_generation === generations.article &&
        row.kept_site_generation === generations.site
      // An article in a thread leaves its thread's stories out, which no generation follows.
      const boxCurrent =
        row.thread_id === null &&
        row.box_html !== null &&
        row.box_ids !== null &&
        row.box_stamp === stamp &&
        Number(row.box_site_generation) === generations.site &&
        row.box_listed === (row.listed_now ?? '')
      return {
        id: row.id,
        slug: row.slug,
        publishedAt: fromDbTime(row.published_at),
        sectionId: row.section_id,
        section: { slug: row.section_slug, name: row.section_name },
        threadId: row.thread_id,
        commentMode: row.comment_mode as ArticleCommentMode,
        generations,
        kept:
          current && row.meta !== null && row.top !== null && row.footer !== null
            ? { stamp, meta: row.meta, top: row.top, footer: row.footer }
            : undefined,
        relatedBox: boxCurrent
          ? { ids: JSON.parse(row.box_ids ?? '[]') as string[], html: row.box_html ?? '' }
          : undefined,
      } satisfies StoryPageRow
    },

    async boxSources(ids) {
      return bySlices(ids, async (slice) => {
        // The generations with the lists, and before the summaries are read: a change after
        // them leaves the box rendered behind.
        const rows = await db
          .selectFrom('related_lists as rl')
          .innerJoin('articles as a', 'a.id', 'rl.article_id')
          .select([
            'rl.article_id',
            'rl.related_ids',
            generationOf(sql.lit(SITE)).as('site_generation'),
            listedGenerations(dialect).as('listed'),
          ])
          .where('rl.article_id', 'in', slice)
          .where('a.status', '=', 'published')
          .where((eb) => eb.not(eb.exists(inThread(eb))))
          .execute()
        return rows.flatMap((row): RelatedBoxSource[] => {
          const relatedIds = keptRelatedIds(row.related_ids)
          if (relatedIds === null) return []
          return [
            {
              articleId: row.article_id,
              list: row.related_ids,
              relatedIds,
              site: Number(row.site_generation),
              listed: row.listed ?? '',
            },
          ]
        })
      })
    },

    async missingBoxes(after, stamp, limit) {
      const rows = await db
        .selectFrom('related_lists as rl')
        .innerJoin('articles as a', 'a.id', 'rl.article_id')
        .select('a.id')
        .where('a.status', '=', 'published')
        .where('a.id', '>', after)
        .where((eb) => eb.or([eb('rl.box_html', 'is', null), eb('rl.box_stamp', '<>', stamp)]))
        .where((eb) => eb.not(eb.exists(inThread(eb))))
        .orderBy('a.id')
        .limit(limit)
        .execute()
      return rows.map((row) => row.id)
    },

    async saveBoxes(boxes) {
      if (boxes.length === 0) return
      const write = async (trx: Kysely<Database>) => {
        for (const box of boxes) {
          // Only beside the list it was rendered from: a list saved since has cleared its box.
          await trx
            .updateTable('related_lists')
            .set({
              box_stamp: box.stamp,
              box_site_generation: box.site,
              box_listed: box.listed,
              box_ids: JSON.stringify(box.ids),
              box_html: box.html,
            })
            .where('article_id', '=', box.articleId)
            .where('related_ids', '=', box.list)
            .execute()
        }
      }
      // Several at once share one commit (one sync to disk); one alone needs no transaction.
      if (boxes.length === 1 || db.isTransaction) await write(db)
      else await db.transaction().execute(write)
    },

    async generations(ids) {
      const found = new Map<string, StoryGenerations>()
      await bySlices(ids, async (slice) => {
        // The site's with each slice: read together, never one older than the other.
        const rows = await db
          .selectFrom('render_generations')
          .select(['scope', 'generation'])
          .where('scope', 'in', [SITE, ...slice])
          .execute()
        const byScope = new Map(rows.map((row) => [row.scope, Number(row.generation)]))
        const site = byScope.get(SITE) ?? 0
        for (const id of slice) found.set(id, { article: byScope.get(id) ?? 0, site })
      })
      return found
    },

    async missing(after, stamp, limit) {
      const rows = await db
        .selectFrom('articles as a')
        .leftJoin('article_renders as r', 'r.article_id', 'a.id')
        .select('a.id')
        .where('a.status', '=', 'published')
        .where('a.id', '>', after)
        .where((eb) => eb.or([eb('r.article_id', 'is', null), eb('r.stamp', '<>', stamp)]))
        .orderBy('a.id')
        .limit(limit)
        .execute()
      return rows.map((row) => row.id)
    },

    async save(stories) {
      // Seven values a story: a hundred stories a statement.
      await bySlices(
        stories,
        async (slice) => {
          await db
            .insertInto('article_renders')
            .values(
              slice.map((story) => ({
                article_id: story.articleId,
                generation: story.generations.article,
                site_generation: story.generations.site,
                stamp: story.stamp,
                meta: story.meta,
                top: story.top,
                footer: story.footer,
              })),
            )
            .onConflict((conflict) =>
              conflict
                .column('article_id')
                .doUpdateSet((eb) => ({
                  generation: eb.ref('excluded.generation'),
                  site_generation: eb.ref('excluded.site_generation'),
                  stamp: eb.ref('excluded.stamp'),
                  meta: eb.ref('excluded.meta'),
                  top: eb.ref('excluded.top'),
                  footer: eb.ref('excluded.footer'),
                }))
                // A story rendered from an older state, written late, leaves a newer one be.
                .where((eb) =>
                  eb.and([
                    eb('excluded.generation', '>=', eb.ref('article_renders.generation')),
                    eb('excluded.site_generation', '>=', eb.ref('article_renders.site_generation')),
                  ]),
                ),
            )
            .execute()
        },
        100,
      )
    },
  }
}
