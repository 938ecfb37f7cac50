// The one place where search differs between the databases: how a structured
// query becomes FTS5 MATCH syntax or a tsquery, how matches are ranked, and
// how matched words are marked. Terms always reach the database as bound
// parameters: quoted as FTS5 strings, or through phraseto_tsquery, which reads
// no operators. Nothing a reader typed is ever parsed as query syntax.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { PageRequest } from '../domain/articles/article-store.js'
import type { SearchQuery } from '../domain/search/search-query.js'
import { controlsAsSpaces } from '../text/control-characters.js'
import { MATCH_END, MATCH_START } from '../text/search-snippet.js'
import type { DialectName } from './dialect.js'
import type { Database } from './schema.js'

/** Marked text of one match, to be cut into parts by text/search-snippet.ts. */
export interface MarkedMatch {
  articleId: string
  headline: string
  standfirst: string
  /** A passage of the body around the matches (or its start when none is in the body). */
  body: string
  /** Whether `body` starts where the body starts, and ends where it ends (no ellipsis wanted). */
  bodyEdges: { starts: boolean; ends: boolean }
}

export interface SearchDialect {
  count(db: Kysely<Database>, query: SearchQuery): Promise<number>
  /** One page of matching published articles, best first, newest first among equals. */
  page(db: Kysely<Database>, query: SearchQuery, page: PageRequest): Promise<MarkedMatch[]>
}

/** Text as storage sends it: no control characters (PostgreSQL refuses NUL outright). */
function bindable(text: string): string {
  return controlsAsSpaces(text).trim()
}

/** The words of each term, as storage will send them: never empty. */
function termTexts(terms: SearchQuery['include']): string[] {
  return terms.flatMap((term) => {
    const text = bindable(term.text)
    return text === '' ? [] : [text]
  })
}

// Column weights: a match in the headline counts most, then standfirst, bylines and tags, body.
const WEIGHTS = { headline: 10, standfirst: 4, body: 1, bylines: 3, tags: 3 }

/** An FTS5 string: the tokenizer reads what is inside; `""` is the only escape. */
const ftsString = (text: string): string => `"${text.replaceAll('"', '""')}"`

/** SQLite: an FTS5 table over article_search, ranked by bm25 with column weights. */
const sqlite: SearchDialect = {
  async count(db, query) {
    const match = matchExpression(query)
    if (match === undefined) return 0
    const { rows } = await sql<{ count: number }>`
      select count(*) as count
      from article_search_fts
      where article_search_fts match ${match}`.execute(db)
    return Number(rows[0]?.count ?? 0)
  },

  async page(db, query, { limit, offset }) {
    const match = matchExpression(query)
    if (match === undefined) return []
    const { headline, standfirst, body, bylines, tags } = WEIGHTS
    const { rows: ranked } = await sql<{ doc_id: number; article_id: string }>`
      select s.doc_id, s.article_id
      from article_search_fts f
      join article_search s on s.doc_id = f.rowid
      where article_search_fts match ${match}
      order by s.headline_key = ${bindable(query.exact)} desc,
        bm25(article_search_fts, ${headline}, ${standfirst}, ${body}, ${bylines}, ${tags}),
        s.published_at desc, s.article_id desc
      limit ${limit} offset ${offset}`.execute(db)
    if (ranked.length === 0) return []
    // Snippets for this page only: the auxiliary functions need the MATCH, so it runs again.
    const { rows } = await sql<{
      doc_id: number
      headline: string
      standfirst: string
      body: string
    }>`
      select rowid as doc_id,
        highlight(article_search_fts, 0, ${MATCH_START}, ${MATCH_END}) as headline,
        highlight(article_search_fts, 1, ${MATCH_START}, ${MATCH_END}) as standfirst,
        snippet(article_search_fts, 2, ${MATCH_START}, ${MATCH_END}, '…', 30) as body
      from article_search_fts
      where article_search_fts match ${match}
        and rowid in (${sql.join(ranked.map((row) => row.doc_id))})`.execute(db)
    const byDoc = new Map(rows.map((row) => [Number(row.doc_id), row]))
    return ranked.flatMap(({ doc_id, article_id }) => {
      const row = byDoc.get(Number(doc_id))
      if (!row) return []
      return {
        articleId: article_id,
        headline: row.headline,
        standfirst: row.standfirst,
        body: row.body,
        // FTS5 writes its own ellipses.
        bodyEdges: { starts: true, ends: true },
      }
    })
  },
}

/** `("a" "b c") NOT "d"`, every term an FTS5 string; undefined when nothing is left to find. */
function matchExpression(query: SearchQuery): string | undefined {
  const include = termTexts(query.include)
  if (include.length === 0) return undefined
  const exclude = termTexts(query.exclude)
  return [`(${include.map(ftsString).join(' ')})`, ...exclude.map(ftsString)].join(' NOT ')
}

