import { withoutInvisibles } from '../../text/control-characters.js'
import { ValidationError } from '../errors.js'

export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'spam'

export const COMMENT_STATUSES: readonly CommentStatus[] = [
  'pending',
  'approved',
  'rejected',
  'spam',
]

export function isCommentStatus(value: string): value is CommentStatus {
  return (COMMENT_STATUSES as readonly string[]).includes(value)
}

/** A reader's comment. The email and network address are kept only as keyed hashes, never shown. */
export interface Comment {
  id: string
  articleId: string
  /** The comment this replies to; replies go one level deep. */
  parentId: string | null
  authorName: string
  body: string
  status: CommentStatus
  createdAt: Date
  moderatedAt: Date | null
  moderatedBy: string | null
}

/** A comment as readers see it, with its replies. */
export interface CommentThread extends Comment {
  replies: Comment[]
}

export const COMMENT_LIMITS = {
  name: 80,
  email: 254,
  body: 5000,
  /** More links than this reads as spam. */
  links: 2,
  /** Comments one network may post in the window. */
  perNetwork: 5,
  windowMs: 10 * 60 * 1000,
  /** Nobody reads an article and writes a comment in less. */
  minSecondsToWrite: 3,
  /** A form older than this is stale (a cached page may be days old). */
  formMaxAgeMs: 7 * 24 * 3600 * 1000,
  /** The same text again within this time is a duplicate. */
  duplicateWindowMs: 24 * 3600 * 1000,
  /** Top-level comments per page. */
  perPage: 50,
} as const

/**
 * Line endings unified, control characters and invisible direction overrides dropped (they
 * carry no text and can disguise it), runs of blank lines shortened, ends trimmed.
 */
export function normaliseCommentBody(body: string): string {
  return withoutInvisibles(body.replace(/\r\n?/g, '\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

const LINK = /\bhttps?:\/\/|\bwww\./gi

/** How many links a comment holds. */
export function countLinks(body: string): number {
  return body.match(LINK)?.length ?? 0
}

/** The first blocked word the text contains (whole words, any case), if any. */
export function findBlockedWord(text: string, blockedWords: readonly string[]): string | undefined {
  const lower = text.toLowerCase()
  return blockedWords.find((word) => {
    const needle = word.trim().toLowerCase()
    if (needle === '') return false
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(lower)
  })
}

export interface CommentInput {
  name: string
  email: string
  body: string
}

/** The reader's fields as they will be checked and stored: invisible characters out, spacing tidied. */
export function cleanCommentInput(input: CommentInput): CommentInput {
  return {
    name: withoutInvisibles(input.name).replace(/\s+/g, ' ').trim(),
    email: input.email.trim().toLowerCase(),
    body: normaliseCommentBody(input.body),
  }
}

/** Checks the reader's fields; returns them cleaned. ValidationError names the field at fault. */
export function validateCommentInput(input: CommentInput): CommentInput {
  const cleaned = cleanCommentInput(input)
  assertValidCommentInput(cleaned)
  return cleaned
}

/** Checks fields already cleaned (cleanCommentInput); ValidationError names the field at fault. */
export function assertValidCommentInput({ name, email, body }: CommentInput): void {
  if (name === '' || name.length > COMMENT_LIMITS.name) {
    throw new ValidationError(
      'invalid_name',
      `Give a name of 1–${COMMENT_LIMITS.name} characters.`,
      { field: 'name' },
    )
  }
  if (
    email !== '' &&
    (email.length > COMMENT_LIMITS.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
  ) {
    throw new ValidationError(
      'invalid_email',
      'That email address does not look right. It is optional.',
      {
        field: 'email',
      },
    )
  }
  if (body === '') {
    throw new ValidationError('empty_comment', 'Write a comment first.', { field: 'body' })
  }
  if (body.length > COMMENT_LIMITS.body) {
    throw new ValidationError(
      'comment_too_long',
      `A comment has at most ${COMMENT_LIMITS.body} characters; this one has ${body.length}.`,
      { field: 'body' },
    )
  }
  if (countLinks(body) > COMMENT_LIMITS.links) {
    throw new ValidationError(
      'too_many_links',
      `A comment may hold at most ${COMMENT_LIMITS.links} links.`,
      {
        field: 'body',
      },
    )
  }
}
