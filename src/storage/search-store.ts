import type { Kysely } from 'kysely'
import type { ArticleSummary } from '../domain/articles/article.js'
import { RANKED_MATCHES, type SearchHit, type SearchStore } from '../domain/search/search-store.js'
import {
  hasHighlight,
  plainParts,
  snippetParts,
  withEllipses,
  type TextPart,
} from '../text/search-snippet.js'
import { createListingReads } from './article-listings.js'
import type { DialectName } from './dialect.js'
import type { Database } from './schema.js'
import { searchDialect, type MarkedMatch } from './search-dialect.js'

/**
 * Search over the index ArticleStore keeps (storage/search-index.ts). `ranked`
 * is how many of the newest matches are ranked (tests make it small).
 */
export function createSearchStore(
  db: Kysely<Database>,
  dialect: DialectName,
  { ranked = RANKED_MATCHES }: { ranked?: number } = {},
): SearchStore {
  const engine = searchDialect(dialect)

  // Summaries as every listing has them, from the same (published-only) lookup.
  const articles = createListingReads(db, dialect)

  const hitsOf = async (matches: MarkedMatch[]): Promise<SearchHit[]> => {
    if (matches.length === 0) return []
    const summaries = await articles.publishedSummaries(matches.map((match) => match.articleId))
    const byId = new Map(summaries.map((summary) => [summary.id, summary]))
    return matches.flatMap((match): SearchHit[] => {
      const article = byId.get(match.articleId)
      if (!article) return []
      const headline = snippetParts(match.headline)
      return [
        {
          article,
          headline: headline.length > 0 ? headline : plainParts(article.headline),
          snippet: snippetOf(match, article),
        },
      ]
    })
  }

  return {
    async matches(query) {
      const found = await engine.matches(db, query, ranked)
      return {
        total: found.total,
        estimated: found.estimated,
        page: async (window) => hitsOf(await found.page(window)),
      }
    },
  }
}

/** The body passage when the body matched, else the standfirst when it did, else the brief. */
function snippetOf(match: MarkedMatch, article: ArticleSummary): TextPart[] {
  const body = snippetParts(match.body)
  if (hasHighlight(body)) return withEllipses(body, match.bodyEdges)
  const standfirst = snippetParts(match.standfirst)
  if (hasHighlight(standfirst)) return standfirst
  return plainParts(article.brief)
}
