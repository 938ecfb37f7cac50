// The two reads a reader's comment costs before it is stored: the article it is
// for, and one statement that answers every question the defences ask about
// the writer and the text (bans, duplicates, the comment replied to, an
// earlier approved comment of the same commenter). Each question is an indexed
// lookup keyed by this comment's own values, so none of them grows with the
// moderation queue; asking them together keeps a comment's cost to a fixed few
// statements. (The rate limit is a write: comment-limits.ts.)
import type { Kysely } from 'kysely'
import {
  ARTICLE_COMMENT_MODES,
  type ArticleCommentMode,
} from '../domain/comments/comment-policy.js'
import type {
  ArticleRef,
  CommentScreening,
  CommentTarget,
  ScreeningQuestion,
} from '../domain/comments/comment-store.js'
import { isCommentStatus } from '../domain/comments/comment.js'
import { compiledOnceWith } from './compiled-once.js'
import { fromDbBool, fromDbTime, toDbTime, type DialectName } from './dialect.js'
import type { Database } from './schema.js'

function commentModeOf(value: string): ArticleCommentMode {
  return (ARTICLE_COMMENT_MODES as readonly string[]).includes(value)
    ? (value as ArticleCommentMode)
    : 'default'
}

const targetColumns = [
  'id',
  'slug',
  'headline',
  'published_at',
  'updated_at',
  'comment_mode',
] as const

const targetById = compiledOnceWith((db, _dialect, slots: { id: string }) =>
  db
    .selectFrom('articles')
    .select(targetColumns)
    .where('status', '=', 'published')
    .where('id', '=', slots.id),
)
const targetBySlug = compiledOnceWith((db, _dialect, slots: { slug: string }) =>
  db
    .selectFrom('articles')
    .select(targetColumns)
    .where('status', '=', 'published')
    .where('slug', '=', slots.slug),
)

export async function findCommentTarget(
  db: Kysely<Database>,
  dialect: DialectName,
  article: ArticleRef,
): Promise<CommentTarget | undefined> {
  const [row] =
    'articleId' in article
      ? await targetById(db, dialect, { id: article.articleId })
      : await targetBySlug(db, dialect, { slug: article.articleSlug })
  if (!row) return undefined
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    // Publishing always sets it; a row from before that rule shows its last update, as its page does.
    publishedAt: fromDbTime(row.published_at ?? row.updated_at),
    commentMode: commentModeOf(row.comment_mode),
  }
}

/**
 * The hashes a writer may be banned under: their network and email, under the
 * current key and the one before it, and their commenter id. The statement
 * has this many places, the unused ones null (which `in` never matches).
 */
const BAN_HASHES = 5

/** The screening's values: `ban0`… each a hash or null (BAN_HASHES of them), and the comment's own. */
interface ScreeningValues {
  ban0: string | null
  ban1: string | null
  ban2: string | null
  ban3: string | null
  ban4: string | null
  article_id: string
  body_hash: string
  duplicate_since: string
  parent: string
  /** Null for a first-time commenter: no row's hash equals null. */
  commenter_hash: string | null
}

const screening = compiledOnceWith((db, _dialect, slots: ScreeningValues) => {
  const comments = db.selectFrom('comments')
  const ofParent = comments.where('id', '=', slots.parent)
  const bans = [slots.ban0, slots.ban1, slots.ban2, slots.ban3, slots.ban4]
  return db.selectNoFrom((eb) => [
    eb
      .exists(db.selectFrom('comment_bans').select('id').where('value_hash', 'in', bans))
      .as('banned'),
    // Down (article, text hash, time): the rows it visits are this text's, however long the queue.
    eb
      .exists(
        comments
          .select('id')
          .where('article_id', '=', slots.article_id)
          .where('body_hash', '=', slots.body_hash)
          .where('created_at', '>', slots.duplicate_since)
          .where('status', 'in', ['pending', 'approved']),
      )
      .as('duplicate'),
    ofParent.select('article_id').as('parent_article_id'),
    ofParent.select('status').as('parent_status'),
    ofParent.select('parent_id').as('parent_parent_id'),
    eb
      .exists(
        comments
          .select('id')
          .where('commenter_hash', '=', slots.commenter_hash)
          .where('status', '=', 'approved'),
      )
      .as('known'),
  ])
})

export async function screenComment(
  db: Kysely<Database>,
  dialect: DialectName,
  {
    articleId,
    bodyHash,
    banHashes,
    returningCommenterHash,
    duplicateSince,
    parentId,
  }: ScreeningQuestion,
): Promise<CommentScreening> {
  if (banHashes.length > BAN_HASHES) {
    throw new Error(`A comment is screened against at most ${BAN_HASHES} ban hashes`)
  }
  const [row] = await screening(db, dialect, {
    ban0: banHashes[0] ?? null,
    ban1: banHashes[1] ?? null,
    ban2: banHashes[2] ?? null,
    ban3: banHashes[3] ?? null,
    ban4: banHashes[4] ?? null,
    article_id: articleId,
    body_hash: bodyHash,
    duplicate_since: toDbTime(duplicateSince),
    // PostgreSQL text cannot hold NUL, so no comment id has one; asking would be an error there.
    parent: parentId === null || parentId.includes('\u0000') ? '' : parentId,
    commenter_hash: returningCommenterHash,
  })
  if (!row) throw new Error('The screening statement answered no row')
  const status = row.parent_status
  return {
    banned: fromDbBool(row.banned),
    duplicate: fromDbBool(row.duplicate),
    parent:
      row.parent_article_id && status && isCommentStatus(status)
        ? { articleId: row.parent_article_id, status, parentId: row.parent_parent_id ?? null }
        : undefined,
    known: fromDbBool(row.known),
  }
}
