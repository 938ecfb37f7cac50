import type { Listing } from '../../domain/articles/listing.js'
export { articlePath } from '../../text/article-path.js'

const pad = (n: number): string => String(n).padStart(2, '0')

export const sectionPath = (slug: string): string => `/${slug}`
export const authorPath = (slug: string): string => `/authors/${slug}`
export const tagPath = (slug: string): string => `/tags/${slug}`
export const threadPath = (slug: string): string => `/threads/${slug}`
export const AT_A_GLANCE_PATH = '/at-a-glance'

/** A listing's page: the home page, a section's, an author's or a tag's. */
export function listingPath({ kind, slug }: Pick<Listing, 'kind' | 'slug'>): string {
  if (kind === 'section') return sectionPath(slug)
  if (kind === 'author') return authorPath(slug)
  if (kind === 'tag') return tagPath(slug)
  return '/'
}

/** The date archive: /YYYY, /YYYY/MM or /YYYY/MM/DD (the router ignores a trailing slash). */
export function archivePath(period: { year: number; month?: number; day?: number }): string {
  const { year, month, day } = period
  let path = `/${year}`
  if (month !== undefined) path += `/${pad(month)}`
  if (month !== undefined && day !== undefined) path += `/${pad(day)}`
  return path
}

/** A listing's path for a page number; page 1 has no query string. */
export function pagePath(path: string, page: number): string {
  return page <= 1 ? path : `${path}${path.includes('?') ? '&' : '?'}page=${page}`
}

export type FeedFormat = 'rss' | 'atom' | 'json'
export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json']

/** A listing's feed: /feed.rss for the home page, /news/feed.atom, /tags/floods/feed.json… */
export const feedPath = (listingPath: string, format: FeedFormat): string =>
  `${listingPath === '/' ? '' : listingPath}/feed.${format}`

export const SITEMAP_INDEX_PATH = '/sitemap.xml'
/** One sitemap file: /sitemaps/articles-1.xml, /sitemaps/news.xml… */
export const sitemapPath = (name: string): string => `/sitemaps/${name}.xml`

/** A rendition on this site: /media/5c1f0e9a2b7d4c3e8f61-640.webp. */
export const mediaPath = (name: string): string => `/media/${name}`
