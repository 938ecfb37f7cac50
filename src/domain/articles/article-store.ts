import type { Article, ArticleStatus, ArticleSummary } from './article.js'

/** A new or changed article, with its relations as ids in order. */
export interface ArticleRecord {
  id: string
  slug: string
  headline: string
  standfirst: string
  dateline: string
  body: string
  keyPoints: string[]
  sectionId: string
  authorIds: string[]
  tagIds: string[]
  status: ArticleStatus
  publishedAt: Date | null
  createdAt: Date
  updatedAt: Date
  version: number
  /** Identity of imported text, so that importing it again updates the article. */
  importKey: string | null
}

export interface PublishedFilter {
  sectionId?: string
  authorId?: string
  tagId?: string
}

export interface PageRequest {
  limit: number
  offset: number
}

export interface ArticleStore {
  findById(id: string): Promise<Article | undefined>
  findBySlug(slug: string): Promise<Article | undefined>
  findIdByImportKey(importKey: string): Promise<string | undefined>
  /** The slugs in use that equal `base` or start with `base-`. */
  slugsLike(base: string): Promise<string[]>
  insert(record: ArticleRecord): Promise<void>
  /**
   * Replaces an article's fields when its stored version is `expectedVersion`.
   * Returns false, changing nothing, when another save got there first.
   */
  update(record: ArticleRecord, expectedVersion: number): Promise<boolean>
  /** Published articles, newest first. */
  listPublished(filter: PublishedFilter, page: PageRequest): Promise<ArticleSummary[]>
  countPublished(filter: PublishedFilter): Promise<number>
  /** The newest `perSection` published articles of every section. */
  latestPublishedPerSection(perSection: number): Promise<ArticleSummary[]>
}
