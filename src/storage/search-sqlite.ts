// Search on SQLite (search-dialect.ts has the shared rules): an external-content
// FTS5 table over article_search. Its rowid is the search row's doc_id, given
// in the order rows are written, so the newest-first walk of a term's matches
// is FTS5's own descending rowid order: finding the newest N reads N entries.
// A query of two-word phrases is answered by article_search_pairs instead.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { PageRequest } from '../domain/articles/article-store.js'
import type { SearchQuery } from '../domain/search/search-query.js'
import { MATCH_END, MATCH_START } from '../text/search-snippet.js'
import type { Database } from './schema.js'
import { PAIR_JOINER, stemsOf } from './sqlite-word-pairs.js'
import {
  bindable,
  inOrderOf,
  NO_MATCHES,
  windowedMatches,
  termTexts,
  type MarkedMatch,
  type SearchDialect,
} from './search-common.js'

// Column weights: a match in the headline counts most, then standfirst, bylines and tags, body.
const WEIGHTS = { headline: 10, standfirst: 4, body: 1, bylines: 3, tags: 3 }

/** An FTS5 string: the tokenizer reads what is inside; `""` is the only escape. */
const ftsString = (text: string): string => `"${text.replaceAll('"', '""')}"`

/** `("a" "b c")`: every included term, as FTS5 strings; undefined when none is left. */
function includeExpression(query: SearchQuery): string | undefined {
  const include = termTexts(query.include)
  return include.length === 0 ? undefined : `(${include.map(ftsString).join(' ')})`
}

/** `("a" "b c") NOT "d"`, every term an FTS5 string; undefined when nothing is left to find. */
function matchExpression(query: SearchQuery): string | undefined {
  const include = includeExpression(query)
  if (include === undefined) return undefined
  return [include, ...termTexts(query.exclude).map(ftsString)].join(' NOT ')
}

/**
 * A rowid bound as an integer. A JavaScript number is bound as a real, and
 * FTS5 uses a rowid bound only when it is an integer: given a real, it reads
 * every match and SQLite filters them afterwards.
 */
const rowid = (doc: number) => sql`cast(${doc} as integer)`

/** An FTS5 table of the search index and a query on it: all its terms, and the included ones. */
interface Lookup {
  table: 'article_search_fts' | 'article_search_pairs'
  match: string
  include: string
}

export const sqliteSearch: SearchDialect = {
  async matches(db, query, ranked) {
    const match = matchExpression(query)
    if (match === undefined) return NO_MATCHES
    const pairs = pairsExpression(query)
    const lookup: Lookup = pairs
      ? { table: 'article_search_pairs', match: pairs, include: pairs }
      : { table: 'article_search_fts', match, include: includeExpression(query) ?? '' }
    return windowedMatches<number, number>(ranked, {
      newest: (count) => matchesBefore(db, lookup, undefined, { limit: count, offset: 0 }),
      positionOf: (doc) => doc,
      span: () => docSpan(db),
      bestFirst: async (window, all) =>
        pairs
          ? // bm25 needs the words' positions: the few matches are ranked as the newest are.
            (await rankNewest(db, query, lookup, all)).slice(
              window.offset,
              window.offset + window.limit,
            )
          : bestFirst(db, query, match, window),
      rank: (docs) => rankNewest(db, query, lookup, docs),
      older: (oldest, window) => matchesBefore(db, lookup, oldest, window),
      mark: (docs) => marked(db, match, docs),
    })
  },
}

/**
 * A query made only of two-word phrases ("sea wall", or "sea-wall"), as an
 * FTS5 expression on article_search_pairs, where each such phrase is one
 * token: the pair of its stems, side by side in some field. That answers it
 * exactly, by lookup; article_search_fts would read both words' positions in
 * every document holding both (about 100 ms at a million articles for two
 * common words). Undefined for any other query.
 */
function pairsExpression(query: SearchQuery): string | undefined {
  const include = termTexts(query.include)
  if (include.length === 0 || termTexts(query.exclude).length > 0) return undefined
  const pairs: string[] = []
  for (const text of include) {
    const stems = stemsOf(text)
    if (stems.length !== 2) return undefined
    pairs.push(stems.join(PAIR_JOINER))
  }
  return `(${pairs.map(ftsString).join(' ')})`
}

/** All matches ranked (there are few): an exact headline first, then bm25, then the newest. */
async function bestFirst(
  db: Kysely<Database>,
  query: SearchQuery,
  match: string,
  { limit, offset }: PageRequest,
): Promise<number[]> {
  const { headline, standfirst, body, bylines, tags } = WEIGHTS
  const { rows } = await sql<{ doc_id: number }>`
    select s.doc_id
    from article_search_fts f
    join article_search s on s.doc_id = f.rowid
    where article_search_fts match ${match}
    order by s.headline_key = ${bindable(query.exact)} desc,
      bm25(article_search_fts, ${headline}, ${standfirst}, ${body}, ${bylines}, ${tags}),
      s.published_at desc, s.article_id desc
    limit ${limit} offset ${offset}`.execute(db)
  return rows.map((row) => Number(row.doc_id))
}

