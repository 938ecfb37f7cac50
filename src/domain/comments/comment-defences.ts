// The defences a reader's comment passes through, in order (ARCHITECTURE.md,
// "Reader comments"). Each is a small named rule that refuses with a stable
// code, or lets the comment on to the next. The cheap checks of the form
// itself come first, so a bot's post costs no query about its writer; the
// first defence that needs the database reads everything the rest need in
// one statement (CommentStore.screen).
import { ConflictError, ForbiddenError, TooManyRequestsError, ValidationError } from '../errors.js'
import type { CommentSettings } from './comment-policy.js'
import { commentsOpen } from './comment-policy.js'
import type { CommentScreening, CommentTarget } from './comment-store.js'
import {
  assertValidCommentInput,
  COMMENT_LIMITS,
  findBlockedWord,
  type CommentInput,
} from './comment.js'
import type { FormTokenCheck } from './reader-identity.js'

/** The rate limit's answer: whether the network had an attempt left in this window, and when the next begins. */
export interface RateCheck {
  allowed: boolean
  retryAfterSeconds: number
}

/** A comment on its way in, as the form brought it: what the form defences look at. */
export interface FormAttempt {
  now: Date
  article: CommentTarget
  settings: CommentSettings
  /** The form token, checked against this article and the time. */
  token: FormTokenCheck
  /** The form was posted from another site (its Origin is not ours). */
  fromOtherSite: boolean
  /** The hidden field people never see and bots fill in. */
  honeypot: string
  /** The reply's parent, if it is one. */
  parentId: string | null
  /** The fields as they will be stored, not yet checked. */
  input: CommentInput
}

/** A comment on its way in: what was sent, and what the defences know about its writer. */
export interface CommentAttempt extends FormAttempt {
  /** What the database knows about the writer and the text: read once, when first asked. */
  screening(): Promise<CommentScreening>
  /** Takes one of the network's attempts in this window (atomically, once, when first asked). */
  rateLimit(): Promise<RateCheck>
}

export type CommentDefence = (attempt: CommentAttempt) => void | Promise<void>
/** A defence that needs only the form, the article and the settings: it asks nothing about the writer. */
export type FormDefence = (attempt: FormAttempt) => void

/** The form is ours: posted from this site, from a page of this article. */
export function sentFromThisSite({ fromOtherSite }: FormAttempt): void {
  if (fromOtherSite) {
    throw new ForbiddenError('cross_site_post', 'Comments can only be posted from this site.')
  }
}

export function tokenIsGenuine({ token }: FormAttempt): void {
  if (token === 'invalid') {
    throw new ForbiddenError(
      'bad_form_token',
      'This form did not come from this page. Reload the article and try again.',
    )
  }
}

export function tokenIsFresh({ token }: FormAttempt): void {
  if (token === 'expired') {
    throw new ValidationError(
      'form_expired',
      'This form is too old. Reload the article, then post your comment again.',
    )
  }
}

export function honeypotIsEmpty({ honeypot }: FormAttempt): void {
  if (honeypot.trim() !== '') {
    throw new ValidationError(
      'looks_automated',
      'Your comment looks as if a program sent it, so it was not accepted.',
    )
  }
}

/** Nobody reads an article and writes a comment in a few seconds. */
export function notTooFast({ token }: FormAttempt): void {
  if (token === 'too_fast') {
    throw new ValidationError(
      'too_fast',
      'That was sent faster than anyone could write it. Wait a moment and send it again.',
    )
  }
}

export function commentsAreOpen({ settings, article, now }: FormAttempt): void {
  const open = commentsOpen(settings, article, now)
  if (!open.open) throw new ForbiddenError('comments_closed', open.reason)
}

export function fieldsAreValid({ input }: FormAttempt): void {
  assertValidCommentInput(input)
}

export async function writerNotBanned(attempt: CommentAttempt): Promise<void> {
  if ((await attempt.screening()).banned) {
    throw new ForbiddenError('banned', 'Comments from you are not accepted on this site.')
  }
}

/**
 * A network has a few attempts per window. Taking one is a single atomic
 * statement, so comments sent together cannot all see room for themselves.
 */
export async function withinRateLimit(attempt: CommentAttempt): Promise<void> {
  const { perNetwork, windowMs } = COMMENT_LIMITS
  const { allowed, retryAfterSeconds } = await attempt.rateLimit()
  if (!allowed) {
    throw new TooManyRequestsError(
      'too_many_comments',
      `You have posted ${perNetwork} comments in ${windowMs / 60_000} minutes. Please wait ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      retryAfterSeconds,
    )
  }
}

export function noBlockedWords({ input, settings }: CommentAttempt): void {
  const blocked = findBlockedWord(`${input.name}\n${input.body}`, settings.blockedWords)
  if (blocked) {
    throw new ValidationError('blocked_word', `This site does not publish the word "${blocked}".`, {
      field: 'body',
    })
  }
}

/** The refusal of a text already posted on the article (here, or when two race to be stored). */
export function duplicateComment(): ConflictError {
  return new ConflictError(
    'duplicate_comment',
    'This comment has already been posted on this article.',
    { field: 'body' },
  )
}

export async function notADuplicate(attempt: CommentAttempt): Promise<void> {
  if ((await attempt.screening()).duplicate) throw duplicateComment()
}

/** Replies go one level deep, to a comment readers can see on the same article. */
export async function repliesToAnApprovedComment(attempt: CommentAttempt): Promise<void> {
  if (attempt.parentId === null) return
  const { parent } = await attempt.screening()
  if (
    !parent ||
    parent.articleId !== attempt.article.id ||
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

/** The defences that ask nothing about the writer, first: a bot's post costs no question about it. */
export const FORM_DEFENCES: readonly FormDefence[] = [
  sentFromThisSite,
  tokenIsGenuine,
  tokenIsFresh,
  honeypotIsEmpty,
  notTooFast,
  commentsAreOpen,
  fieldsAreValid,
]

/** Then those that ask the database about the writer, in the transaction that stores the comment. */
export const WRITER_DEFENCES: readonly CommentDefence[] = [
  writerNotBanned,
  withinRateLimit,
  noBlockedWords,
  notADuplicate,
  repliesToAnApprovedComment,
]

/** Every defence, in the order a comment meets them. */
export const COMMENT_DEFENCES: readonly CommentDefence[] = [...FORM_DEFENCES, ...WRITER_DEFENCES]

/** Takes an attempt through the form defences; the first that refuses throws. */
export function checkForm(attempt: FormAttempt): void {
  for (const defence of FORM_DEFENCES) defence(attempt)
}

/** Takes an attempt that passed the form defences through the rest; the first that refuses throws. */
export async function checkWriter(attempt: CommentAttempt): Promise<void> {
  for (const defence of WRITER_DEFENCES) await defence(attempt)
}

/** Takes an attempt through every defence; the first that refuses throws. */
export async function defend(attempt: CommentAttempt): Promise<void> {
  checkForm(attempt)
  await checkWriter(attempt)
}
