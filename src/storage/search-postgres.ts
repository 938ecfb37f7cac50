// Search on PostgreSQL (search-dialect.ts has the shared rules): a weighted,
// generated tsvector with a GIN index, ranked by ts_rank_cd. The newest
// matches come from article_search(published_at, article_id) walked
// backwards, each row checked against the query, or, for a rarer query, from
// the GIN index; the planner picks by the query's words' statistics, and
// either way stops at the ranked number plus one. A phrase is found by its
// pairs of adjacent words first (the article_search_word_pairs index).
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { PageRequest } from '../domain/articles/article-store.js'
import type { SearchQuery } from '../domain/search/search-query.js'
import { MATCH_END, MATCH_START } from '../text/search-snippet.js'
import { fromDbTime } from './dialect.js'
import type { Database } from './schema.js'
import {
  bindable,
  inOrderOf,
  NO_MATCHES,
  windowedMatches,
  termTexts,
  type MarkedMatch,
  type SearchDialect,
} from './search-common.js'

/** ts_rank_cd weights for D (body), C (bylines, tags), B (standfirst), A (headline). */
const RANK_WEIGHTS = sql.raw("'{0.1, 0.3, 0.4, 1.0}'::float4[]")
const HIGHLIGHT_ALL = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true`
const PASSAGE = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxFragments=2, MaxWords=18, MinWords=8, FragmentDelimiter=" … "`

type TsQuery = RawBuilder<unknown>

export const postgresSearch: SearchDialect = {
  async matches(db, query, ranked) {
    const tsquery = tsqueryOf(query)
    if (tsquery === undefined) return NO_MATCHES
    const pairs = await phrasePairs(db, query)
    const where = matchTest(tsquery, pairs)
    // A phrase stays off the time index: walked back, each row's pairs would be made again.
    const offTimeIndex = pairs.length > 0 || hasPhrase(query)
    return windowedMatches<NewestMatch, string>(ranked, {
      async newest(count) {
        // Ranked as they are found: the walk has each document at hand, where ranking them
        // afterwards read all of them again by id (3 of 17 ms for a common word at 10,000 stories).
        const { rows } = await sql<NewestMatch>`
          select s.article_id, (extract(epoch from s.published_at) * 1000)::float8 as published_ms,
            s.headline_key = q.exact as exact,
            ts_rank_cd(${RANK_WEIGHTS}, s.document, q.query) as rank
          from article_search s
          cross join (select ${tsquery} as query, ${bindable(query.exact)}::text as exact) q
          where ${where}
          order by ${offTimeIndex ? sql`s.published_at + interval '0 seconds'` : sql`s.published_at`} desc,
            s.article_id desc
          limit ${count}`.execute(db)
        return rows
      },
      positionOf: (row) => row.published_ms,
      span: () => timeSpan(db),
      bestFirst: async ({ limit, offset }, all) => bestFirst(all).slice(offset, offset + limit),
      rank: async (newest) => bestFirst(newest),
      older: (oldest, window) => olderMatches(db, where, oldest, window),
      mark: (ids) => marked(db, tsquery, termTexts(query.include), ids),
    })
  },
}

/** One of the newest matches, with what ranks it. */
interface NewestMatch {
  article_id: string
  /** Milliseconds since the epoch: a number, not a Date parsed for each of some three hundred rows. */
  published_ms: number
  /** Whether its headline is the query, word for word. */
  exact: boolean
  /** ts_rank_cd, weighted by column. */
  rank: number
}

/** The ids of these matches ranked: an exact headline first, then rank, then the newest. */
function bestFirst(matches: readonly NewestMatch[]): string[] {
  return [...matches]
    .sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) ||
        b.rank - a.rank ||
        b.published_ms - a.published_ms ||
        (a.article_id < b.article_id ? 1 : a.article_id > b.article_id ? -1 : 0),
    )
    .map((match) => match.article_id)
}

/**
 * The pairs of adjacent lexemes the query's terms hold ("sea wall" has one),
 * parsed as phraseto_tsquery parses them, so every story a phrase matches
 * has them all in its document; none for single words.
 */
async function phrasePairs(db: Kysely<Database>, query: SearchQuery): Promise<string[]> {
  const terms = termTexts(query.include).filter((text) => /[^\p{L}\p{N}]/u.test(text))
  if (terms.length === 0) return []
  const { rows } = await sql<{ pairs: string[] }>`
    select coalesce(array_agg(distinct p), '{}') as pairs
    from unnest(${terms}::text[]) as t(text),
      unnest(search_word_pairs(to_tsvector('english'::regconfig, t.text))) as p`.execute(db)
  return rows[0]?.pairs ?? []
}

/**
 * Whether a row of article_search, aliased `s`, matches. With phrase pairs,
 * the pairs index finds the few stories holding them all, and only those are
 * checked against the query; ts_match_vq (what @@ calls) keeps the planner
 * from reading the words' own index instead, which finds every story with
 * the words anywhere.
 */
function matchTest(tsquery: TsQuery, pairs: readonly string[]): RawBuilder<unknown> {
  return pairs.length === 0
    ? sql`s.document @@ ${tsquery}`
    : sql`search_word_pairs(s.document) @> ${pairs}::text[] and ts_match_vq(s.document, ${tsquery})`
}

