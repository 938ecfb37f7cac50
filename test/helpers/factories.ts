import { randomBytes } from 'node:crypto'
import type { Article } from '../../src/domain/articles/article.js'
import type { ImportOptions, ImportResult } from '../../src/domain/articles/article-import.js'
import type { ArticleInput } from '../../src/domain/articles/article-writes.js'
import type { AppContext } from '../../src/context.js'
import type { Actor } from '../../src/domain/access/policy.js'

export interface ArticleTextFields {
  headline: string
  standfirst: string
  dateline: string
  bylines: string[]
  /** Body lines in the archive form: paragraphs, "- Subheading -" lines, quotations. */
  body: string[]
  /** "Friday, November 27th 2015", or '' for none. */
  dateLine: string
  keyPoints: string[]
}

const unique = () => randomBytes(3).toString('hex')

/** An article in the plain-text archive form, with a unique headline unless one is given. */
export function buildArticleText(overrides: Partial<ArticleTextFields> = {}): string {
  const fields: ArticleTextFields = {
    headline: `Harbour council approves new sea wall plan ${unique()}`,
    standfirst: 'The vote ends two years of argument over who pays for flood defences.',
    dateline: 'BERGEN, NORWAY',
    bylines: ['Ada Brekke', 'Jonas Vik'],
    body: [
      'The harbour council voted on Tuesday to build a new sea wall along the old quay.',
      'Engineers said the wall would protect about 400 homes from winter storm surges.',
      '- Who pays -',
      'The cost will be split between the city and the regional flood fund.',
      '"We cannot wait for the next storm to decide this."',
    ],
    dateLine: 'Tuesday, November 17th 2026',
    keyPoints: ['The council approved the sea wall.', 'About 400 homes are protected.'],
    ...overrides,
  }
  const byline =
    fields.bylines.length > 1
      ? `${fields.bylines.slice(0, -1).join(', ')} and ${fields.bylines.at(-1)}`
      : (fields.bylines[0] ?? '')
  const prefix = [fields.dateline, byline].filter(Boolean).join(', ')
  const [lead = '', ...rest] = fields.body
  const lines = [fields.headline, '']
  if (fields.standfirst) lines.push(fields.standfirst, '')
  lines.push(prefix ? `${prefix}- ${lead}` : lead, ...rest, '')
  if (fields.dateLine) lines.push(fields.dateLine)
  if (byline) lines.push(`${byline}-`)
  lines.push(
    '',
    'New comment:',
    '',
    'News | Politics | Features | Arts | Entertainment | Society | Sport',
    '',
  )
  if (fields.keyPoints.length > 0) {
    lines.push('At a glance', ...fields.keyPoints.map((point) => `- ${point}`))
  }
  return `${lines.join('\n')}\n`
}

/** Imports an article through the real importer. */
export async function importArticle(
  ctx: AppContext,
  overrides: Partial<ArticleTextFields> = {},
  options: Partial<ImportOptions> = {},
): Promise<ImportResult> {
  return ctx.services.importer.importText(buildArticleText(overrides), {
    sectionSlug: 'news',
    draft: false,
    ...options,
  })
}

/** An article's writer fields as the editor would send them back, with `overrides`. */
export function inputOf(article: Article, overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    body: article.body,
    keyPoints: article.keyPoints,
    sectionSlug: article.section.slug,
    bylines: article.bylines.map((author) => author.name),
    tags: article.tags.map((tag) => tag.name),
    slug: article.slug,
    ...overrides,
  }
}

/** Saves an edit of the article as it now stands: its fields with `overrides`, on its current version. */
export async function saveEdit(
  ctx: AppContext,
  actor: Actor,
  articleId: string,
  overrides: Partial<ArticleInput>,
): Promise<Article> {
  const current = await ctx.services.editing.get(actor, articleId)
  return ctx.services.editing.save(actor, articleId, inputOf(current, overrides), {
    baseVersion: current.version,
  })
}
