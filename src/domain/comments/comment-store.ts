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

export interface CommentStore {
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
  countFromNetworkSince(networkHash: string, since: Date): Promise<number>
  hasDuplicate(articleId: string, bodyHash: string, since: Date): Promise<boolean>
  /** Whether this email or network has had a comment approved before. */
  hasApprovedFrom(fingerprint: { emailHash: string | null; networkHash: string }): Promise<boolean>
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
