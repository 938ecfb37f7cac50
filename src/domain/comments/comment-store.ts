import type { ArticleCommentMode } from './comment-policy.js'
import type { Comment, CommentStatus } from './comment.js'

/** What is stored beside a comment, never shown: keyed hashes for bans, limits and duplicates. */
export interface CommentFingerprints {
  emailHash: string | null
  networkHash: string
  bodyHash: string
}

/** A comment in the moderation queue, with the article it belongs to. */
export interface QueuedComment extends Comment {
  article: { id: string; slug: string; headline: string; publishedAt: Date | null }
}

/** A published article as the comment defences see it. */
export interface CommentTarget {
  id: string
  slug: string
  headline: string
  publishedAt: Date
  commentMode: ArticleCommentMode
}

/** The article a comment is for: by id, or by the slug in the address it was posted to. */
export type ArticleRef = { articleId: string } | { articleSlug: string }

/** What the defences ask the database about a new comment, all in one read. */
export interface ScreeningQuestion {
  articleId: string
  fingerprints: CommentFingerprints
  /** Comments from the same network since then count towards the rate limit. */
  recentSince: Date
  /** The same text on the same article since then is a duplicate. */
  duplicateSince: Date
  parentId: string | null
}

/** The answers: each defence reads its own. */
export interface CommentScreening {
  /** The email or the network is banned. */
  banned: boolean
  /** Comments from the same network since `recentSince`. */
  recentFromNetwork: number
  duplicate: boolean
  /** The comment replied to, when there is one and it exists. */
  parent: Pick<Comment, 'articleId' | 'status' | 'parentId'> | undefined
  /** The writer (by email or network) has had a comment approved before. */
  known: boolean
}

export interface CommentStore {
  /** A published article by id or slug; undefined when there is none. */
  findTarget(article: ArticleRef): Promise<CommentTarget | undefined>
  /** Everything the defences need to know about a new comment, in one statement. */
  screen(question: ScreeningQuestion): Promise<CommentScreening>
  insert(comment: Comment & CommentFingerprints): Promise<void>
  findById(id: string): Promise<Comment | undefined>
  /** Approved top-level comments, oldest first. */
  listApprovedTopLevel(
    articleId: string,
    page: { limit: number; offset: number },
  ): Promise<Comment[]>
  /** Approved replies to the given comments, oldest first. */
  listApprovedReplies(parentIds: readonly string[]): Promise<Comment[]>
  countApproved(articleId: string): Promise<{ all: number; topLevel: number }>
  /** Approved comments, newest first, for feeds. */
  listApprovedNewest(articleId: string, limit: number): Promise<Comment[]>
  setStatus(ids: readonly string[], status: CommentStatus, at: Date, by: string): Promise<number>
  fingerprintsOf(ids: readonly string[]): Promise<(CommentFingerprints & { id: string })[]>
  /** The articles the given comments belong to, each once. */
  articleIdsOf(ids: readonly string[]): Promise<string[]>
  listForModeration(
    status: CommentStatus,
    page: { limit: number; offset: number },
  ): Promise<QueuedComment[]>
  countByStatus(): Promise<Record<CommentStatus, number>>
}

export interface BanStore {
  add(ban: {
    id: string
    kind: 'email' | 'network'
    valueHash: string
    createdAt: Date
    createdBy: string
  }): Promise<void>
  isBanned(valueHashes: readonly string[]): Promise<boolean>
}
