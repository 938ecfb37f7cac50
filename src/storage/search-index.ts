import type { Kysely } from 'kysely'
import type { ArticleRecord } from '../domain/articles/article-store.js'
import { isSearchable, searchDocumentOf } from '../domain/search/search-document.js'
import { toDbTime } from './dialect.js'
import type { Database } from './schema.js'

/**
 * Brings an article's row in the search index in step with the record just
 * written: the current text of a published article, no row for any other.
 * ArticleStore calls it on the same connection (so in the same transaction)
 * as the write itself; the databases' own machinery (FTS5 triggers, a
 * generated tsvector) updates the index from the row.
 */
export async function syncSearchDocument(
  db: Kysely<Database>,
  record: ArticleRecord,
): Promise<void> {
  if (!isSearchable(record.status)) {
    await removeSearchDocument(db, record.id)
    return
  }
  const [authors, tags] = await Promise.all([
    namesById(db, 'authors', record.authorIds),
    namesById(db, 'tags', record.tagIds),
  ])
  const { headlineKey, ...document } = searchDocumentOf(
    record,
    record.authorIds.flatMap((id) => authors.get(id) ?? []),
    record.tagIds.flatMap((id) => tags.get(id) ?? []),
  )
  const row = {
    ...document,
    headline_key: headlineKey,
    published_at: toDbTime(record.publishedAt ?? record.updatedAt),
  }
  await db
    .insertInto('article_search')
    .values({ article_id: record.id, ...row })
    .onConflict((conflict) => conflict.column('article_id').doUpdateSet(row))
    .execute()
}

export async function removeSearchDocument(db: Kysely<Database>, articleId: string): Promise<void> {
  await db.deleteFrom('article_search').where('article_id', '=', articleId).execute()
}

async function namesById(
  db: Kysely<Database>,
  table: 'authors' | 'tags',
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}