/**
 * The newest matches, best first. bm25 would read every match to weigh each
 * term (its IDF), so these are ranked by where the terms are: an exact
 * headline, then the columns' weights summed (headline, standfirst, bylines
 * and tags; every match is somewhere), then the newest. Each column is asked
 * for only among these documents (rowid from the oldest of them up).
 */
async function rankNewest(
  db: Kysely<Database>,
  query: SearchQuery,
  { table, match, include }: Lookup,
  docs: readonly number[],
): Promise<number[]> {
  const low = docs.at(-1) ?? 0
  const inColumns = async (columns: string): Promise<Set<number>> => {
    const { rows } = await sql<{ doc_id: number }>`
      select rowid as doc_id from ${sql.table(table)}
      where ${sql.table(table)} match ${`(${match}) AND {${columns}} : ${include}`}
        and rowid >= ${rowid(low)}`.execute(db)
    return new Set(rows.map((row) => Number(row.doc_id)))
  }
  const inHeadline = await inColumns('headline')
  const inStandfirst = await inColumns('standfirst')
  const inNames = await inColumns('bylines tags')
  const exact = await exactHeadlines(db, query, [...inHeadline])
  const score = (doc: number) =>
    (inHeadline.has(doc) ? WEIGHTS.headline : 0) +
    (inStandfirst.has(doc) ? WEIGHTS.standfirst : 0) +
    (inNames.has(doc) ? WEIGHTS.bylines : 0)
  return docs
    .map((doc, newness) => ({ doc, newness, exact: exact.has(doc), score: score(doc) }))
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score || a.newness - b.newness)
    .map((entry) => entry.doc)
}

/** Which of these documents have the headline typed word for word. */
async function exactHeadlines(
  db: Kysely<Database>,
  query: SearchQuery,
  docs: readonly number[],
): Promise<Set<number>> {
  if (docs.length === 0) return new Set()
  const { rows } = await sql<{ doc_id: number }>`
    select doc_id from article_search
    where doc_id in (${sql.join(docs)}) and headline_key = ${bindable(query.exact)}`.execute(db)
  return new Set(rows.map((row) => Number(row.doc_id)))
}

/** Matches older than `below` (every match when undefined), newest first. */
async function matchesBefore(
  db: Kysely<Database>,
  { table, match }: Lookup,
  below: number | undefined,
  { limit, offset }: PageRequest,
): Promise<number[]> {
  const { rows } = await sql<{ doc_id: number }>`
    select rowid as doc_id from ${sql.table(table)}
    where ${sql.table(table)} match ${match}
      ${below === undefined ? sql`` : sql`and rowid < ${rowid(below)}`}
    order by rowid desc limit ${limit} offset ${offset}`.execute(db)
  return rows.map((row) => Number(row.doc_id))
}

/** The first and last document numbers (each one step down the table's b-tree). */
async function docSpan(db: Kysely<Database>): Promise<{ first: number; last: number }> {
  const { rows } = await sql<{ first: number; last: number }>`
    select (select min(doc_id) from article_search) as first,
      (select max(doc_id) from article_search) as last`.execute(db)
  return { first: Number(rows[0]?.first ?? 0), last: Number(rows[0]?.last ?? 0) }
}

/** These documents' marked text, in this order; each one found by its rowid. */
async function marked(
  db: Kysely<Database>,
  match: string,
  docs: readonly number[],
): Promise<MarkedMatch[]> {
  if (docs.length === 0) return []
  const { rows } = await sql<{
    doc_id: number
    article_id: string
    headline: string
    standfirst: string
    body: string
  }>`
    select f.rowid as doc_id, s.article_id,
      highlight(article_search_fts, 0, ${MATCH_START}, ${MATCH_END}) as headline,
      highlight(article_search_fts, 1, ${MATCH_START}, ${MATCH_END}) as standfirst,
      snippet(article_search_fts, 2, ${MATCH_START}, ${MATCH_END}, '…', 30) as body
    from article_search_fts f
    cross join article_search s on s.doc_id = f.rowid
    where article_search_fts match ${match}
      and f.rowid in (${sql.join(docs.map(rowid))})`.execute(db)
  return inOrderOf(docs, rows, (row) => Number(row.doc_id)).map((row) => ({
    articleId: row.article_id,
    headline: row.headline,
    standfirst: row.standfirst,
    body: row.body,
    // FTS5 writes its own ellipses.
    bodyEdges: { starts: true, ends: true },
  }))
}

/** The ids of the published articles that match, as a subquery; undefined when nothing is left. */
export function sqliteMatchingIds(query: SearchQuery): RawBuilder<unknown> | undefined {
  const match = matchExpression(query)
  return match === undefined
    ? undefined
    : sql`select s.article_id from article_search_fts f
      join article_search s on s.doc_id = f.rowid
      where article_search_fts match ${match}`
}
