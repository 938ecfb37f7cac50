import type { Kysely } from 'kysely'
import type { ArticleRecord, KnownRelations } from '../domain/articles/article-store.js'
import { isSearchable, searchDocumentOf } from '../domain/search/search-document.js'
import { searchableText } from '../text/search-snippet.js'
import { toDbTime } from './dialect.js'
import type { ArticleSearchTable, Database } from './schema.js'

type SearchRow = ArticleSearchTable

/**
 * Where an article write puts its search row. Immediate: the row is written
 * at once. A batch of imports defers them (createDeferredSearchWriter): the
 * rows wait in memory, keyed by article, and go in with a few multi-row
 * statements just before the batch commits, in the same transaction, so the
 * full-text index takes them as one run instead of one flush per story.
 */
export interface SearchWriter {
  put(row: SearchRow): Promise<void>
  remove(articleId: string): Promise<void>
}

export function immediateSearchWriter(db: Kysely<Database>): SearchWriter {
  return {
    async put(row) {
      const { article_id: _id, ...changes } = row
      await db
        .insertInto('article_search')
        .values(row)
        .onConflict((conflict) => conflict.column('article_id').doUpdateSet(changes))
        .execute()
    },
    remove: (articleId) => removeSearchDocument(db, articleId),
  }
}

/**
 * Brings an article's row in the search index in step with the record just
 * written: the current text of a published article, no row for any other.
 * ArticleStore calls it on the same connection (so in the same transaction)
 * as the write itself; the databases' own machinery (FTS5 triggers, a
 * generated tsvector) updates the index from the row.
 */
export async function syncSearchDocument(
  db: Kysely<Database>,
  writer: SearchWriter,
  record: ArticleRecord,
  names?: KnownRelations['names'],
): Promise<void> {
  if (!isSearchable(record)) {
    await writer.remove(record.id)
    return
  }
  const { bylines, tags } = names ?? (await namesOf(db, record))
  const { headlineKey, ...document } = searchDocumentOf(record, bylines, tags)
  await writer.put({
    article_id: record.id,
    ...document,
    headline_key: headlineKey,
    published_at: toDbTime(record.publishedAt),
  })
}

export async function removeSearchDocument(db: Kysely<Database>, articleId: string): Promise<void> {
  await db.deleteFrom('article_search').where('article_id', '=', articleId).execute()
}

/** The byline and tag names of a record, in its order, when the writer did not pass them. */
async function namesOf(
  db: Kysely<Database>,
  record: ArticleRecord,
): Promise<{ bylines: string[]; tags: string[] }> {
  const [authors, tags] = await Promise.all([
    namesById(db, 'authors', record.authorIds),
    namesById(db, 'tags', record.tagIds),
  ])
  return {
    bylines: record.authorIds.flatMap((id) => authors.get(id) ?? []),
    tags: record.tagIds.flatMap((id) => tags.get(id) ?? []),
  }
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

/**
 * The byline text of these articles' index rows, from their authors' names
 * now (an author renamed or merged). Articles not in the index are skipped.
 */
export async function refreshSearchBylines(
  db: Kysely<Database>,
  articleIds: readonly string[],
): Promise<void> {
  if (articleIds.length === 0) return
  const rows = await db
    .selectFrom('article_authors as aa')
    .innerJoin('authors as au', 'au.id', 'aa.author_id')
    .innerJoin('article_search as s', 's.article_id', 'aa.article_id')
    .select(['aa.article_id', 'au.name'])
    .where('aa.article_id', 'in', articleIds)
    .orderBy('aa.article_id')
    .orderBy('aa.position')
    .execute()
  const names = new Map<string, string[]>()
  for (const row of rows) {
    names.set(row.article_id, [...(names.get(row.article_id) ?? []), row.name])
  }
  for (const [articleId, bylines] of names) {
    await db
      .updateTable('article_search')
      .set({ bylines: searchableText(bylines.join(', ')) })
      .where('article_id', '=', articleId)
      .execute()
  }
}

/** After a tag is renamed: the tag names of these articles' search documents, in their order. */
export async function refreshSearchTags(
  db: Kysely<Database>,
  articleIds: readonly string[],
): Promise<void> {
  if (articleIds.length === 0) return
  const rows = await db
    .selectFrom('article_tags as at')
    .innerJoin('tags as t', 't.id', 'at.tag_id')
    .innerJoin('article_search as s', 's.article_id', 'at.article_id')
    .select(['at.article_id', 't.name'])
    .where('at.article_id', 'in', articleIds)
    .orderBy('at.article_id')
    .orderBy('at.position')
    .execute()
  const names = new Map<string, string[]>()
  for (const row of rows) {
    names.set(row.article_id, [...(names.get(row.article_id) ?? []), row.name])
  }
  for (const [articleId, tags] of names) {
    await db
      .updateTable('article_search')
      .set({ tags: searchableText(tags.join(', ')) })
      .where('article_id', '=', articleId)
      .execute()
  }
}
