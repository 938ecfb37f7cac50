import type { Kysely } from 'kysely'
import type { ArticleSummary } from '../domain/articles/article.js'
import type { AuthorRef } from '../domain/people/author.js'
import type { SearchHit, SearchStore } from '../domain/search/search-store.js'
import {
  hasHighlight,
  plainParts,
  snippetParts,
  withEllipses,
  type TextPart,
} from '../text/search-snippet.js'
import { fromDbTime, type DialectName } from './dialect.js'
import type { Database } from './schema.js'
import { searchDialect, type MarkedMatch } from './search-dialect.js'

/** Search over the index ArticleStore keeps (storage/search-index.ts). */
export function createSearchStore(db: Kysely<Database>, dialect: DialectName): SearchStore {
  const engine = searchDialect(dialect)

  async function summaries(ids: readonly string[]): Promise<Map<string, ArticleSummary>> {
    const [rows, bylines] = await Promise.all([
      db
        .selectFrom('articles as a')
        .innerJoin('sections as s', 's.id', 'a.section_id')
        .select([
          'a.id',
          'a.slug',
          'a.headline',
          'a.standfirst',
          'a.dateline',
          'a.brief',
          'a.published_at',
          'a.updated_at',
          's.slug as section_slug',
          's.name as section_name',
        ])
        .select('a.status')
        // Status is checked below: in SQL, SQLite would read every published article by it.
        .where('a.id', 'in', ids)
        .execute(),
      db
        .selectFrom('article_authors as aa')
        .innerJoin('authors as au', 'au.id', 'aa.author_id')
        .select(['aa.article_id', 'au.slug', 'au.name'])
        .where('aa.article_id', 'in', ids)
        .orderBy('aa.article_id')
        .orderBy('aa.position')
        .execute(),
    ])
    const byArticle = new Map<string, AuthorRef[]>()
    for (const { article_id, slug, name } of bylines) {
      byArticle.set(article_id, [...(byArticle.get(article_id) ?? []), { slug, name }])
    }
    return new Map(
      rows
        .filter((row) => row.status === 'published')
        .map((row) => [
          row.id,
          {
            id: row.id,
            slug: row.slug,
            headline: row.headline,
            standfirst: row.standfirst,
            dateline: row.dateline,
            brief: row.brief,
            section: { slug: row.section_slug, name: row.section_name },
            bylines: byArticle.get(row.id) ?? [],
            publishedAt: fromDbTime(row.published_at ?? row.updated_at),
            updatedAt: fromDbTime(row.updated_at),
          },
        ]),
    )
  }

  return {
    count: (query) => engine.count(db, query),

    async search(query, page) {
      const matches = await engine.page(db, query, page)
      if (matches.length === 0) return []
      const articles = await summaries(matches.map((match) => match.articleId))
      return matches.flatMap((match): SearchHit[] => {
        const article = articles.get(match.articleId)
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
