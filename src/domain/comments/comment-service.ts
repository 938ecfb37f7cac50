import { createHash } from 'node:crypto'
import { authorize, type Actor } from '../access/policy.js'
import type { Paged } from '../articles/article-service.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { SettingsService } from '../settings/settings-service.js'
import type { ContentChanges } from '../changes.js'
import type { UnitOfWork } from '../unit-of-work.js'
import {
  COMMENT_LIMITS,
  findBlockedWord,
  validateCommentInput,
  type Comment,
  type CommentStatus,
  type CommentThread,
} from './comment.js'
import { commentsOpen } from './comment-policy.js'
import type { QueuedComment } from './comment-store.js'
import { checkFormToken, issueFormToken, keyedHash, networkOf } from './reader-identity.js'

export interface CommentPost {
  articleId: string
  parentId: string | null
  name: string
  email: string
  body: string
  /** The hidden field people never see and bots fill in. */
  honeypot: string
  formToken: string
  ip: string
}

export type ModerationAction = 'approve' | 'reject' | 'spam' | 'ban'

const STATUS_FOR: Record<ModerationAction, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
  ban: 'spam',
}

export type CommentService = ReturnType<typeof createCommentService>

/** What duplicate detection compares: the text, any case, any spacing. */
function bodyHashOf(body: string): string {
  return createHash('sha256').update(body.toLowerCase().replace(/\s+/g, ' ')).digest('hex')
}

