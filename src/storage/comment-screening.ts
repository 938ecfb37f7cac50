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
import { fromDbBool, fromDbTime, toDbTime } from './dialect.js'
import type { Database } from './schema.js'

function commentModeOf(value: string): ArticleCommentMode {
  return (ARTICLE_COMMENT_MODES as readonly string[]).includes(value)
    ? (value as ArticleCommentMode)
    : 'default'
}

export async function findCommentTarget(
  db: Kysely<Database>,
  article: ArticleRef,
): Promise<CommentTarget | undefined> {
  const row = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'published_at', 'updated_at', 'comment_mode'])
    .where('status', '=', 'published')
    .where((eb) =>
      'articleId' in article
        ? eb('id', '=', article.articleId)
        : eb('slug', '=', article.articleSlug),
    )
    .executeTakeFirst()
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

export async function screenComment(
  db: Kysely<Database>,
  {
    articleId,
    bodyHash,
    banHashes,
    returningCommenterHash,
    duplicateSince,
    parentId,
  }: ScreeningQuestion,
): Promise<CommentScreening> {
  // PostgreSQL text cannot hold NUL, so no comment id has one; asking would be an error there.
  const parent = parentId === null || parentId.includes('\u0000') ? '' : parentId
  const comments = db.selectFrom('comments')
  const ofParent = comments.where('id', '=', parent)
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(db.selectFrom('comment_bans').select('id').where('value_hash', 'in', banHashes))
        .as('banned'),
      // Down (article, text hash, time): the rows it visits are this text's, however long the queue.
      eb
        .exists(
          comments
            .select('id')
            .where('article_id', '=', articleId)
            .where('body_hash', '=', bodyHash)
            .where('created_at', '>', toDbTime(duplicateSince))
            .where('status', 'in', ['pending', 'approved']),
        )
        .as('duplicate'),
      ofParent.select('article_id').as('parent_article_id'),
      ofParent.select('status').as('parent_status'),
      ofParent.select('parent_id').as('parent_parent_id'),
      returningCommenterHash === null
        ? eb.lit(false).as('known')
        : eb
            .exists(
              comments
                .select('id')
                .where('commenter_hash', '=', returningCommenterHash)
                .where('status', '=', 'approved'),
            )
            .as('known'),
    ])
    .executeTakeFirstOrThrow()
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
