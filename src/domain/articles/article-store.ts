import type { ArticleCommentMode } from '../comments/comment-policy.js'
import type { Article, ArticleStatus, ArticleSummary, Correction } from './article.js'
import type { ArticleSeo } from './article-seo.js'
import type { SyndicationReads } from './syndication.js'

/** A new or changed article, with its relations as ids in order. */
export interface ArticleRecord {
  id: string
  slug: string
  headline: string
  standfirst: string
  dateline: string
  body: string
  keyPoints: string[]
  brief: string
  sectionId: string
  authorIds: string[]
  tagIds: string[]
  status: ArticleStatus
  publishedAt: Date | null
  scheduledFor: Date | null
  createdAt: Date
  updatedAt: Date
  createdBy: string | null
  commentMode: ArticleCommentMode
  version: number
  /** The lead image; its usage (article_lead) is written with the article. */
  leadImageId: string | null
  /** The library images the body shows; their usages (article_inline) are written with it. */
  inlineImageIds: string[]
  seo: ArticleSeo
  /** The picture shares show; its usage (article_social) is written with the article. */
  socialImageId: string | null
  /** Identity of imported text, so that importing it again updates the article. Written on insert only. */
  importKey: string | null
}

export interface PublishedFilter {
  sectionId?: string
  authorId?: string
  tagId?: string
  /** Published at or after this instant (the date archive). */
  publishedFrom?: Date
  /** Published before this instant. */
  publishedBefore?: Date
}

/** The longest "headline contains" the newsroom's lists are filtered by. */
export const HEADLINE_SEARCH_LIMIT = 200

export interface NewsroomFilter {
  status?: ArticleStatus
  sectionId?: string
  createdBy?: string
  /** Words the headline contains, case-insensitively. */
  headline?: string
}

export interface PageRequest {
  limit: number
  offset: number
}

/** What the newsroom's lists show of an article. */
export interface NewsroomSummary {
  id: string
  slug: string
  headline: string
  status: ArticleStatus
  section: { slug: string; name: string }
  bylines: { slug: string; name: string }[]
  createdBy: string | null
  publishedAt: Date | null
  scheduledFor: Date | null
  updatedAt: Date
  version: number
}

/**
 * What a write already knows beyond its record, so that the store need not
 * read it again. Without it the store looks up what it needs.
 */
export interface KnownRelations {
  /** The names the record's author and tag ids stand for, in order (the search index holds them). */
  names?: { bylines: readonly string[]; tags: readonly string[] }
  /**
   * The author, tag and image ids stored before an update: a list that is the
   * same is not rewritten (nor are the image usages).
   */
  previous?: Pick<
    ArticleRecord,
    'authorIds' | 'tagIds' | 'leadImageId' | 'inlineImageIds' | 'socialImageId'
  >
}

export interface ArticleStore extends SyndicationReads {
  /** The article with its section, bylines, tags and corrections: one statement. */
  findById(id: string): Promise<Article | undefined>
  /** The articles among `ids` that exist, in the order of `ids`: one read for a list. */
  findByIds(ids: readonly string[]): Promise<Article[]>
  findBySlug(slug: string): Promise<Article | undefined>
  /** The id of the article using `slug`, if any: whether a slug is taken, without reading the article. */
  findIdBySlug(slug: string): Promise<string | undefined>
  findIdByImportKey(importKey: string): Promise<string | undefined>
  /**
   * Slugs in use that equal `base` or start with `base-`: at least every one of
   * `base`, `base-2`, `base-3`… up to the first that is free.
   */
  slugsLike(base: string): Promise<string[]>
  /** Adds an article, its bylines and tags, and its row in the search index when it is published. */
  insert(record: ArticleRecord, known?: KnownRelations): Promise<void>
  /**
   * Replaces an article's fields when its stored version is `expectedVersion`,
   * and brings its search index row in step. Returns false, changing nothing,
   * when another save got there first.
   */
  update(record: ArticleRecord, expectedVersion: number, known?: KnownRelations): Promise<boolean>
  delete(id: string): Promise<void>
  /** Published articles, newest first. */
  listPublished(filter: PublishedFilter, page: PageRequest): Promise<ArticleSummary[]>
  /** The published articles among `ids`, as summaries, in the order of `ids` (story threads, related links). */
  publishedSummaries(ids: readonly string[]): Promise<ArticleSummary[]>
  countPublished(filter: PublishedFilter): Promise<number>
  /**
   * The newest `perSection` published articles of each section in `sectionIds`,
   * leaving out `excludeIds`: grouped by section in the order given, newest first.
   */
  latestPublishedInSections(
    sectionIds: readonly string[],
    perSection: number,
    excludeIds: readonly string[],
  ): Promise<ArticleSummary[]>
  /** Articles of any status for the newsroom, most recently changed first. */
  listForNewsroom(filter: NewsroomFilter, page: PageRequest): Promise<NewsroomSummary[]>
  countForNewsroom(filter: NewsroomFilter): Promise<number>
  countByStatus(filter: Omit<NewsroomFilter, 'status'>): Promise<Record<ArticleStatus, number>>
  /** Ids of scheduled articles whose time has come, oldest first. */
  findDueScheduled(now: Date): Promise<string[]>
  /** When the next scheduled article is due, if any. */
  nextScheduledTime(): Promise<Date | undefined>
  insertCorrection(
    articleId: string,
    correction: Correction & { createdBy: string | null },
  ): Promise<void>
}
