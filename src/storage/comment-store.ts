import type { Insertable, Kysely, Selectable } from 'kysely'
import {
  COMMENT_STATUSES,
  isCommentStatus,
  type Comment,
  type CommentStatus,
} from '../domain/comments/comment.js'
import type { BanStore, CommentStore } from '../domain/comments/comment-store.js'
import { forgetRateWindowsBefore, reserveCommentAttempt } from './comment-limits.js'
import { findCommentTarget, screenComment } from './comment-screening.js'
import { compiledOnceWith } from './compiled-once.js'
import {
  fromDbCount,
  fromDbTime,
  fromNullableDbTime,
  toDbTime,
  type DialectName,
} from './dialect.js'
import type { CommentTable, Database } from './schema.js'

const COLUMNS = [
  'c.id',
  'c.article_id',
  'c.parent_id',
  'c.author_name',
  'c.body',
  'c.status',
  'c.created_at',
  'c.moderated_at',
  'c.moderated_by',
] as const

type CommentRow = Pick<
  Selectable<CommentTable>,
  | 'id'
  | 'article_id'
  | 'parent_id'
  | 'author_name'
  | 'body'
  | 'status'
  | 'created_at'
  | 'moderated_at'
  | 'moderated_by'
>

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    authorName: row.author_name,
    body: row.body,
    status: row.status as CommentStatus,
    createdAt: fromDbTime(row.created_at),
    moderatedAt: fromNullableDbTime(row.moderated_at),
    moderatedBy: row.moderated_by,
  }
}

type NewComment = Parameters<CommentStore['insert']>[0]

type CommentInsert = Omit<Insertable<CommentTable>, 'id'> & { id: string }

const insertCommentOnce = compiledOnceWith<CommentInsert, { id: string }>((db, _dialect, row) =>
  db
    .insertInto('comments')
    .values(row)
    // Not an error to catch: inside a transaction PostgreSQL would abort the whole of it.
    .onConflict((oc) => oc.doNothing())
    .returning('id'),
)

/** Inserts the comment; false when the same text already holds one of its duplicate buckets. */
async function insertComment(
  db: Kysely<Database>,
  dialect: DialectName,
  comment: NewComment,
): Promise<boolean> {
  const rows = await insertCommentOnce(db, dialect, {
    id: comment.id,
    article_id: comment.articleId,
    parent_id: comment.parentId,
    author_name: comment.authorName,
    body: comment.body,
    status: comment.status,
    created_at: toDbTime(comment.createdAt),
    moderated_at: comment.moderatedAt ? toDbTime(comment.moderatedAt) : null,
    moderated_by: comment.moderatedBy,
    email_hash: comment.emailHash,
    network_hash: comment.networkHash,
    body_hash: comment.bodyHash,
    commenter_hash: comment.commenterHash,
    duplicate_day: comment.duplicateBuckets?.day ?? null,
    duplicate_half_day: comment.duplicateBuckets?.halfDay ?? null,
  })
  return rows.length > 0
}

/**
 * The article's approved counts, joined to a window of its approved comments
 * that reply to none, oldest first, each marked if anything replies to it: one
 * row of counts alone when the window is empty.
 */
const approvedPage = compiledOnceWith(
  (db, _dialect, slots: { articleId: string; limit: number; offset: number }) => {
    const counts = db
      .selectFrom('comments as n')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('all'),
        eb.fn.count<number | string>('n.id').filterWhere('n.parent_id', 'is', null).as('top_level'),
      ])
      .where('n.article_id', '=', slots.articleId)
      .where('n.status', '=', 'approved')
    const window = db
      .selectFrom('comments as c')
      .select(COLUMNS)
      // By the parent_id index, whatever their status: see repliesTo.
      .select((eb) =>
        eb
          .exists(
            eb.selectFrom('comments as r').select('r.id').whereRef('r.parent_id', '=', 'c.id'),
          )
          .as('has_replies'),
      )
      .where('c.article_id', '=', slots.articleId)
      .where('c.status', '=', 'approved')
      .where('c.parent_id', 'is', null)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(slots.limit)
      .offset(slots.offset)
    return db
      .selectFrom(counts.as('counts'))
      .leftJoin(window.as('w'), (join) => join.onTrue())
      .select(['counts.all', 'counts.top_level'])
      .selectAll('w')
      .orderBy('w.created_at')
      .orderBy('w.id')
  },
)

/**
 * The replies to these comments, whatever their status, oldest first. Filtered
 * by status by the caller rather than in SQL: given a status, SQLite prefers
 * the (status, created_at) index and walks every approved comment on the site.
 */
const repliesTo = compiledOnceWith((db, _dialect, slots: { parentIds: readonly string[] }) =>
  db
    .selectFrom('comments as c')
    .select(COLUMNS)
    .where('c.parent_id', 'in', slots.parentIds)
    .orderBy('c.created_at')
    .orderBy('c.id'),
)