/**
 * Whether a term has more than one word. The planner judges a phrase as common
 * as its words together, so it would walk the time index backwards for one
 * that is in fact rare, and read the whole table (11 s at a million rows). An
 * order the index cannot give keeps a phrase on the GIN index: every story with
 * all its words is checked, which is slow only when the words are common.
 */
function hasPhrase(query: SearchQuery): boolean {
  return termTexts(query.include).some((text) => /\s/.test(text))
}

/** Matches older than the ranked ones, newest first. */
async function olderMatches(
  db: Kysely<Database>,
  where: RawBuilder<unknown>,
  below: NewestMatch,
  { limit, offset }: PageRequest,
): Promise<string[]> {
  const { rows } = await sql<{ article_id: string }>`
    select s.article_id from article_search s
    where ${where}
      and (s.published_at, s.article_id) <
        (select b.published_at, b.article_id from article_search b where b.article_id = ${below.article_id})
    order by s.published_at desc, s.article_id desc
    limit ${limit} offset ${offset}`.execute(db)
  return rows.map((row) => row.article_id)
}

/** The first and last publication times, in milliseconds (each one step down an index). */
async function timeSpan(db: Kysely<Database>): Promise<{ first: number; last: number }> {
  const { rows } = await sql<{ first: Date | string; last: Date | string }>`
    select (select min(published_at) from article_search) as first,
      (select max(published_at) from article_search) as last`.execute(db)
  const row = rows[0]
  return row
    ? { first: fromDbTime(row.first).getTime(), last: fromDbTime(row.last).getTime() }
    : { first: 0, last: 0 }
}

/**
 * Where a body's passage is looked for first: from this many characters
 * before the first place a term is written as typed (or the body's start),
 * this many long (about a hundred words), cut back to whole words.
 */
const NEAR = { before: 200, length: 700 }

/**
 * These articles' marked text, in this order. ts_headline parses all the text
 * it is given, and a common word's best hits are often matched by their
 * headline or standfirst alone. So a body is read only when a term is in it
 * (its part of the document, weight D, matches), and its passage is looked
 * for first in a cut around the first place a term is written as typed
 * (strpos, case aside), or at the start where it is written otherwise (the
 * index finds other forms of a word too); the whole body only when the cut
 * holds no match. A body without a match gives no passage: the snippet is
 * then the standfirst or the brief, as it was when ts_headline gave the
 * body's first words unmarked.
 */
async function marked(
  db: Kysely<Database>,
  tsquery: TsQuery,
  terms: readonly string[],
  ids: readonly string[],
): Promise<MarkedMatch[]> {
  if (ids.length === 0) return []
  const typed = terms.map((term) => term.toLowerCase())
  // `offset 0` keeps the passage a subquery made once: pulled up, it was made for each use of it.
  const { rows } = await sql<{
    article_id: string
    headline: string
    standfirst: string
    body: string
    body_head: string
    body_tail: string
  }>`
    select s.article_id,
      ts_headline('english'::regconfig, s.headline, q.query, ${HIGHLIGHT_ALL}) as headline,
      ts_headline('english'::regconfig, s.standfirst, q.query, ${HIGHLIGHT_ALL}) as standfirst,
      case when near.passage is null then ''
        when strpos(near.passage, ${MATCH_START}) > 0 then near.passage
        else ts_headline('english'::regconfig, s.body, q.query, ${PASSAGE}) end as body,
      left(s.body, ${EDGE}) as body_head, right(s.body, ${EDGE}) as body_tail
    from article_search s
    cross join (select ${tsquery} as query) q
    cross join lateral (
      select case when body.matches then ts_headline('english'::regconfig,
        regexp_replace(
          regexp_replace(substr(s.body, cut.start, ${NEAR.length}),
            case when cut.start > 1 then '^\\S*\\s+' else '^$' end, ''),
          case when cut.start + ${NEAR.length} <= length(s.body) then '\\s+\\S*$' else '^$' end, ''),
        q.query, ${PASSAGE}) end as passage
      from (select exists (select from unnest(${typed}::text[]) t
          where ts_filter(s.document, '{d}') @@ phraseto_tsquery('english'::regconfig, t)) as matches
        ) body,
        (select greatest(1, min(nullif(strpos(lower(s.body), t), 0)) - ${NEAR.before}) as start
          from unnest(${typed}::text[]) t) cut
      offset 0
    ) near
    where s.article_id = any(${ids}::text[])`.execute(db)
  return inOrderOf(ids, rows, (row) => row.article_id).map((row) => ({
    articleId: row.article_id,
    headline: row.headline,
    standfirst: row.standfirst,
    body: row.body,
    bodyEdges: edgesOf(row.body, row.body_head, row.body_tail),
  }))
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
function tsqueryOf(query: SearchQuery): TsQuery | undefined {
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

/** The ids of the published articles that match, as a subquery; undefined when nothing is left. */
export function postgresMatchingIds(query: SearchQuery): RawBuilder<unknown> | undefined {
  const tsquery = tsqueryOf(query)
  return tsquery && sql`select s.article_id from article_search s where s.document @@ ${tsquery}`
}
