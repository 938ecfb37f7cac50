import { sql, type Kysely } from 'kysely'
import type { ArticleCommentMode } from '../domain/comments/comment-policy.js'
import type { StoryGenerations, StoryPageRow, StoryStore } from '../domain/stories/story-store.js'
import { compiledOnceWith } from './compiled-once.js'
import { bySlices } from './by-slices.js'
import { fromDbTime, type DialectName } from './dialect.js'
import type { Database } from './schema.js'

/** The scope of the whole site's generation in render_generations. */
const SITE = ''

const generationOf = (scope: ReturnType<typeof sql.ref>) =>
  sql<number>`coalesce((select g.generation from render_generations g where g.scope = ${scope}), 0)`

const pageBySlug = compiledOnceWith<{ slug: string }, PageRow>((db, _dialect, { slug }) =>
  db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('article_renders as r', 'r.article_id', 'a.id')
    .select((eb) => [
      'a.id',
      'a.slug',
      'a.published_at',
      'a.section_id',
      's.slug as section_slug',
      's.name as section_name',
      'a.comment_mode',
      // By the unique thread_articles(article_id): the one thread it is in, if any.
      eb
        .selectFrom('thread_articles as ta')
        .whereRef('ta.article_id', '=', 'a.id')
        .select('ta.thread_id')
        .as('thread_id'),
      generationOf(sql.ref('a.id')).as('generation'),
      generationOf(sql.lit(SITE)).as('site_generation'),
      'r.generation as kept_generation',
      'r.site_generation as kept_site_generation',
      'r.stamp',
      'r.meta',
      'r.top',
      'r.footer',
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
      } satisfies StoryPageRow
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
