import { zonedDate } from './dates.js'

const pad = (n: number): string => String(n).padStart(2, '0')

/** /YYYY/MM/DD/slug, dated in the site's time zone (pages, and redirects to them). */
export function articlePath(
  article: { slug: string; publishedAt: Date | null },
  timeZone: string,
): string {
  if (!article.publishedAt) return `/drafts/${article.slug}`
  const { year, month, day } = zonedDate(article.publishedAt, timeZone)
  return `/${year}/${pad(month)}/${pad(day)}/${article.slug}`
}
