import type { Kysely } from 'kysely'
import type { StoryThread } from '../domain/threads/thread.js'
import type { ThreadStore } from '../domain/threads/thread-store.js'
import { compiledOnce, VALUE } from './compiled-once.js'
import {
  fromDbCount,
  fromDbTime,
  fromNullableDbTime,
  toDbTime,
  type DialectName,
} from './dialect.js'
import type { Database } from './schema.js'

const COLUMNS = [
  't.id',
  't.slug',
  't.title',
  't.description',
  't.created_at',
  't.updated_at',
] as const

interface ThreadRow {
  id: string
  slug: string
  title: string
  description: string
  created_at: Date | string
  updated_at: Date | string
}

function toThread(row: ThreadRow): StoryThread {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
  }
}

/** Rows per INSERT when a thread's articles are written: well under either database's parameter limit. */
const INSERT_CHUNK = 200

const threadOfArticle = compiledOnce((db) =>
  db
    .selectFrom('threads as t')
    .select(COLUMNS)
    .innerJoin('thread_articles as ta', 'ta.thread_id', 't.id')
    .where('ta.article_id', '=', VALUE),
)

export function createThreadStore(db: Kysely<Database>, dialect: DialectName): ThreadStore {
  const threads = () => db.selectFrom('threads as t').select(COLUMNS)

  return {
    async list() {
      const rows = await threads()
        .select((eb) =>
          eb
            .selectFrom('thread_articles as ta')
            .whereRef('ta.thread_id', '=', 't.id')
            .select((inner) => inner.fn.countAll<number | string>().as('n'))
            .as('article_count'),
        )
        .orderBy('t.updated_at', 'desc')
        .orderBy('t.id', 'desc')
        .execute()
      return rows.map((row) => ({
        ...toThread(row),
        articleCount: fromDbCount(row.article_count ?? 0),
      }))
    },

    async findBySlug(slug) {
      const row = await threads().where('t.slug', '=', slug).executeTakeFirst()
      return row && toThread(row)
    },

    async insert(thread) {
      await db
        .insertInto('threads')
        .values({
          id: thread.id,
          slug: thread.slug,
          title: thread.title,
          description: thread.description,
          created_at: toDbTime(thread.createdAt),
          updated_at: toDbTime(thread.updatedAt),
          created_by: thread.createdBy,
        })
        .execute()
    },

    async update(id, { title, description, updatedAt }) {
      await db
        .updateTable('threads')
        .set({ title, description, updated_at: toDbTime(updatedAt) })
        .where('id', '=', id)
        .execute()
    },

    async delete(id) {
      await db.deleteFrom('threads').where('id', '=', id).execute()
    },

    async articleIds(threadId) {
      const rows = await db
        .selectFrom('thread_articles')
        .select('article_id')
        .where('thread_id', '=', threadId)
        .orderBy('position')
        .execute()
      return rows.map((row) => row.article_id)
    },

    async setArticleIds(threadId, articleIds) {
      await db.deleteFrom('thread_articles').where('thread_id', '=', threadId).execute()
      for (let start = 0; start < articleIds.length; start += INSERT_CHUNK) {
        await db
          .insertInto('thread_articles')
          .values(
            articleIds.slice(start, start + INSERT_CHUNK).map((article_id, offset) => ({
              thread_id: threadId,
              article_id,
              position: start + offset,
            })),
          )
          .execute()
      }
    },

    async members(threadId) {
      const rows = await db
        .selectFrom('thread_articles as ta')
        .innerJoin('articles as a', 'a.id', 'ta.article_id')
        .select(['a.id', 'a.headline', 'a.status', 'a.published_at'])
        .where('ta.thread_id', '=', threadId)
        .orderBy('ta.position')
        .execute()
      return rows.map((row) => ({
        id: row.id,
        headline: row.headline,
        status: row.status,
        publishedAt: fromNullableDbTime(row.published_at),
      }))
    },

    async publishedArticleIds(threadId) {
      const rows = await db
        .selectFrom('thread_articles as ta')
        .innerJoin('articles as a', 'a.id', 'ta.article_id')
        .select('a.id')
        .where('ta.thread_id', '=', threadId)
        .where('a.status', '=', 'published')
        .orderBy('ta.position')
        .execute()
      return rows.map((row) => row.id)
    },

    async findByArticle(articleId) {
      const [row] = await threadOfArticle(db, dialect, articleId)
      return row && toThread(row)
    },

    async findByArticles(articleIds) {
      const found = new Map<string, StoryThread>()
      if (articleIds.length === 0) return found
      const rows = await threads()
        .innerJoin('thread_articles as ta', 'ta.thread_id', 't.id')
        .select('ta.article_id')
        .where('ta.article_id', 'in', articleIds)
        .execute()
      for (const row of rows) found.set(row.article_id, toThread(row))
      return found
    },
  }
}
