import { zonedDate } from '../../text/dates.js'

const pad = (n: number): string => String(n).padStart(2, '0')

/** /YYYY/MM/DD/slug, dated in the site's time zone. */
export function articlePath(
  article: { slug: string; publishedAt: Date | null },
  timeZone: string,
): string {
  if (!article.publishedAt) return `/drafts/${article.slug}`
  const { year, month, day } = zonedDate(article.publishedAt, timeZone)
  return `/${year}/${pad(month)}/${pad(day)}/${article.slug}`
}

export const sectionPath = (slug: string): string => `/${slug}`
export const authorPath = (slug: string): string => `/authors/${slug}`
export const tagPath = (slug: string): string => `/tags/${slug}`

/** A listing's path for a page number; page 1 has no query string. */
export function pagePath(path: string, page: number): string {
  return page <= 1 ? path : `${path}${path.includes('?') ? '&' : '?'}page=${page}`
}