export function createCommentStore(db: Kysely<Database>, dialect: DialectName): CommentStore {
  const comments = () => db.selectFrom('comments as c')

  return {
    findTarget: (article) => findCommentTarget(db, dialect, article),
    screen: (question) => screenComment(db, dialect, question),
    reserveAttempt: (reservation) => reserveCommentAttempt(db, dialect, reservation),
    forgetRateWindowsBefore: (window) => forgetRateWindowsBefore(db, window),

    async insert(comment) {
      return (await insertComment(db, dialect, comment)) ? 'inserted' : 'duplicate'
    },

    async findById(id) {
      // PostgreSQL text cannot hold NUL, so no id has one; asking would be an error there.
      if (id.includes('\u0000')) return undefined
      const row = await comments().select(COLUMNS).where('c.id', '=', id).executeTakeFirst()
      return row && toComment(row)
    },

    async approvedPage(articleId, { limit, offset }) {
      const rows = await approvedPage(db, dialect, { articleId, limit, offset })
      const items = rows.flatMap((row) => (row.id === null ? [] : [toComment(row as CommentRow)]))
      return {
        all: fromDbCount(rows[0]?.all ?? 0),
        topLevel: fromDbCount(rows[0]?.top_level ?? 0),
        items,
        replied: rows.flatMap((row) => (row.id !== null && row.has_replies ? [row.id] : [])),
      }
    },

    async listApprovedReplies(parentIds) {
      if (parentIds.length === 0) return []
      const rows = await repliesTo(db, dialect, { parentIds })
      return rows.filter((row) => row.status === 'approved').map(toComment)
    },

    async listApprovedNewest(articleId, limit) {
      const rows = await comments()
        .select(COLUMNS)
        .where('c.article_id', '=', articleId)
        .where('c.status', '=', 'approved')
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(limit)
        .execute()
      return rows.map(toComment)
    },

    async setStatus(ids, status, at, by) {
      if (ids.length === 0) return 0
      // A moderated comment leaves the duplicate buckets: the screening still finds it while
      // it is shown, and a rejected text may be written again, as before.
      const result = await db
        .updateTable('comments')
        .set({
          status,
          moderated_at: toDbTime(at),
          moderated_by: by,
          duplicate_day: null,
          duplicate_half_day: null,
        })
        .where('id', 'in', ids)
        .executeTakeFirst()
      return Number(result.numUpdatedRows)
    },

    async fingerprintsOf(ids) {
      if (ids.length === 0) return []
      const rows = await db
        .selectFrom('comments')
        .select(['id', 'email_hash', 'network_hash', 'body_hash', 'commenter_hash'])
        .where('id', 'in', ids)
        .execute()
      return rows.map((row) => ({
        id: row.id,
        emailHash: row.email_hash,
        networkHash: row.network_hash,
        bodyHash: row.body_hash,
        commenterHash: row.commenter_hash,
      }))
    },

    async articleIdsOf(ids) {
      if (ids.length === 0) return []
      const rows = await db
        .selectFrom('comments')
        .select('article_id')
        .distinct()
        .where('id', 'in', ids)
        .execute()
      return rows.map((row) => row.article_id)
    },

    async listForArticle(articleId) {
      const rows = await comments()
        .select(COLUMNS)
        .where('c.article_id', '=', articleId)
        .orderBy('c.created_at')
        .orderBy('c.id')
        .execute()
      return rows.map(toComment)
    },

    async listForModeration(status, { limit, offset }) {
      const rows = await comments()
        .innerJoin('articles as a', 'a.id', 'c.article_id')
        .select(COLUMNS)
        .select([
          'a.slug as article_slug',
          'a.headline as article_headline',
          'a.published_at as article_published_at',
        ])
        .where('c.status', '=', status)
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute()
      return rows.map((row) => ({
        ...toComment(row),
        article: {
          id: row.article_id,
          slug: row.article_slug,
          headline: row.article_headline,
          publishedAt: fromNullableDbTime(row.article_published_at),
        },
      }))
    },

    async countByStatus() {
      const rows = await comments()
        .select(['c.status', (eb) => eb.fn.countAll<number | string>().as('count')])
        .groupBy('c.status')
        .execute()
      const counts = Object.fromEntries(COMMENT_STATUSES.map((status) => [status, 0])) as Record<
        CommentStatus,
        number
      >
      for (const row of rows) {
        if (isCommentStatus(row.status)) counts[row.status] = fromDbCount(row.count)
      }
      return counts
    },
  }
}

export function createBanStore(db: Kysely<Database>): BanStore {
  return {
    async add(ban) {
      await db
        .insertInto('comment_bans')
        .values({
          id: ban.id,
          kind: ban.kind,
          value_hash: ban.valueHash,
          created_at: toDbTime(ban.createdAt),
          created_by: ban.createdBy,
        })
        .onConflict((oc) => oc.column('value_hash').doNothing())
        .execute()
    },

    async isBanned(valueHashes) {
      if (valueHashes.length === 0) return false
      const row = await db
        .selectFrom('comment_bans')
        .select('id')
        .where('value_hash', 'in', valueHashes)
        .limit(1)
        .executeTakeFirst()
      return row !== undefined
    },
  }
}