export function createCommentService({
  stores,
  clock,
  newId,
  settings,
  changes,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  settings: SettingsService
  changes: ContentChanges
}) {
  /** The pages and feeds of these articles' comments changed. */
  async function announceComments(articleIds: Iterable<string>): Promise<void> {
    for (const articleId of new Set(articleIds)) {
      await changes.announce({ scope: 'comments', articleId })
    }
  }

  async function publishedArticle(articleId: string) {
    const article = await stores.articles.findById(articleId)
    if (!article || article.status !== 'published') {
      throw new NotFoundError('article_not_found', 'There is no such article.')
    }
    return article
  }

  /**
   * Adds comments directly, past the readers' defences, in one transaction:
   * for demo content and archive imports, by someone allowed to moderate.
   * A reply's parentId may name a comment earlier in the same list.
   */
  async function addManyDirectly(
    actor: Actor,
    entries: readonly {
      id?: string
      articleId: string
      parentId: string | null
      name: string
      body: string
      status: CommentStatus
      createdAt: Date
    }[],
  ): Promise<Comment[]> {
    authorize(actor, 'comments:moderate')
    const key = await settings.siteKey()
    const comments = entries.map((entry): Comment => {
      const input = validateCommentInput({ name: entry.name, email: '', body: entry.body })
      const moderated = entry.status !== 'pending'
      return {
        id: entry.id ?? newId(),
        articleId: entry.articleId,
        parentId: entry.parentId,
        authorName: input.name,
        body: input.body,
        status: entry.status,
        createdAt: entry.createdAt,
        moderatedAt: moderated ? entry.createdAt : null,
        moderatedBy: moderated ? actor.displayName : null,
      }
    })
    await stores.transaction(async (tx) => {
      for (const comment of comments) {
        await tx.comments.insert({
          ...comment,
          emailHash: null,
          networkHash: keyedHash(key, `direct:${comment.id}`),
          bodyHash: bodyHashOf(comment.body),
        })
      }
    })
    await announceComments(comments.filter((c) => c.status === 'approved').map((c) => c.articleId))
    return comments
  }

  return {
    /** A fresh token for the comment form of an article. */
    async formToken(articleId: string): Promise<string> {
      return issueFormToken(await settings.siteKey(), articleId, clock.now())
    },

    /** Whether an article takes comments now, and why not. */
    async availability(article: {
      publishedAt: Date | null
      commentMode: 'default' | 'open' | 'closed'
    }) {
      return commentsOpen(await settings.commentSettings(), article, clock.now())
    },

    /**
     * Takes a reader's comment through every defence, then stores it before
     * returning: durable when the reader is told it was accepted. Pending
     * unless post-moderation applies and the commenter has been approved before.
     */
    async post(post: CommentPost): Promise<Comment> {
      const now = clock.now()
      const key = await settings.siteKey()
      const article = await publishedArticle(post.articleId)
      const token = checkFormToken(key, post.formToken, article.id, now, {
        minMs: COMMENT_LIMITS.minSecondsToWrite * 1000,
        maxMs: COMMENT_LIMITS.formMaxAgeMs,
      })
      if (token === 'invalid') {
        throw new ForbiddenError(
          'bad_form_token',
          'This form did not come from this page. Reload the article and try again.',
        )
      }
      if (token === 'expired') {
        throw new ValidationError(
          'form_expired',
          'This form is too old. Reload the article, then post your comment again.',
        )
      }
      if (post.honeypot.trim() !== '') {
        throw new ValidationError(
          'looks_automated',
          'Your comment looks as if a program sent it, so it was not accepted.',
        )
      }
      if (token === 'too_fast') {
        throw new ValidationError(
          'too_fast',
          'That was sent faster than anyone could write it. Wait a moment and send it again.',
        )
      }
      const site = await settings.commentSettings()
      const open = commentsOpen(site, article, now)
      if (!open.open) throw new ForbiddenError('comments_closed', open.reason)
      const input = validateCommentInput(post)

      const networkHash = keyedHash(key, `network:${networkOf(post.ip)}`)
      const emailHash = input.email === '' ? null : keyedHash(key, `email:${input.email}`)
      if (await stores.bans.isBanned([networkHash, ...(emailHash ? [emailHash] : [])])) {
        throw new ForbiddenError('banned', 'Comments from you are not accepted on this site.')
      }
      const since = new Date(now.getTime() - COMMENT_LIMITS.windowMs)
      if (
        (await stores.comments.countFromNetworkSince(networkHash, since)) >=
        COMMENT_LIMITS.perNetwork
      ) {
        throw new TooManyRequestsError(
          'too_many_comments',
          `You have posted ${COMMENT_LIMITS.perNetwork} comments in ${COMMENT_LIMITS.windowMs / 60_000} minutes. Please wait a little.`,
          COMMENT_LIMITS.windowMs / 1000,
        )
      }
      const blocked = findBlockedWord(`${input.name}\n${input.body}`, site.blockedWords)
      if (blocked) {
        throw new ValidationError(
          'blocked_word',
          `This site does not publish the word "${blocked}".`,
          { field: 'body' },
        )
      }
      const bodyHash = bodyHashOf(input.body)
      if (
        await stores.comments.hasDuplicate(
          article.id,
          bodyHash,
          new Date(now.getTime() - COMMENT_LIMITS.duplicateWindowMs),
        )
      ) {
        throw new ConflictError(
          'duplicate_comment',
          'This comment has already been posted on this article.',
          { field: 'body' },
        )
      }
      if (post.parentId !== null) {
        const parent = await stores.comments.findById(post.parentId)
        if (
          !parent ||
          parent.articleId !== article.id ||
          parent.status !== 'approved' ||
          parent.parentId !== null
        ) {
          throw new ValidationError(
            'bad_parent',
            'The comment you are replying to is not there any more.',
            { field: 'parentId' },
          )
        }
      }
      const known =
        site.moderation === 'post' &&
        (await stores.comments.hasApprovedFrom({ emailHash, networkHash }))
      const comment: Comment = {
        id: newId(),
        articleId: article.id,
        parentId: post.parentId,
        authorName: input.name,
        body: input.body,
        status: known ? 'approved' : 'pending',
        createdAt: now,
        moderatedAt: null,
        moderatedBy: null,
      }
      await stores.comments.insert({ ...comment, emailHash, networkHash, bodyHash })
      if (comment.status === 'approved') await announceComments([comment.articleId])
      return comment
    },

    addManyDirectly,

    /** One comment, added directly as addManyDirectly does. */
    async addDirectly(
      actor: Actor,
      entry: {
        articleId: string
        parentId: string | null
        name: string
        body: string
        status: CommentStatus
        createdAt: Date
      },
    ): Promise<Comment> {
      const [comment] = await addManyDirectly(actor, [entry])
      if (!comment) throw new Error('addManyDirectly returned nothing for one entry')
      return comment
    },

    /** An approved top-level comment of an article, to reply to; undefined otherwise. */
    async approvedComment(articleId: string, id: string): Promise<Comment | undefined> {
      const comment = await stores.comments.findById(id)
      const ok =
        comment?.articleId === articleId &&
        comment.status === 'approved' &&
        comment.parentId === null
      return ok ? comment : undefined
    },

    /** One page of an article's approved comments, oldest first, with their replies. */
    async approvedThreads(articleId: string, page: number): Promise<Paged<CommentThread>> {
      const counts = await stores.comments.countApproved(articleId)
      const perPage = COMMENT_LIMITS.perPage
      const pageCount = Math.max(1, Math.ceil(counts.topLevel / perPage))
      if (!Number.isInteger(page) || page < 1 || page > pageCount) {
        throw new NotFoundError('page_not_found', `There is no page ${page} of comments.`)
      }
      const top = await stores.comments.listApprovedTopLevel(articleId, {
        limit: perPage,
        offset: (page - 1) * perPage,
      })
      const replies = await stores.comments.listApprovedReplies(top.map((comment) => comment.id))
      const items = top.map((comment) => ({
        ...comment,
        replies: replies.filter((reply) => reply.parentId === comment.id),
      }))
      return { items, page, perPage, total: counts.all, pageCount }
    },

    /** The newest approved comments of a published article, for its feeds. */
    async latestApproved(articleId: string, limit = 50): Promise<Comment[]> {
      await publishedArticle(articleId)
      return stores.comments.listApprovedNewest(articleId, limit)
    },

    /** The moderation queue: comments of one status, newest first. */
    async queue(
      actor: Actor,
      status: CommentStatus,
      page: number,
      perPage = 50,
    ): Promise<Paged<QueuedComment> & { counts: Record<CommentStatus, number> }> {
      authorize(actor, 'comments:moderate')
      const counts = await stores.comments.countByStatus()
      const pageCount = Math.max(1, Math.ceil(counts[status] / perPage))
      if (!Number.isInteger(page) || page < 1 || page > pageCount) {
        throw new NotFoundError('page_not_found', `There is no page ${page}.`)
      }
      const items = await stores.comments.listForModeration(status, {
        limit: perPage,
        offset: (page - 1) * perPage,
      })
      return { items, page, perPage, total: counts[status], pageCount, counts }
    },

    async countsByStatus(actor: Actor): Promise<Record<CommentStatus, number>> {
      authorize(actor, 'comments:moderate')
      return stores.comments.countByStatus()
    },

    /**
     * Approves, rejects, marks as spam, or bans: the last marks the comments as
     * spam and refuses their email and network from now on.
     */
    async moderate(
      actor: Actor,
      ids: readonly string[],
      action: ModerationAction,
    ): Promise<number> {
      authorize(actor, 'comments:moderate')
      const unique = [...new Set(ids)]
      if (unique.length === 0) {
        throw new ValidationError('nothing_selected', 'Select at least one comment.', {
          field: 'ids',
        })
      }
      if (unique.length > 500) {
        throw new ValidationError('too_many_selected', 'Select at most 500 comments at a time.', {
          field: 'ids',
        })
      }
      const { changed, articleIds } = await stores.transaction(async (tx) => {
        const now = clock.now()
        const changed = await tx.comments.setStatus(
          unique,
          STATUS_FOR[action],
          now,
          actor.displayName,
        )
        if (changed === 0) {
          throw new NotFoundError('comment_not_found', 'None of those comments exist.')
        }
        if (action === 'ban') {
          const fingerprints = await tx.comments.fingerprintsOf(unique)
          const hashes = new Map<string, 'email' | 'network'>()
          for (const print of fingerprints) {
            hashes.set(print.networkHash, 'network')
            if (print.emailHash) hashes.set(print.emailHash, 'email')
          }
          for (const [valueHash, kind] of hashes) {
            if (!(await tx.bans.isBanned([valueHash]))) {
              await tx.bans.add({
                id: newId(),
                kind,
                valueHash,
                createdAt: now,
                createdBy: actor.displayName,
              })
            }
          }
          await recordAudit(
            tx.audit,
            { clock, newId },
            {
              actor,
              action: 'commenter_banned',
              subject: `${changed} comment(s)`,
              details: `${hashes.size} email/network ban(s)`,
            },
          )
        } else {
          await recordAudit(
            tx.audit,
            { clock, newId },
            {
              actor,
              action: 'comments_moderated',
              subject: `${changed} comment(s)`,
              details: action,
            },
          )
        }
        return { changed, articleIds: await tx.comments.articleIdsOf(unique) }
      })
      // Approving shows a comment, and any other move may hide one that was shown.
      await announceComments(articleIds)
      return changed
    },
  }
}
