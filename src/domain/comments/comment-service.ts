import { authorize, type Actor } from '../access/policy.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { NotFoundError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import { pageOf, pageWindow, type Paged } from '../paging.js'
import type { SettingsService } from '../settings/settings-service.js'
import type { UnitOfWork } from '../unit-of-work.js'
import {
  COMMENT_LIMITS,
  validateCommentInput,
  type Comment,
  type CommentStatus,
  type CommentThread,
} from './comment.js'
import { createCommentModeration } from './comment-moderation.js'
import { commentsOpen, type CommentSettings } from './comment-policy.js'
import { bodyHashOf, COMMENT_BATCH, createCommentPosting } from './comment-posting.js'
import { createGroupCommit, type GroupCommitLimits } from '../group-commit.js'
import type { Timers } from '../timers.js'
import type { ArticleRef, CommentTarget } from './comment-store.js'
import { issueFormToken, keyedHash } from './reader-identity.js'
import { NO_WEBHOOKS, type WebhookOutbox } from '../webhooks/webhook-outbox.js'

export type { CommentPost, PostedComment } from './comment-posting.js'
export type { ModerationAction } from './comment-moderation.js'

export type CommentService = ReturnType<typeof createCommentService>

export function createCommentService({
  stores,
  clock,
  newId,
  settings,
  changes,
  outbox = NO_WEBHOOKS,
  timers,
  batch = COMMENT_BATCH,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  settings: SettingsService
  changes: ContentChanges
  /** comment.held and comment.published, in the transaction that stores the change. */
  outbox?: WebhookOutbox
  /** What a batch of readers' comments waits on while it gathers. */
  timers: Timers
  batch?: GroupCommitLimits
}) {
  const commits = createGroupCommit({ stores, timers, limits: batch })
  /** The pages and feeds of these articles' comments changed (`addedOnly`: comments only appeared). */
  async function announceComments(
    articleIds: Iterable<string>,
    { addedOnly = false }: { addedOnly?: boolean } = {},
  ): Promise<void> {
    for (const articleId of new Set(articleIds)) {
      await changes.announce({ scope: 'comments', articleId, ...(addedOnly && { addedOnly }) })
    }
  }

  const moderation = createCommentModeration({
    stores,
    clock,
    newId,
    announceComments,
    outbox,
  })

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
          commenterHash: null,
          // An archive may hold the same words twice; only readers' comments race.
          duplicateBuckets: null,
        })
      }
    })
    await announceComments(
      comments.filter((c) => c.status === 'approved').map((c) => c.articleId),
      { addedOnly: true },
    )
    return comments
  }

  return {
    /** A fresh token for the comment form of an article. */
    async formToken(articleId: string): Promise<string> {
      return issueFormToken(await settings.siteKey(), articleId, clock.now())
    },

    /** The site's comment rules: for a page that keeps them and decides with commentsOpen. */
    settings: (): Promise<CommentSettings> => settings.commentSettings(),

    /** Whether an article takes comments now, and why not. */
    async availability(article: {
      publishedAt: Date | null
      commentMode: 'default' | 'open' | 'closed'
    }) {
      return commentsOpen(await settings.commentSettings(), article, clock.now())
    },

    post: createCommentPosting({ stores, commits, clock, newId, settings, changes, outbox }),

    /** Writes the readers' comments gathering for a batch, and waits for those being written. */
    flushPosts: () => commits.flush(),

    /** Forgets the rate-limit windows that can no longer refuse anything. */
    async tidy(): Promise<void> {
      const window = Math.floor(clock.now().getTime() / COMMENT_LIMITS.windowMs)
      await stores.comments.forgetRateWindowsBefore(window - 1)
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
      // Pages are of conversations: a top-level comment and its replies together.
      const perPage = COMMENT_LIMITS.perPage
      const found = await stores.comments.approvedPage(articleId, pageWindow(page, perPage))
      const paged = pageOf(found.items, { page, perPage, total: found.topLevel })
      const replies =
        found.replied.length === 0 ? [] : await stores.comments.listApprovedReplies(found.replied)
      const items = paged.items.map((comment) => ({
        ...comment,
        replies: replies.filter((reply) => reply.parentId === comment.id),
      }))
      return { ...paged, items, total: found.all }
    },

    /** A published article's newest approved comments, for its feeds. */
    async feed(
      ref: ArticleRef,
      limit = 50,
    ): Promise<{ article: CommentTarget; comments: Comment[] }> {
      const article = await stores.comments.findTarget(ref)
      if (!article) throw new NotFoundError('article_not_found', 'There is no such article.')
      return { article, comments: await stores.comments.listApprovedNewest(article.id, limit) }
    },

    ...moderation,
  }
}
