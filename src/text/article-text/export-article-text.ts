import { markdownToTextBlocks } from '../markdown.js'
import type { ArticleText } from './article-text.js'
import { joinNames } from './bylines.js'
import { formatDateLine } from './date-line.js'

/**
 * Writes an article in the plain-text archive form that `parseArticleText`
 * reads back. Markdown formatting the form cannot carry (emphasis, links) is
 * dropped; lists become "• item" paragraphs.
 */
export function exportArticleText(article: ArticleText): string {
  const out: string[] = [article.headline, '']
  if (article.standfirst !== '') out.push(article.standfirst, '')

  const byline = joinNames(article.bylines)
  const prefix = [article.dateline.toUpperCase(), byline].filter((part) => part !== '').join(', ')
  const lines = markdownToTextBlocks(article.body).map((block) => {
    switch (block.kind) {
      case 'heading':
        return `- ${block.text} -`
      case 'item':
        return `• ${block.text}`
      default:
        return block.text
    }
  })
  const [lead = '', ...rest] = lines
  out.push(prefix === '' ? lead : `${prefix}- ${lead}`, ...rest)

  const trailer: string[] = []
  if (article.publishedOn) trailer.push(formatDateLine(article.publishedOn))
  const closing = [byline, article.credit].filter((part) => part !== '').join(' | ')
  if (closing !== '') trailer.push(`${closing}-`)
  if (trailer.length > 0) out.push('', ...trailer)
  if (article.keyPoints.length > 0) {
    out.push('', 'At a glance', ...article.keyPoints.map((point) => `- ${point}`))
  }
  return `${out.join('\n')}\n`
}
