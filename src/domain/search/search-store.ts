import type { TextPart } from '../../text/search-snippet.js'
import type { ArticleSummary } from '../articles/article.js'
import type { PageRequest } from '../articles/article-store.js'
import type { SearchQuery } from './search-query.js'

/** A published article that matched a search, with the matching words marked. */
export interface SearchHit {
  article: ArticleSummary
  /** The headline, matched words highlighted. */
  headline: TextPart[]
  /** A passage of the standfirst or body around the matches; the brief when neither matched. */
  snippet: TextPart[]
}

/**
 * How many matches are ranked: at most this many of the newest. A query's
 * cost must not grow with the archive, and ranking every match of a common
 * word would (it matches a fixed share of every story ever published). It
 * sets what a common word costs on PostgreSQL, which checks each row it walks
 * back through: at a million articles (bench/search-scale.ts), 500 took
 * 35 ms at the median and 58 ms at p99, 300 took 25 and 35 ms.
 */
export const RANKED_MATCHES = 300

/**
 * The matches of one query, in their one order: when no more than the ranked
 * number match, all of them best first (ties: newest first). When more match,
 * the newest of them (as many as are ranked) best first, then every older
 * match newest first; the total is then an estimate.
 */
export interface SearchMatches {
  total: number
  /** Whether `total` is an estimate ("about N"), not a count. */
  estimated: boolean
  /** One page of the matches, in that order; empty past the last. */
  page(window: PageRequest): Promise<SearchHit[]>
}

/**
 * Full-text search over published articles: headline, standfirst, body,
 * bylines and tags. Implemented per database in storage/; the index is kept in
 * step by ArticleStore's writes, in the same transaction.
 */
export interface SearchStore {
  matches(query: SearchQuery): Promise<SearchMatches>
}
