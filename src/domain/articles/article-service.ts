import { NotFoundError } from '../errors.js'
import { paginate, type Paged } from '../paging.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { isPublished, type ArticleSummary, type PublishedArticle } from './article.js'
import type { PublishedFilter } from './article-store.js'

export interface FrontPage {
  /** The newest story, shown largest. */
  lead: ArticleSummary | undefined
  /** The next newest, shown beside the lead. */
  top: ArticleSummary[]
  /** The newest stories of each section, keyed by section slug. */
  bySection: Map<string, ArticleSummary[]>
  /** Short items for the "At a glance" rail: the stories after the top ones, newest first. */
  briefs: ArticleSummary[]
}

export type ArticleService = ReturnType<typeof createArticleService>

export function createArticleService({ stores }: { stores: UnitOfWork }) {
  return {
    /** A published article by slug; drafts and unknown slugs are NotFoundError. */
    async getPublishedBySlug(slug: string): Promise<PublishedArticle> {
      const article = await stores.articles.findBySlug(slug)
      if (!article || !isPublished(article)) {
        throw new NotFoundError('article_not_found', `There is no published article "${slug}".`)
      }
      return article
    },

    /**
     * One page of published articles, newest first. A page past the last is
     * NotFoundError, except the first page of an empty listing.
     */
    async listPublished(
      filter: PublishedFilter,
      page: number,
      perPage: number,
    ): Promise<Paged<ArticleSummary>> {
      const total = await stores.articles.countPublished(filter)
      return paginate({ page, perPage, total }, (window) =>
        stores.articles.listPublished(filter, window),
      )
    },

    /** The newest published articles, without counting them all: for rails and "more" lists. */
    latest: (filter: PublishedFilter, limit: number): Promise<ArticleSummary[]> =>
      stores.articles.listPublished(filter, { limit, offset: 0 }),

    /** What the home page shows; no story appears twice on it. */
    async frontPage(counts: {
      top: number
      briefs: number
      perSection: number
    }): Promise<FrontPage> {
      const latest = await stores.articles.listPublished(
        {},
        { limit: 1 + counts.top + counts.briefs, offset: 0 },
      )
      const [lead, ...rest] = latest
      const top = rest.slice(0, counts.top)
      const perSectionItems = await stores.articles.latestPublishedPerSection(
        counts.perSection,
        latest.map((story) => story.id),
      )
      const bySection = new Map<string, ArticleSummary[]>()
      for (const item of perSectionItems) {
        const list = bySection.get(item.section.slug) ?? []
        list.push(item)
        bySection.set(item.section.slug, list)
      }
      return { lead, top, bySection, briefs: rest.slice(counts.top) }
    },
  }
}
