import { markdownToTextBlocks } from '../../text/markdown.js'
import { searchableText } from '../../text/search-snippet.js'
import type { ArticleStatus } from '../articles/article.js'
import { wordKey } from './search-query.js'

/** What the search index holds of an article, column by column. */
export interface SearchDocument {
  headline: string
  /** The headline's words (search-query.ts, wordKey): an exact headline match is found by it. */
  headlineKey: string
  standfirst: string
  /** The dateline and the body as plain text: what a reader sees, without Markdown. */
  body: string
  /** Byline names, in order, comma-separated. */
  bylines: string
  /** Tag names, comma-separated. */
  tags: string
}

/**
 * Only what readers can see is in the index: a draft can never turn up in a
 * search. What readers see is published, and so has a publication time.
 */
export function isSearchable<T extends { status: ArticleStatus; publishedAt: Date | null }>(
  article: T,
): article is T & { publishedAt: Date } {
  return article.status === 'published' && article.publishedAt !== null
}

/** The index's copy of an article. */
export function searchDocumentOf(
  article: { headline: string; standfirst: string; dateline: string; body: string },
  bylineNames: readonly string[],
  tagNames: readonly string[],
): SearchDocument {
  const text = markdownToTextBlocks(article.body)
    .map((block) => block.text)
    .join('\n')
  const body = article.dateline === '' ? text : `${article.dateline} — ${text}`
  return {
    headline: searchableText(article.headline),
    headlineKey: wordKey(article.headline),
    standfirst: searchableText(article.standfirst),
    body: searchableText(body),
    bylines: searchableText(bylineNames.join(', ')),
    tags: searchableText(tagNames.join(', ')),
  }
}
