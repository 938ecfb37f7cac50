import type { ArticleCommentMode } from './comment-policy.js'
import type { Comment, CommentStatus } from './comment.js'

/** What is stored beside a comment, never shown: keyed hashes for bans, limits and duplicates. */
export interface CommentFingerprints {
  emailHash: string | null
  networkHash: string
  bodyHash: string
  /** The commenter its writer's signed cookie names (keyed hash); null for comments added directly. */
  commenterHash: string | null
}

/**
 * The day-long windows a new comment's text is reserved in, twelve hours
 * apart: of identical comments sent together, the database stores one.
 */
export interface DuplicateBuckets {
  day: number
  halfDay: number
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
  bodyHash: string
  /** The writer's keyed hashes (network, email, commenter; under each key in use) to find among bans. */
  banHashes: readonly string[]
  /** The commenter a genuine cookie named; null for a reader without one. */
  returningCommenterHash: string | null
  /** The same text on the same article since then is a duplicate. */
  duplicateSince: Date
  parentId: string | null
}

/** The answers: each defence reads its own. */
export interface CommentScreening {
  /** The network, the email or the commenter is banned. */
  banned: boolean
  duplicate: boolean
  /** The comment replied to, when there is one and it exists. */
  parent: Pick<Comment, 'articleId' | 'status' | 'parentId'> | undefined
  /** The returning commenter has had a comment approved by a moderator. */
  known: boolean
}

/** A request for one of a network's comment attempts in a rate-limit window. */
export interface AttemptReservation {
  networkHash: string
  /** The window's number: the time divided by the window's length. */
  window: number
  /** Attempts a network may make in one window. */
  limit: number
}

export interface CommentStore {
  /** A published article by id or slug; undefined when there is none. */
  findTarget(article: ArticleRef): Promise<CommentTarget | undefined>
  /** Everything the defences need to know about a new comment, in one statement. */
  screen(question: ScreeningQuestion): Promise<CommentScreening>
  /**
   * Takes one of the network's attempts in the window, in one atomic
   * statement; false, and nothing taken, when the window's are all used.
   */
  reserveAttempt(reservation: AttemptReservation): Promise<boolean>
  /** Forgets rate-limit windows before this one. */
  forgetRateWindowsBefore(window: number): Promise<void>
  /**
   * Stores a comment; 'duplicate', and nothing stored, when the same text on
   * the same article already holds one of its duplicate buckets.
   */
  insert(
    comment: Comment & CommentFingerprints & { duplicateBuckets: DuplicateBuckets | null },
  ): Promise<'inserted' | 'duplicate'>
  findById(id: string): Promise<Comment | undefined>
  /**
   * A window of the article's approved top-level comments, oldest first, in
   * one statement with how many approved comments it has (`all`, replies
   * included, and `topLevel`) and which of the window's comments have replies
   * of any status (`replied`): a first read of an article page asks only this,
   * and for the replies only when there are some.
   */
  approvedPage(
    articleId: string,
    window: { limit: number; offset: number },
  ): Promise<{ all: number; topLevel: number; items: Comment[]; replied: string[] }>
  /** Approved replies to the given comments, oldest first. */
  listApprovedReplies(parentIds: readonly string[]): Promise<Comment[]>
  /** Approved comments, newest first, for feeds. */
  listApprovedNewest(articleId: string, limit: number): Promise<Comment[]>
  setStatus(ids: readonly string[], status: CommentStatus, at: Date, by: string): Promise<number>
  fingerprintsOf(ids: readonly string[]): Promise<(CommentFingerprints & { id: string })[]>
  /** The articles the given comments belong to, each once. */
  articleIdsOf(ids: readonly string[]): Promise<string[]>
  /** Every comment on the article, whatever its status, oldest first (for the export). */
  listForArticle(articleId: string): Promise<Comment[]>
  listForModeration(
    status: CommentStatus,
    page: { limit: number; offset: number },
  ): Promise<QueuedComment[]>
  countByStatus(): Promise<Record<CommentStatus, number>>
}

export interface BanStore {
  add(ban: {
    id: string
    kind: 'email' | 'network' | 'commenter'
    valueHash: string
    createdAt: Date
    createdBy: string
  }): Promise<void>
  isBanned(valueHashes: readonly string[]): Promise<boolean>
}
