import { NotFoundError } from '../errors.js'
import { paginate, type Paged } from '../paging.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { isPublished, type ArticleSummary, type PublishedArticle } from './article.js'
import type { PublishedFilter } from './article-store.js'

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
  }
}
