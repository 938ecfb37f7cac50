import type { Kysely } from 'kysely'
import type { FrontPageStore } from '../domain/front-page/front-page-store.js'
import { fromDbBool, fromDbTime, fromNullableDbTime, toDbTime } from './dialect.js'
import type { Database } from './schema.js'

const BANNER_SLOT = 'current'

/** The arranged front page: a handful of rows, each list rewritten whole. */
export function createFrontPageStore(db: Kysely<Database>): FrontPageStore {
  return {
    async placements() {
      const rows = await db
        .selectFrom('front_page_placements as p')
        .innerJoin('articles as a', 'a.id', 'p.article_id')
        .select([
          'p.article_id',
          'p.position',
          'p.pinned_until',
          'p.placed_at',
          'a.headline',
          'a.status',
        ])
        .orderBy('p.position')
        .execute()
      return rows.map((row) => ({
        articleId: row.article_id,
        position: row.position,
        pinnedUntil: fromNullableDbTime(row.pinned_until),
        placedAt: fromDbTime(row.placed_at),
        headline: row.headline,
        published: row.status === 'published',
      }))
    },

    async replacePlacements(placements) {
      await db.deleteFrom('front_page_placements').execute()
      if (placements.length === 0) return
      await db
        .insertInto('front_page_placements')
        .values(
          placements.map((placement) => ({
            article_id: placement.articleId,
            position: placement.position,
            pinned_until: placement.pinnedUntil && toDbTime(placement.pinnedUntil),
            placed_at: toDbTime(placement.placedAt),
          })),
        )
        .execute()
    },

    async banner() {
      // Every page shows the banner: one statement, its story by primary key.
      const row = await db
        .selectFrom('front_page_banner as b')
        .leftJoin('articles as a', (join) =>
          join.onRef('a.id', '=', 'b.article_id').on('a.status', '=', 'published'),
        )
        .select(['b.text', 'b.article_id', 'b.expires_at', 'b.raised_at'])
        .select(['a.slug', 'a.headline', 'a.published_at'])
        .where('b.slot', '=', BANNER_SLOT)
        .executeTakeFirst()
      if (!row) return undefined
      const { slug, headline, published_at } = row
      return {
        text: row.text,
        articleId: row.article_id,
        expiresAt: fromDbTime(row.expires_at),
        raisedAt: fromDbTime(row.raised_at),
        article:
          slug !== null && headline !== null && published_at !== null
            ? { slug, headline, publishedAt: fromDbTime(published_at) }
            : null,
      }
    },

    async setBanner(banner) {
      await db.deleteFrom('front_page_banner').where('slot', '=', BANNER_SLOT).execute()
      if (!banner) return
      await db
        .insertInto('front_page_banner')
        .values({
          slot: BANNER_SLOT,
          text: banner.text,
          article_id: banner.articleId,
          expires_at: toDbTime(banner.expiresAt),
          raised_at: toDbTime(banner.raisedAt),
        })
        .execute()
    },

    async sectionBlocks() {
      const rows = await db
        .selectFrom('front_page_sections')
        .select(['section_id', 'position', 'shown'])
        .orderBy('position')
        .execute()
      return rows.map((row) => ({
        sectionId: row.section_id,
        position: row.position,
        shown: fromDbBool(row.shown),
      }))
    },

    async replaceSectionBlocks(blocks) {
      await db.deleteFrom('front_page_sections').execute()
      if (blocks.length === 0) return
      await db
        .insertInto('front_page_sections')
        .values(
          blocks.map((block) => ({
            section_id: block.sectionId,
            position: block.position,
            // Both databases read 1 and 0 as truth values.
            shown: block.shown ? 1 : 0,
          })),
        )
        .execute()
    },
  }
}
