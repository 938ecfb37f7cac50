import type { WebhookOutbox } from '../webhooks/webhook-outbox.js'
import { createHash } from 'node:crypto'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { DomainError, NotFoundError, StorageFullError, StorageUnavailableError } from '../errors.js'
import type { GroupCommit, GroupCommitLimits, SharedReads } from '../group-commit.js'
import type { IdGenerator } from '../ids.js'
import type { SettingsService } from '../settings/settings-service.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import { cleanCommentInput, COMMENT_LIMITS, type Comment, type CommentInput } from './comment.js'
import {
  checkForm,
  checkWriter,
  duplicateComment,
  type CommentAttempt,
  type FormAttempt,
  type RateCheck,
} from './comment-defences.js'
import type {
  ArticleRef,
  CommentFingerprints,
  CommentScreening,
  CommentTarget,
  DuplicateBuckets,
} from './comment-store.js'
import {
  checkFormToken,
  commenterIdOf,
  issueCommenterToken,
  keyedHash,
  networkOf,
  newCommenterId,
} from './reader-identity.js'

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
  /** The returning-commenter cookie the browser sent, if it sent one. */
  commenterToken?: string
  /** The browser said the form was posted from another site (an Origin not ours). */
  fromOtherSite?: boolean
}

/** A stored comment, and the article it went to (where the reader is sent to see it). */
export interface PostedComment extends Comment {
  article: CommentTarget
  /** The returning-commenter cookie to give back: the one sent when genuine, else a new one. */
  commenterToken: string
}

/** What duplicate detection compares: the text, any case, any spacing. */
export function bodyHashOf(body: string): string {
  return createHash('sha256').update(body.toLowerCase().replace(/\s+/g, ' ')).digest('hex')
}

/** The keys hashes are made with: the current one, and the one an older release kept. */
interface HashKeys {
  current: string
  legacy: string | undefined
}

/** Who is writing, as far as the site can tell, and never more than keyed hashes of it. */
interface Writer {
  fingerprints: CommentFingerprints
  /** Every hash of the writer a ban may have been made with. */
  banHashes: string[]
  /** The commenter a genuine cookie named; null for a browser without one. */
  returningCommenterHash: string | null
  commenterToken: string
}

function writerOf(keys: HashKeys, input: CommentInput, post: CommentPost): Writer {
  const returning = commenterIdOf(keys.current, post.commenterToken)
  const commenterId = returning ?? newCommenterId()
  const hashesUnder = (key: string) => ({
    network: keyedHash(key, `network:${networkOf(post.ip)}`),
    email: input.email === '' ? null : keyedHash(key, `email:${input.email}`),
  })
  const current = hashesUnder(keys.current)
  const legacy = keys.legacy === undefined ? undefined : hashesUnder(keys.legacy)
  const commenterHash = keyedHash(keys.current, `commenter:${commenterId}`)
  const banHashes = [current.network, current.email, legacy?.network, legacy?.email]
  return {
    fingerprints: {
      networkHash: current.network,
      emailHash: current.email,
      bodyHash: bodyHashOf(input.body),
      commenterHash,
    },
    banHashes: [
      ...banHashes.filter((hash): hash is string => typeof hash === 'string'),
      ...(returning ? [commenterHash] : []),
    ],
    returningCommenterHash: returning ? commenterHash : null,
    commenterToken: issueCommenterToken(keys.current, commenterId),
  }
}

/**
 * The day-long buckets a comment's text is reserved in, twelve hours apart.
 * Two comments sent less than twelve hours apart share at least one of them,
 * so the unique indexes over them let only one of two identical comments sent
 * together be stored. Comments further apart are the screening's to find.
 */
function duplicateBucketsOf(at: Date): DuplicateBuckets {
  const span = COMMENT_LIMITS.duplicateWindowMs
  return {
    day: Math.floor(at.getTime() / span),
    halfDay: Math.floor((at.getTime() + span / 2) / span),
  }
}

/** Asks once, on first use, and answers every later question from that. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined
  return () => (answer ??= read())
}

/**
 * A burst's comments share a transaction, so one sync to disk acknowledges
 * them all: up to 64 together, gathered for at most 2 ms after the first.
 */
export const COMMENT_BATCH: GroupCommitLimits = { maxUnits: 64, maxWaitMs: 2 }

/** What a post knows before its transaction: the form checked against its article and the settings. */
interface Checked {
  form: FormAttempt
  writer: Writer
}

/** What the transaction gave: the comment stored, or a refusal made after the rate limit counted it. */
type Stored =
  { comment: Comment; article: CommentTarget; commenterToken: string } | { refused: DomainError }

/** A defence's refusal (not the database failing). */
function isRefusal(error: unknown): error is DomainError {
  return (
    error instanceof DomainError &&
    !(error instanceof StorageFullError || error instanceof StorageUnavailableError)
  )
}

