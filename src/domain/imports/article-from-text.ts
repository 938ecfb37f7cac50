import { parseArticleText } from '../../text/article-text/parse-article-text.js'
import { slugify } from '../../text/slug.js'
import type { ImportedArticle, ImportProblem } from '../../text/import/import-item.js'

/** Where a text came from: its identity, its name in reports, and the categories it was filed under. */
export interface TextSource {
  /** Defaults to the content key (headline and date) when the text has no place of its own. */
  sourceKey?: string
  name: string
  categories?: readonly string[]
}

/**
 * An article in the plain-text archive form → the item the importer takes.
 * An agency named alone ("Reuters", "WASHINGTON (AP)") is the byline when no
 * person is; with neither, the article goes out without one.
 */
export function articleFromText(text: string, source: TextSource): ImportedArticle | ImportProblem {
  const parsed = parseArticleText(text)
  if (!parsed.ok) return { kind: 'problem', name: source.name, problem: parsed.reason }
  const { article, report } = parsed
  const date = article.publishedOn
  // The key articles were found by before sources were recorded: keep its form.
  const contentKey = `${slugify(article.headline) || 'article'}/${date ? `${date.year}-${date.month}-${date.day}` : 'undated'}`
  const bylines =
    article.bylines.length > 0 ? article.bylines : article.credit !== '' ? [article.credit] : []
  return {
    kind: 'article',
    sourceKey: source.sourceKey ?? contentKey,
    contentKey,
    name: source.name,
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    bylines,
    body: article.body,
    keyPoints: article.keyPoints,
    publishedOn: date,
    categories: [...(source.categories ?? [])],
    report,
  }
}
