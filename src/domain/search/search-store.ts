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
 * Full-text search over published articles: headline, standfirst, body,
 * bylines and tags. Implemented per database in storage/; the index is kept in
 * step by ArticleStore's writes, in the same transaction.
 */
export interface SearchStore {
  /** How many published articles match. */
  count(query: SearchQuery): Promise<number>
  /** One page of matches, best first (ties: newest first). */
  search(query: SearchQuery, page: PageRequest): Promise<SearchHit[]>
}