/**
 * Posting a reader's comment: through every defence (comment-defences.ts),
 * then stored before returning, so it is durable when the reader is told it
 * was accepted. Pending, unless post-moderation applies and the browser's
 * commenter has had a comment approved before. Comments posted together are
 * written together (group-commit.ts), each in its own savepoint.
 */
export function createCommentPosting({
  stores,
  commits,
  clock,
  newId,
  settings,
  changes,
  outbox,
}: {
  stores: UnitOfWork
  /** The batches comments are written in. */
  commits: GroupCommit
  clock: Clock
  newId: IdGenerator
  settings: SettingsService
  changes: ContentChanges
  outbox: WebhookOutbox
}) {
  /** Before the transaction: the article and settings (read once per batch), the form defences. */
  async function checkPost(post: CommentPost, reads: SharedReads, now: Date): Promise<Checked> {
    const keys = { current: await settings.siteKey(), legacy: await settings.legacySiteKey() }
    const ref =
      'articleId' in post ? { articleId: post.articleId } : { articleSlug: post.articleSlug }
    const found = await reads.once(`article:${JSON.stringify(ref)}`, () =>
      stores.comments.findTarget(ref),
    )
    if (!found) throw new NotFoundError('article_not_found', 'There is no such article.')
    const site = await reads.once('comment-settings', () => settings.commentSettings())
    const input = cleanCommentInput(post)
    const form: FormAttempt = {
      now,
      article: found,
      settings: site,
      token: checkFormToken(keys.current, post.formToken, found.id, now, {
        minMs: COMMENT_LIMITS.minSecondsToWrite * 1000,
        maxMs: COMMENT_LIMITS.formMaxAgeMs,
      }),
      fromOtherSite: post.fromOtherSite ?? false,
      honeypot: post.honeypot,
      parentId: post.parentId,
      input,
    }
    checkForm(form)
    return { form, writer: writerOf(keys, input, post) }
  }

  /** Takes one of the network's attempts in the current window, atomically. */
  async function reserveAttempt(tx: Stores, networkHash: string, now: Date): Promise<RateCheck> {
    const { perNetwork, windowMs } = COMMENT_LIMITS
    const window = Math.floor(now.getTime() / windowMs)
    const allowed = await tx.comments.reserveAttempt({ networkHash, window, limit: perNetwork })
    const nextWindowMs = (window + 1) * windowMs - now.getTime()
    return { allowed, retryAfterSeconds: Math.max(1, Math.ceil(nextWindowMs / 1000)) }
  }

  /** In the transaction: the writer's defences, then the comment and its webhook event. */
  async function screenAndStore(tx: Stores, { form, writer }: Checked): Promise<Stored> {
    const { now, article } = form
    let counted = false
    const attempt: CommentAttempt = {
      ...form,
      screening: once<CommentScreening>(() =>
        tx.comments.screen({
          articleId: article.id,
          bodyHash: writer.fingerprints.bodyHash,
          banHashes: writer.banHashes,
          returningCommenterHash: writer.returningCommenterHash,
          duplicateSince: new Date(now.getTime() - COMMENT_LIMITS.duplicateWindowMs),
          parentId: form.parentId,
        }),
      ),
      rateLimit: once(async () => {
        const check = await reserveAttempt(tx, writer.fingerprints.networkHash, now)
        counted = true
        return check
      }),
    }
    try {
      await checkWriter(attempt)
    } catch (error) {
      // An attempt the rate limit took counts, refused or not: its savepoint is kept.
      if (counted && isRefusal(error)) return { refused: error }
      throw error
    }
    const known = form.settings.moderation === 'post' && (await attempt.screening()).known
    const comment: Comment = {
      id: newId(),
      articleId: article.id,
      parentId: form.parentId,
      authorName: form.input.name,
      body: form.input.body,
      status: known ? 'approved' : 'pending',
      createdAt: now,
      moderatedAt: null,
      moderatedBy: null,
    }
    const result = await tx.comments.insert({
      ...comment,
      ...writer.fingerprints,
      duplicateBuckets: duplicateBucketsOf(now),
    })
    // The same text, sent at the same moment, won the race to be stored.
    if (result === 'duplicate') return { refused: duplicateComment() }
    // The comment and its webhook event (held or published) commit together.
    await outbox.commentChanged(tx, comment)
    return { comment, article, commenterToken: writer.commenterToken }
  }

  return async function post(post: CommentPost): Promise<PostedComment> {
    const now = clock.now()
    const stored = await commits.run({
      prepare: (reads) => checkPost(post, reads, now),
      write: screenAndStore,
    })
    if ('refused' in stored) throw stored.refused
    const { comment, article, commenterToken } = stored
    // After the commit, as before: the page cache drops the article's pages before the answer.
    if (comment.status === 'approved') {
      await changes.announce({ scope: 'comments', articleId: comment.articleId, addedOnly: true })
    }
    return { ...comment, article, commenterToken }
  }
}
