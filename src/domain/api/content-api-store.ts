import type { SearchQuery } from '../search/search-query.js'
import type { StoryThread } from '../threads/thread.js'
import type { Tag } from '../tags/tag.js'

/** Where a published article sits in the API's order: newest first, ties by id. */
export interface ArticleKey {
  publishedAt: Date
  id: string
}

/** An article's key with the version it was at when read. */
export interface VersionedKey extends ArticleKey {
  version: number
}

/** Which published articles a Content API listing returns, by id. */
export interface ContentFilter {
  sectionId?: string
  authorId?: string
  tagId?: string
  threadId?: string
  /** Published at or after. */
  since?: Date
  /** Published before. */
  until?: Date
  query?: SearchQuery
}

/** One reservation in the API's per-network rate limit. */
export interface ApiRequestReservation {
  networkHash: string
  window: number
  /** Requests counted at once (a process's block of the allowance, request-leases.ts). */
  count: number
  limit: number
}

/**
 * The Content API's reads: keyset pages (never an offset, so a page costs the
 * same at any depth) of published articles and of what they are filed under.
 */
export interface ContentApiReads {
  /** Published articles matching `filter` that come after `after`, newest first. */
  articleKeys(
    filter: ContentFilter,
    after: ArticleKey | undefined,
    limit: number,
  ): Promise<VersionedKey[]>
  /** Slugs of authors with a published article, alphabetically after `after`. */
  authorSlugs(after: string | undefined, limit: number): Promise<string[]>
  /** Tags with a published article, by slug after `after`. */
  tags(after: string | undefined, limit: number): Promise<Tag[]>
  /** Threads with a published article, by slug after `after`. */
  threads(after: string | undefined, limit: number): Promise<StoryThread[]>
  /** Counts `count` requests; false when that would pass the window's limit (nothing counted). */
  reserveRequests(reservation: ApiRequestReservation): Promise<boolean>
  /** Forgets windows before this one. */
  forgetWindowsBefore(window: number): Promise<void>
}
