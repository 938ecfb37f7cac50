// The Content API's reads. Articles are paged by key, (published_at, id)
// descending, on the (status, published_at, id) index, so a page deep in the
// archive costs what the first does and a story published meanwhile never
// shifts the pages a client is walking through.
import { sql, type Kysely } from 'kysely'
import type { ArticleKey, ContentApiReads, ContentFilter } from '../domain/api/content-api-store.js'
import { fromDbTime, toDbTime, type DialectName } from './dialect.js'
import type { Database } from './schema.js'
import { matchingArticleIds } from './search-dialect.js'

export function createContentApiReads(db: Kysely<Database>, dialect: DialectName): ContentApiReads {
  /** Whether an article with this id is published: tags, authors and threads must have one. */
  const hasPublished = (column: 'aa.article_id' | 'at.article_id' | 'ta.article_id') =>
    sql<boolean>`exists (select 1 from articles a where a.id = ${sql.ref(column)} and a.status = 'published')`

  return {
    async articleKeys(filter: ContentFilter, after: ArticleKey | undefined, limit: number) {
      let query = db
        .selectFrom('articles as a')
        .select(['a.id', 'a.published_at', 'a.version'])
        .where('a.status', '=', 'published')
        .where('a.published_at', 'is not', null)
      if (filter.sectionId !== undefined) query = query.where('a.section_id', '=', filter.sectionId)
      const { authorId, tagId, threadId } = filter
      if (authorId !== undefined) {
        query = query.where('a.id', 'in', (sub) =>
          sub.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId),
        )
      }
      if (tagId !== undefined) {
        query = query.where('a.id', 'in', (sub) =>
          sub.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId),
        )
      }
      if (threadId !== undefined) {
        query = query.where('a.id', 'in', (sub) =>
          sub.selectFrom('thread_articles').select('article_id').where('thread_id', '=', threadId),
        )
      }
      if (filter.since !== undefined) {
        query = query.where('a.published_at', '>=', toDbTime(filter.since))
      }
      if (filter.until !== undefined) {
        query = query.where('a.published_at', '<', toDbTime(filter.until))
      }
      if (filter.query !== undefined) {
        const matching = matchingArticleIds(dialect, filter.query)
        if (matching === undefined) return []
        query = query.where(sql<boolean>`a.id in (${matching})`)
      }
      if (after !== undefined) {
        const time = toDbTime(after.publishedAt)
        query = query.where((eb) =>
          eb.or([
            eb('a.published_at', '<', time),
            eb.and([eb('a.published_at', '=', time), eb('a.id', '<', after.id)]),
          ]),
        )
      }
      const rows = await query
        .orderBy('a.published_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(limit)
        .execute()
      return rows.flatMap((row) =>
        row.published_at === null
          ? []
          : { id: row.id, publishedAt: fromDbTime(row.published_at), version: row.version },
      )
    },

    async authorSlugs(after, limit) {
      let query = db
        .selectFrom('authors as au')
        .select('au.slug')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('article_authors as aa')
              .select('aa.article_id')
              .whereRef('aa.author_id', '=', 'au.id')
              .where(hasPublished('aa.article_id')),
          ),
        )
      if (after !== undefined) query = query.where('au.slug', '>', after)
      const rows = await query.orderBy('au.slug').limit(limit).execute()
      return rows.map((row) => row.slug)
    },

    async tags(after, limit) {
      let query = db
        .selectFrom('tags as t')
        .select(['t.id', 't.slug', 't.name'])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('article_tags as at')
              .select('at.article_id')
              .whereRef('at.tag_id', '=', 't.id')
              .where(hasPublished('at.article_id')),
          ),
        )
      if (after !== undefined) query = query.where('t.slug', '>', after)
      return query.orderBy('t.slug').limit(limit).execute()
    },

    async threads(after, limit) {
      let query = db
        .selectFrom('threads as th')
        .select([
          'th.id',
          'th.slug',
          'th.title',
          'th.description',
          'th.created_at',
          'th.updated_at',
        ])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('thread_articles as ta')
              .select('ta.article_id')
              .whereRef('ta.thread_id', '=', 'th.id')
              .where(hasPublished('ta.article_id')),
          ),
        )
      if (after !== undefined) query = query.where('th.slug', '>', after)
      const rows = await query.orderBy('th.slug').limit(limit).execute()
      return rows.map((row) => ({
        id: row.id,
        slug: row.slug,
        title: row.title,
        description: row.description,
        createdAt: fromDbTime(row.created_at),
        updatedAt: fromDbTime(row.updated_at),
      }))
    },

    async reserveRequests({ networkHash, window, count, limit }) {
      if (count < 1 || count > limit) return false
      const row = await withoutWaitingForDisk(db, dialect, (db) =>
        db
          .insertInto('api_rate_windows')
          .values({ network_hash: networkHash, window_number: window, requests: count })
          .onConflict((oc) =>
            oc
              .columns(['network_hash', 'window_number'])
              .doUpdateSet((eb) => ({ requests: eb('api_rate_windows.requests', '+', count) }))
              .where('api_rate_windows.requests', '<=', limit - count),
          )
          .returning('requests')
          .executeTakeFirst(),
      )
      // No row: the block would pass the limit, and nothing was counted.
      return row !== undefined
    },

    async forgetWindowsBefore(window) {
      await db.deleteFrom('api_rate_windows').where('window_number', '<', window).execute()
    },
  }
}

/**
 * Runs a write that need not survive a crash (a count of requests) without
 * waiting for the disk. On SQLite every commit is otherwise synced, and the
 * sync blocks the event loop: an API read would wait on it. In WAL mode a
 * commit made under synchronous=NORMAL may be lost in a power cut but never
 * corrupts the database, and the next synced commit carries it to disk. The
 * connection is held throughout, so no other statement runs in between, and
 * FULL is put back whatever happens. PostgreSQL waits off the event loop.
 */
async function withoutWaitingForDisk<T>(
  db: Kysely<Database>,
  dialect: DialectName,
  write: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialect !== 'sqlite') return write(db)
  return db.connection().execute(async (connection) => {
    await sql`pragma synchronous = normal`.execute(connection)
    try {
      return await write(connection)
    } finally {
      await sql`pragma synchronous = full`.execute(connection)
    }
  })
}
