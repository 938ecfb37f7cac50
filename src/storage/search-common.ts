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
