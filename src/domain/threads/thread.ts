import { isSlug } from '../../text/slug.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import { withItemMoved, type Direction } from '../ordering.js'

/**
 * A story thread: a running story's articles, grouped by editors under one
 * title, in the order they choose. Readers find it at /threads/SLUG, and on
 * every published article in it.
 */
export interface StoryThread {
  id: string
  /** Its address (/threads/SLUG): made from the title once, then fixed so links keep working. */
  slug: string
  title: string
  /** Optional: one or two sentences about the story, shown on the thread's page. */
  description: string
  createdAt: Date
  updatedAt: Date
}

/** What the newsroom's list shows of a thread. */
export interface StoryThreadSummary extends StoryThread {
  articleCount: number
}

/** A thread's article as the newsroom sees it: any status. */
export interface StoryThreadMember {
  id: string
  headline: string
  status: string
  publishedAt: Date | null
}

export const THREAD_LIMITS = {
  title: 120,
  description: 500,
  slug: 80,
  /** Articles in one thread. */
  articles: 500,
} as const

export function assertThreadTitle(title: string): void {
  if (title.trim() === '' || title.length > THREAD_LIMITS.title) {
    throw new ValidationError(
      'invalid_thread_title',
      `A thread's title is 1–${THREAD_LIMITS.title} characters.`,
      { field: 'title' },
    )
  }
}

export function assertThreadDescription(description: string): void {
  if (description.length > THREAD_LIMITS.description) {
    throw new ValidationError(
      'thread_description_too_long',
      `A thread's description is at most ${THREAD_LIMITS.description} characters.`,
      { field: 'description' },
    )
  }
}

export function assertThreadSlug(slug: string): void {
  if (!isSlug(slug, THREAD_LIMITS.slug)) {
    throw new ValidationError(
      'invalid_thread_slug',
      `A thread's address is 1–${THREAD_LIMITS.slug} lower-case letters, digits and hyphens.`,
      { field: 'slug' },
    )
  }
}

/** The thread's articles with one more at the end. */
export function withArticleAdded(ids: readonly string[], articleId: string): string[] {
  if (ids.includes(articleId)) {
    throw new ConflictError(
      'article_already_in_thread',
      'That article is in this thread already.',
      {
        field: 'article',
      },
    )
  }
  if (ids.length >= THREAD_LIMITS.articles) {
    throw new ValidationError(
      'thread_full',
      `A thread holds at most ${THREAD_LIMITS.articles} articles.`,
      { field: 'article' },
    )
  }
  return [...ids, articleId]
}

function indexIn(ids: readonly string[], articleId: string): number {
  const index = ids.indexOf(articleId)
  if (index < 0) {
    throw new NotFoundError('article_not_in_thread', 'That article is not in this thread.')
  }
  return index
}

/** The thread's articles without one of them. */
export function withArticleRemoved(ids: readonly string[], articleId: string): string[] {
  const index = indexIn(ids, articleId)
  return [...ids.slice(0, index), ...ids.slice(index + 1)]
}

/** The thread's articles with one moved a place up (earlier) or down; at either end, unchanged. */
export function withArticleMoved(
  ids: readonly string[],
  articleId: string,
  direction: Direction,
): string[] {
  return withItemMoved(ids, indexIn(ids, articleId), direction)
}

/**
 * Which of a thread's articles to list around the current one when there are
 * too many to show them all: `size` neighbours, the current one as central as
 * the ends allow. Returns [start, end) indexes.
 */
export function windowAround(count: number, index: number, size: number): [number, number] {
  if (count <= size) return [0, count]
  const start = Math.min(Math.max(0, index - Math.floor(size / 2)), count - size)
  return [start, start + size]
}