/** ts_rank_cd weights for D (body), C (bylines, tags), B (standfirst), A (headline). */
const RANK_WEIGHTS = sql.raw("'{0.1, 0.3, 0.4, 1.0}'::float4[]")
const HIGHLIGHT_ALL = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true`
const PASSAGE = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxFragments=2, MaxWords=18, MinWords=8, FragmentDelimiter=" … "`

/** PostgreSQL: a weighted, generated tsvector with a GIN index, ranked by ts_rank_cd. */
const postgres: SearchDialect = {
  async count(db, query) {
    const tsquery = tsqueryOf(query)
    if (tsquery === undefined) return 0
    const { rows } = await sql<{ count: string | number }>`
      select count(*) as count
      from article_search s
      where s.document @@ ${tsquery}`.execute(db)
    return Number(rows[0]?.count ?? 0)
  },

  async page(db, query, { limit, offset }) {
    const tsquery = tsqueryOf(query)
    if (tsquery === undefined) return []
    const { rows } = await sql<{
      article_id: string
      headline: string
      standfirst: string
      body: string
      body_head: string
      body_tail: string
    }>`
      with q as (select ${tsquery} as query),
      ranked as (
        select s.article_id, s.headline_key = ${bindable(query.exact)} as exact,
          ts_rank_cd(${RANK_WEIGHTS}, s.document, q.query) as rank, s.published_at
        from article_search s
        cross join q
        where s.document @@ q.query
        order by exact desc, rank desc, s.published_at desc, s.article_id desc
        limit ${limit} offset ${offset}
      )
      select r.article_id,
        ts_headline('english'::regconfig, s.headline, q.query, ${HIGHLIGHT_ALL}) as headline,
        ts_headline('english'::regconfig, s.standfirst, q.query, ${HIGHLIGHT_ALL}) as standfirst,
        ts_headline('english'::regconfig, s.body, q.query, ${PASSAGE}) as body,
        left(s.body, ${EDGE}) as body_head, right(s.body, ${EDGE}) as body_tail
      from ranked r
      join article_search s on s.article_id = r.article_id
      cross join q
      order by r.exact desc, r.rank desc, r.published_at desc, r.article_id desc`.execute(db)
    return rows.map((row) => ({
      articleId: row.article_id,
      headline: row.headline,
      standfirst: row.standfirst,
      body: row.body,
      bodyEdges: edgesOf(row.body, row.body_head, row.body_tail),
    }))
  },
}

/** Characters compared at each end of a body. */
const EDGE = 60

/**
 * Whether a passage ts_headline cut from a body begins at the body's start and
 * stops at its end. It drops punctuation at a cut, so only words are compared.
 */
function edgesOf(passage: string, head: string, tail: string): { starts: boolean; ends: boolean } {
  const words = (text: string) =>
    text
      .replaceAll(MATCH_START, '')
      .replaceAll(MATCH_END, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  const plain = words(passage)
  const probe = Math.min(plain.length, 24)
  return {
    starts: words(head).startsWith(plain.slice(0, probe)),
    ends: words(tail).endsWith(plain.slice(plain.length - probe)),
  }
}

/** Every included term, and no excluded one; undefined when nothing is left to find. */
function tsqueryOf(query: SearchQuery): RawBuilder<unknown> | undefined {
  const include = termTexts(query.include)
  if (include.length === 0) return undefined
  const exclude = termTexts(query.exclude)
  const terms = sql.join(
    [
      ...include.map((text) => sql`phraseto_tsquery('english'::regconfig, ${text})`),
      ...exclude.map((text) => sql`(!! phraseto_tsquery('english'::regconfig, ${text}))`),
    ],
    sql` && `,
  )
  return sql`(${terms})`
}

export function searchDialect(dialect: DialectName): SearchDialect {
  return dialect === 'postgres' ? postgres : sqlite
}

/**
 * A subquery of the ids of published articles that match, for a filter in
 * another query (the Content API's `query`); undefined when nothing is left to find.
 */
export function matchingArticleIds(
  dialect: DialectName,
  query: SearchQuery,
): RawBuilder<unknown> | undefined {
  if (dialect === 'postgres') {
    const tsquery = tsqueryOf(query)
    return tsquery && sql`select s.article_id from article_search s where s.document @@ ${tsquery}`
  }
  const match = matchExpression(query)
  return match === undefined
    ? undefined
    : sql`select s.article_id from article_search_fts f
      join article_search s on s.doc_id = f.rowid
      where article_search_fts match ${match}`
}
