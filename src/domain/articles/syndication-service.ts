import type { Clock } from '../clock.js'
import { NotFoundError } from '../errors.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { PublishedFilter } from './article-store.js'
import type { FeedItem, NewsArticle, SitemapArticle, SitemapPlace } from './syndication.js'

/** Google News lists articles published in the last two days… */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000
/** …and at most 1,000 of them in one sitemap. */
export const NEWS_SITEMAP_LIMIT = 1000
/** The most stories one feed carries. */
export const FEED_ITEM_LIMIT = 50

export type SyndicationService = ReturnType<typeof createSyndicationService>

/** Public reads for feeds and sitemaps: only published articles, always from an index. */
export function createSyndicationService({ stores, clock }: { stores: UnitOfWork; clock: Clock }) {
  return {
    /** The newest published stories of a listing, newest first, with tags and (if asked) bodies. */
    async feedItems(
      filter: PublishedFilter,
      { fullText, limit = FEED_ITEM_LIMIT }: { fullText: boolean; limit?: number },
    ): Promise<FeedItem[]> {
      const items = await stores.articles.listPublished(filter, { limit, offset: 0 })
      const details = await stores.articles.feedDetails(
        items.map((item) => item.id),
        { body: fullText },
      )
      return items.map((item) => ({
        ...item,
        tags: details.get(item.id)?.tags ?? [],
        body: fullText ? (details.get(item.id)?.body ?? '') : undefined,
        inlineImages: details.get(item.id)?.inlineImages ?? [],
      }))
    },

    /**
     * The article sitemaps: one entry per file of at most `perFile` articles,
     * oldest articles first, each with its newest update. Empty when nothing is published.
     */
    articleSitemapFiles: (perFile: number): Promise<Date[]> =>
      stores.articles.sitemapArticleFiles(perFile),

    /** The articles of article sitemap number `file` (from 1); NotFoundError past the last. */
    async articleSitemap(file: number, perFile: number): Promise<SitemapArticle[]> {
      const articles =
        Number.isInteger(file) && file >= 1
          ? await stores.articles.sitemapArticles({ limit: perFile, offset: (file - 1) * perFile })
          : []
      if (articles.length === 0) {
        throw new NotFoundError('sitemap_not_found', `There is no article sitemap ${file}.`)
      }
      return articles
    },

    sections: (): Promise<SitemapPlace[]> => stores.articles.sitemapSections(),
    authors: (): Promise<SitemapPlace[]> => stores.articles.sitemapAuthors(),
    tags: (): Promise<SitemapPlace[]> => stores.articles.sitemapTags(),

    /** What the news sitemap lists: published in the last two days, newest first, capped. */
    async news(limit: number = NEWS_SITEMAP_LIMIT): Promise<NewsArticle[]> {
      const since = new Date(clock.now().getTime() - NEWS_WINDOW_MS)
      return stores.articles.publishedSince(since, Math.min(limit, NEWS_SITEMAP_LIMIT))
    },
  }
}
