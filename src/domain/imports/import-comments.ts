// Readers' comments from another platform: approved ones shown, pending ones
// to the moderation queue (spam never reaches here). Each gets an id made
// from its source, so an import run twice adds each comment once.
import { createHash } from 'node:crypto'
import type { ImportComment } from '../../text/import/import-item.js'
import { IMPORTER } from '../access/policy.js'
import type { CommentService } from '../comments/comment-service.js'
import { validateCommentInput } from '../comments/comment.js'
import { DomainError } from '../errors.js'
import type { Stores } from '../unit-of-work.js'

/** A UUID (version 8, RFC 9562) named by the comment's source: the same comment, the same id. */
export function importedCommentId(sourceKey: string, commentId: string): string {
  const hex = createHash('sha256').update(`${sourceKey}#comment-${commentId}`).digest('hex')
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export interface CommentEntry {
  id: string
  articleId: string
  parentId: string | null
  name: string
  body: string
  status: 'approved' | 'pending'
  createdAt: Date
}

/**
 * The comments of one story not yet on the site, ready to add. Replies to
 * replies hang from their thread's first comment (replies go one level deep);
 * a comment that breaks the rules (empty, too long) is left out with a warning.
 */
export async function newCommentsOf(
  stores: Stores,
  {
    sourceKey,
    articleId,
    comments,
  }: { sourceKey: string; articleId: string; comments: readonly ImportComment[] },
  warnings: string[],
): Promise<CommentEntry[]> {
  const topOf = new Map<string, string>()
  const entries: CommentEntry[] = []
  for (const comment of comments) {
    const id = importedCommentId(sourceKey, comment.sourceId)
    const parentTop =
      comment.parentSourceId === null ? undefined : topOf.get(comment.parentSourceId)
    try {
      validateCommentInput({ name: comment.authorName, email: '', body: comment.body })
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      warnings.push(
        `Comment ${comment.sourceId} by ${comment.authorName} left out: ${error.message}`,
      )
      continue
    }
    topOf.set(comment.sourceId, parentTop ?? id)
    if (await stores.comments.findById(id)) continue
    entries.push({
      id,
      articleId,
      parentId: comment.parentSourceId === null ? null : (parentTop ?? null),
      name: comment.authorName,
      body: comment.body,
      status: comment.status,
      createdAt: comment.createdAt,
    })
  }
  return entries
}

/** Adds the comments of many stories in one transaction, past the readers' defences. */
export async function addImportedComments(
  comments: CommentService,
  entries: readonly CommentEntry[],
): Promise<void> {
  if (entries.length > 0) await comments.addManyDirectly(IMPORTER, entries)
}
