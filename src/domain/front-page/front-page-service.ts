import type { ArticleSummary } from '../articles/article.js'
import type { NewsroomSummary } from '../articles/article-store.js'
import { authorize, type Actor } from '../access/policy.js'
import type { Clock } from '../clock.js'
import type { ContentChanges } from '../changes.js'
import type { IdGenerator } from '../ids.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { createFrontPageDesk } from './front-page-desk.js'
import {
  blocksInOrder,
  fillFront,
  FRONT_PAGE_SHAPE,
  isBannerLive,
  isLive,
  MAX_PLACED,
  type StoredBanner,
  type LiveBanner,
  type PlacedArticle,
  type SectionBlock,
} from './front-page.js'

/** What the home page shows, in its order; no story appears twice. */
export interface FrontPage {
  lead: ArticleSummary | undefined
  top: ArticleSummary[]
  /** Short items for the "At a glance" rail: the newest stories not above. */
  briefs: ArticleSummary[]
  /** The shown sections' blocks in the editors' order; a section with no story has none. */
  blocks: { slug: string; name: string; stories: ArticleSummary[] }[]
  /** When a pin runs out and the page changes by itself; undefined when none will. */
  changesAt: Date | undefined
}

/** One arranged story as the newsroom sees it, live or not. */
export interface PlacedStory extends PlacedArticle {
  /** Shown on the front page now: published and its pin not run out. */
  showing: boolean
}

export interface Arrangement {
  placed: PlacedStory[]
  front: FrontPage
  banner: StoredBanner | undefined
  bannerLive: boolean
  blocks: SectionBlock[]
  /** Published stories an editor may place, newest first (or matching the words typed). */
  candidates: NewsroomSummary[]
}

export type FrontPageReads = ReturnType<typeof createFrontPageReads>

const earliest = (dates: readonly Date[]): Date | undefined =>
  dates.reduce<Date | undefined>(
    (first, date) => (first && first <= date ? first : date),
    undefined,
  )

/** What readers and the newsroom read of the arranged front page. */
export function createFrontPageReads({ stores, clock }: { stores: UnitOfWork; clock: Clock }) {
  async function home(): Promise<FrontPage> {
    const now = clock.now()
    const [placements, settings, sections] = await Promise.all([
      stores.frontPage.placements(),
      stores.frontPage.sectionBlocks(),
      stores.sections.list(),
    ])
    const live = placements.filter((placement) => isLive(placement, now))
    const arranged =
      live.length > 0
        ? await stores.articles.publishedSummaries(live.map((placement) => placement.articleId))
        : []
    // Enough of the newest to fill every place even if each arranged story is among them.
    const newest = await stores.articles.listPublished(
      {},
      { limit: MAX_PLACED + FRONT_PAGE_SHAPE.briefs + arranged.length, offset: 0 },
    )
    const { lead, top, briefs } = fillFront(arranged, newest)
    const above = [...(lead ? [lead] : []), ...top, ...briefs].map((story) => story.id)
    const shown = blocksInOrder(sections, settings).filter((block) => block.shown)
    const inSections =
      shown.length > 0
        ? await stores.articles.latestPublishedInSections(
            shown.map((block) => block.id),
            FRONT_PAGE_SHAPE.perSection,
            above,
          )
        : []
    const bySection = new Map<string, ArticleSummary[]>()
    for (const story of inSections) {
      const list = bySection.get(story.section.slug) ?? []
      list.push(story)
      bySection.set(story.section.slug, list)
    }
    return {
      lead,
      top,
      briefs,
      blocks: shown.map(({ slug, name }) => ({ slug, name, stories: bySection.get(slug) ?? [] })),
      changesAt: earliest(live.flatMap((placement) => placement.pinnedUntil ?? [])),
    }
  }

  return {
    home,

    /** The breaking-news banner readers see now, if one is up. */
    async banner(): Promise<LiveBanner | undefined> {
      const banner = await stores.frontPage.banner()
      if (!banner || !isBannerLive(banner, clock.now())) return undefined
      return { text: banner.text, article: banner.article, expiresAt: banner.expiresAt }
    },

    /** Everything the newsroom's front-page desk shows. */
    async arrangement(actor: Actor, words = ''): Promise<Arrangement> {
      authorize(actor, 'frontpage:arrange')
      const now = clock.now()
      const query = words.trim().slice(0, 200)
      const [placements, banner, settings, sections, front, candidates] = await Promise.all([
        stores.frontPage.placements(),
        stores.frontPage.banner(),
        stores.frontPage.sectionBlocks(),
        stores.sections.list(),
        home(),
        stores.articles.listForNewsroom(
          { status: 'published', ...(query ? { headline: query } : {}) },
          { limit: 12, offset: 0 },
        ),
      ])
      const placedIds = new Set(placements.map((placement) => placement.articleId))
      return {
        placed: placements.map((placement) => ({
          ...placement,
          showing: placement.published && isLive(placement, now),
        })),
        front,
        banner,
        bannerLive: banner !== undefined && isBannerLive(banner, now),
        blocks: blocksInOrder(sections, settings),
        candidates: candidates.filter((article) => !placedIds.has(article.id)),
      }
    },
  }
}

export type FrontPageService = ReturnType<typeof createFrontPageService>

/** The home page as readers get it, and the editors' desk that arranges it. */
export function createFrontPageService(deps: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  changes: ContentChanges
}) {
  return { ...createFrontPageReads(deps), ...createFrontPageDesk(deps) }
}
