import { createHash } from 'node:crypto'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { NotFoundError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { SettingsService } from '../settings/settings-service.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { cleanCommentInput, COMMENT_LIMITS, type Comment, type CommentInput } from './comment.js'
import { defend, type CommentAttempt } from './comment-defences.js'
import type {
  ArticleRef,
  CommentFingerprints,
  CommentScreening,
  CommentTarget,
} from './comment-store.js'
import { checkFormToken, keyedHash, networkOf } from './reader-identity.js'

/** A reader's comment as the form sends it, for an article given by id or by slug. */
export type CommentPost = ArticleRef & {
  parentId: string | null
  name: string
  email: string
  body: string
  /** The hidden field people never see and bots fill in. */
  honeypot: string
  formToken: string
  ip: string
  /** The browser said the form was posted from another site (an Origin not ours). */
  fromOtherSite?: boolean
}

/** A stored comment, and the article it went to (where the reader is sent to see it). */
export interface PostedComment extends Comment {
  article: CommentTarget
}

/** What duplicate detection compares: the text, any case, any spacing. */
export function bodyHashOf(body: string): string {
  return createHash('sha256').update(body.toLowerCase().replace(/\s+/g, ' ')).digest('hex')
}

/** The keyed hashes stored beside a comment instead of the email and the address. */
function fingerprintsOf(key: string, input: CommentInput, ip: string): CommentFingerprints {
  return {
    networkHash: keyedHash(key, `network:${networkOf(ip)}`),
    emailHash: input.email === '' ? null : keyedHash(key, `email:${input.email}`),
    bodyHash: bodyHashOf(input.body),
  }
}

/** Asks the database once, on first use, and answers every later question from that. */
function once(read: () => Promise<CommentScreening>): () => Promise<CommentScreening> {
  let answer: Promise<CommentScreening> | undefined
  return () => (answer ??= read())
}

/**
 * Posting a reader's comment: through every defence (comment-defences.ts),
 * then stored before returning, so it is durable when the reader is told it
 * was accepted. Pending unless post-moderation applies and the writer has had
 * a comment approved before.
 */
export function createCommentPosting({
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
  async function targetOf(post: CommentPost): Promise<CommentTarget> {
    const ref =
      'articleId' in post ? { articleId: post.articleId } : { articleSlug: post.articleSlug }
    const article = await stores.comments.findTarget(ref)
    if (!article) throw new NotFoundError('article_not_found', 'There is no such article.')
    return article
  }

  return async function post(post: CommentPost): Promise<PostedComment> {
    const now = clock.now()
    const key = await settings.siteKey()
    const article = await targetOf(post)
    const site = await settings.commentSettings()
    const input = cleanCommentInput(post)
    const fingerprints = fingerprintsOf(key, input, post.ip)
    const attempt: CommentAttempt = {
      now,
      article,
      settings: site,
      token: checkFormToken(key, post.formToken, article.id, now, {
        minMs: COMMENT_LIMITS.minSecondsToWrite * 1000,
        maxMs: COMMENT_LIMITS.formMaxAgeMs,
      }),
      fromOtherSite: post.fromOtherSite ?? false,
      honeypot: post.honeypot,
      parentId: post.parentId,
      input,
      screening: once(() =>
        stores.comments.screen({
          articleId: article.id,
          fingerprints,
          recentSince: new Date(now.getTime() - COMMENT_LIMITS.windowMs),
          duplicateSince: new Date(now.getTime() - COMMENT_LIMITS.duplicateWindowMs),
          parentId: post.parentId,
        }),
      ),
    }
    await defend(attempt)
    const known = site.moderation === 'post' && (await attempt.screening()).known
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
    await stores.comments.insert({ ...comment, ...fingerprints })
    if (comment.status === 'approved') {
      await changes.announce({ scope: 'comments', articleId: comment.articleId })
    }
    return { ...comment, article }
  }
}
