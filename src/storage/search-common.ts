// What both databases' search shares (search-dialect.ts has the why): the
// shapes of an answer, how terms are sent, and the estimate past the ranked matches.
import type { Kysely } from 'kysely'
import type { PageRequest } from '../domain/articles/article-store.js'
import type { SearchQuery } from '../domain/search/search-query.js'
import { controlsAsSpaces } from '../text/control-characters.js'
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

/** The matches of one query (domain/search/search-store.ts, SearchMatches), marked. */
export interface DialectMatches {
  total: number
  estimated: boolean
  page(window: PageRequest): Promise<MarkedMatch[]>
}

export interface SearchDialect {
  matches(db: Kysely<Database>, query: SearchQuery, ranked: number): Promise<DialectMatches>
}

export const NO_MATCHES: DialectMatches = {
  total: 0,
  estimated: false,
  page: () => Promise.resolve([]),
}

/** Text as storage sends it: no control characters (PostgreSQL refuses NUL outright). */
export function bindable(text: string): string {
  return controlsAsSpaces(text).trim()
}

/** The words of each term, as storage will send them: never empty. */
export function termTexts(terms: SearchQuery['include']): string[] {
  return terms.flatMap((term) => {
    const text = bindable(term.text)
    return text === '' ? [] : [text]
  })
}

/**
 * About how many match, when the newest `ranked` matches reach back from
 * `last` to `oldestRanked` on a scale (document numbers, or times) running
 * from `first` to `last`: as many again for each such stretch. Two significant
 * figures, and always more than were ranked (there was at least one more).
 */
export function estimatedTotal(
  ranked: number,
  { first, last, oldestRanked }: { first: number; last: number; oldestRanked: number },
): number {
  const estimate = (ranked * (last - first + 1)) / Math.max(1, last - oldestRanked + 1)
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, estimate))) - 1)
  return Math.max(ranked + 1, Math.round(estimate / unit) * unit)
}

/** The order of matches: within the ranked ones, and among older ones, newest first. */
export function pageOfOrdered<T>(
  ranked: readonly T[],
  { limit, offset }: PageRequest,
): { fromRanked: T[]; older: PageRequest | undefined } {
  const fromRanked = ranked.slice(offset, offset + limit)
  if (fromRanked.length === limit) return { fromRanked, older: undefined }
  return {
    fromRanked,
    older: { limit: limit - fromRanked.length, offset: Math.max(0, offset - ranked.length) },
  }
}

/** How one database finds, ranks and marks a query's matches, by keys of its own. */
export interface MatchSource<Newest, Key> {
  /** The newest matches, newest first, at most `count`. */
  newest(count: number): Promise<Newest[]>
  /** Where a match sits on the scale `span` measures (a time, a document number). */
  positionOf(match: Newest): number
  span(): Promise<{ first: number; last: number }>
  /** One page of every match ranked (there are few: `all`, newest first, as newest() found them). */
  bestFirst(window: PageRequest, all: readonly Newest[]): Promise<Key[]>
  /** These, the newest matches, ranked. */
  rank(newest: readonly Newest[]): Promise<Key[]>
  /** Matches older than `oldest`, newest first. */
  older(oldest: Newest, window: PageRequest): Promise<Key[]>
  mark(keys: Key[]): Promise<MarkedMatch[]>
}

/**
 * A query's matches with at most `ranked` of them ranked: when there are no
 * more, all are ranked and counted; past that, the newest `ranked` come best
 * first, every older one follows newest first, and the total is an estimate.
 * The work is bounded by `ranked`, however many match.
 */
export async function windowedMatches<Newest, Key>(
  ranked: number,
  source: MatchSource<Newest, Key>,
): Promise<DialectMatches> {
  const newest = await source.newest(ranked + 1)
  const oldest = newest[ranked - 1]
  if (newest.length <= ranked || oldest === undefined) {
    return {
      total: newest.length,
      estimated: false,
      page: async (window) => source.mark(await source.bestFirst(window, newest)),
    }
  }
  const order = await source.rank(newest.slice(0, ranked))
  const total = estimatedTotal(ranked, {
    ...(await source.span()),
    oldestRanked: source.positionOf(oldest),
  })
  return {
    total,
    estimated: true,
    async page(request) {
      const { fromRanked, older } = pageOfOrdered(order, request)
      const rest = older ? await source.older(oldest, older) : []
      return source.mark([...fromRanked, ...rest])
    },
  }
}

/** Rows in the order of `keys`, each found by `keyOf`; a key without a row is left out. */
export function inOrderOf<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]))
  return keys.flatMap((key) => {
    const row = byKey.get(key)
    return row ? [row] : []
  })
}
