import type { ImageRef } from '../media/media.js'
import type { TagRef } from '../tags/tag.js'
import type { ArticleSummary } from './article.js'

/** A slice of a list (the same shape as article-store.ts's PageRequest). */
export interface Slice {
  limit: number
  offset: number
}

/** A story as feeds carry it: what a listing shows, its tags and, for full-text feeds, its body. */
export interface FeedItem extends ArticleSummary {
  tags: TagRef[]
  /** Markdown; undefined when the feed carries summaries only. */
  body: string | undefined
  /** The library pictures the body shows; empty when the feed carries summaries only. */
  inlineImages: ImageRef[]
}

/** A published article as a sitemap lists it, with the pictures it shows (the image extension). */
export interface SitemapArticle {
  slug: string
  publishedAt: Date
  updatedAt: Date
  images: ImageRef[]
}

/** A recent article as the Google News sitemap lists it. */
export interface NewsArticle extends Omit<SitemapArticle, 'images'> {
  headline: string
}

/** A section, author or tag page in a sitemap, with the last time anything on it changed. */
export interface SitemapPlace {
  slug: string
  lastModified: Date
}

/** What feeds and sitemaps read, beyond the listings (ArticleStore extends this). */
export interface SyndicationReads {
  /** Tags (in order) and, when asked, the bodies of the given articles. */
  feedDetails(
    ids: readonly string[],
    options: { body: boolean },
  ): Promise<Map<string, { tags: TagRef[]; body: string | undefined; inlineImages: ImageRef[] }>>
  /** Published articles, oldest first: a sitemap file keeps its stories as new ones arrive. */
  sitemapArticles(page: Slice): Promise<SitemapArticle[]>
  /**
   * The newest update among the articles of each file of those pages, `perFile`
   * articles to a file: empty when nothing is published.
   */
  sitemapArticleFiles(perFile: number): Promise<Date[]>
  /** Every section, with the newest update of it or of a published article in it. */
  sitemapSections(): Promise<SitemapPlace[]>
  /** Authors with at least one published article, with the newest update of them or of one. */
  sitemapAuthors(): Promise<SitemapPlace[]>
  /** Tags with at least one published article, with the newest update of one. */
  sitemapTags(): Promise<SitemapPlace[]>
  /** Articles published at or after `since`, newest first, at most `limit`. */
  publishedSince(since: Date, limit: number): Promise<NewsArticle[]>
}
