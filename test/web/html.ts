import assert from 'node:assert/strict'
import type { HTMLElement } from 'node-html-parser'
import type { Article } from '../../src/domain/articles/article.js'
import type { TestAppContext } from '../helpers/context.js'
import { importArticle, type ArticleTextFields } from '../helpers/factories.js'
import type { ImportOptions } from '../../src/domain/articles/article-import.js'

/** The default sections, in navigation order. */
export const SECTIONS = [
  'News',
  'Politics',
  'Features',
  'Arts',
  'Entertainment',
  'Society',
  'Sport',
]
export const SECTION_PATHS = SECTIONS.map((name) => `/${name.toLowerCase()}`)

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** Where a published article lives: /YYYY/MM/DD/slug, dated in Europe/London. */
export function pathOf(article: Pick<Article, 'slug' | 'publishedAt'>): string {
  assert.ok(article.publishedAt, `${article.slug} is not published`)
  return `/${londonDay.format(article.publishedAt).replaceAll('-', '/')}/${article.slug}`
}

/** Text with whitespace collapsed. */
export function textOf(element: HTMLElement | null | undefined): string {
  return (element?.text ?? '').replace(/\s+/g, ' ').trim()
}

export function textsOf(elements: HTMLElement[]): string[] {
  return elements.map((element) => textOf(element))
}

export function hrefsOf(elements: HTMLElement[]): string[] {
  return elements.map((element) => element.getAttribute('href') ?? '')
}

/**
 * Publishes `count` undated articles one minute apart (each newer than the
 * last), so their order is known. Returns them oldest first.
 */
export async function publishInOrder(
  ctx: TestAppContext,
  count: number,
  options: Partial<ImportOptions> = {},
  overrides: (index: number) => Partial<ArticleTextFields> = () => ({}),
): Promise<Article[]> {
  const articles: Article[] = []
  for (let index = 0; index < count; index++) {
    ctx.clock.advance(60_000)
    const { article } = await importArticle(
      ctx,
      {
        dateLine: '',
        headline: `Story number ${index} ${Math.random().toString(36).slice(2, 8)}`,
        ...overrides(index),
      },
      options,
    )
    articles.push(article)
  }
  return articles
}

/** Asserts the site's section navigation in the page header and footer. */
export function assertSectionNavigation(document: HTMLElement, current?: string): void {
  for (const place of ['body > header', 'body > footer']) {
    const nav = document.querySelector(`${place} nav`)
    assert.ok(nav, `no navigation in ${place}`)
    const links = nav.querySelectorAll('a')
    assert.deepEqual(textsOf(links), SECTIONS, place)
    assert.deepEqual(hrefsOf(links), SECTION_PATHS, place)
    const marked = links.filter((link) => link.hasAttribute('aria-current'))
    assert.deepEqual(
      marked.map((link) => [link.getAttribute('href'), link.getAttribute('aria-current')]),
      current ? [[current, 'page']] : [],
      place,
    )
  }
}
