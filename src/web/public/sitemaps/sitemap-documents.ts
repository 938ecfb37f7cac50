// Sitemap XML (sitemaps.org 0.9, with Google's news extension): pure
// functions from lists of URLs to documents, and the plan that splits lists
// into files of at most 50,000 URLs.
import { escapeXml } from '../../../text/xml.js'

/** The sitemaps.org limit: at most 50,000 URLs in one sitemap, and 50,000 sitemaps in an index. */
export const SITEMAP_MAX_URLS = 50_000

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1'

/** Google reads at most 1,000 images for one page. */
export const MAX_IMAGES_PER_URL = 1000

export interface SitemapUrl {
  /** Absolute URL. */
  loc: string
  lastmod?: Date
  /** Absolute URLs of the pictures the page shows (the image extension). */
  images?: readonly string[]
}

export interface NewsUrl {
  /** Absolute URL of the article. */
  loc: string
  title: string
  publishedAt: Date
  lastmod: Date
}

export interface Publication {
  name: string
  /** BCP 47; written as Google News wants it (newsLanguage). */
  language: string
}

/** A W3C datetime (the profile of ISO 8601 sitemaps use), in UTC. */
export const w3cDate = (date: Date): string => date.toISOString()

function urlEntry(url: SitemapUrl, extra = ''): string {
  const lastmod = url.lastmod ? `<lastmod>${w3cDate(url.lastmod)}</lastmod>` : ''
  const images = (url.images ?? [])
    .slice(0, MAX_IMAGES_PER_URL)
    .map((image) => `<image:image><image:loc>${escapeXml(image)}</image:loc></image:image>`)
    .join('')
  return `  <url><loc>${escapeXml(url.loc)}</loc>${lastmod}${extra}${images}</url>`
}

function assertWithinLimit(count: number, maxUrls: number): void {
  if (count > maxUrls) {
    throw new RangeError(`a sitemap holds at most ${maxUrls} URLs; this one has ${count}`)
  }
}

/** A <urlset> of pages. */
export function urlsetXml(urls: readonly SitemapUrl[], maxUrls = SITEMAP_MAX_URLS): string {
  assertWithinLimit(urls.length, maxUrls)
  const withImages = urls.some((url) => (url.images ?? []).length > 0)
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="${SITEMAP_NS}"${withImages ? ` xmlns:image="${IMAGE_NS}"` : ''}>
${urls.map((url) => urlEntry(url)).join('\n')}
</urlset>
`
}

/** The <sitemapindex> that points to every sitemap file. */
export function sitemapIndexXml(sitemaps: readonly SitemapUrl[]): string {
  assertWithinLimit(sitemaps.length, SITEMAP_MAX_URLS)
  const entries = sitemaps.map((sitemap) => {
    const lastmod = sitemap.lastmod ? `<lastmod>${w3cDate(sitemap.lastmod)}</lastmod>` : ''
    return `  <sitemap><loc>${escapeXml(sitemap.loc)}</loc>${lastmod}</sitemap>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="${SITEMAP_NS}">
${entries.join('\n')}
</sitemapindex>
`
}

/**
 * The language as Google News wants it: an ISO 639 code of two or three
 * letters, except zh-cn and zh-tw for Chinese.
 */
export function newsLanguage(bcp47: string): string {
  const [primary = 'en', ...rest] = bcp47.toLowerCase().split('-')
  if (primary !== 'zh') return primary
  return rest.some((part) => part === 'tw' || part === 'hk' || part === 'mo' || part === 'hant')
    ? 'zh-tw'
    : 'zh-cn'
}

/** A Google News sitemap: a <urlset> whose URLs carry <news:news>. */
export function newsUrlsetXml(
  urls: readonly NewsUrl[],
  publication: Publication,
  maxUrls = SITEMAP_MAX_URLS,
): string {
  assertWithinLimit(urls.length, maxUrls)
  const publicationXml = `<news:publication><news:name>${escapeXml(publication.name)}</news:name><news:language>${newsLanguage(publication.language)}</news:language></news:publication>`
  const entries = urls.map((url) =>
    urlEntry(
      { loc: url.loc, lastmod: url.lastmod },
      `<news:news>${publicationXml}<news:publication_date>${w3cDate(url.publishedAt)}</news:publication_date><news:title>${escapeXml(url.title)}</news:title></news:news>`,
    ),
  )
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">
${entries.join('\n')}
</urlset>
`
}

export type ListKind = 'sections' | 'authors' | 'tags'
export type SitemapKind = 'articles' | ListKind

/** A sitemap file's name: `articles-3`, `tags-1` or `news`. */
export type SitemapName = { kind: SitemapKind; file: number } | { kind: 'news' }

/** Reads a sitemap file name; undefined for anything that is not one (leading zeros included). */
export function parseSitemapName(name: string): SitemapName | undefined {
  if (name === 'news') return { kind: 'news' }
  const match = /^(articles|sections|authors|tags)-([1-9][0-9]{0,5})$/.exec(name)
  if (!match) return undefined
  return { kind: match[1] as SitemapKind, file: Number(match[2]) }
}

export const sitemapName = (kind: SitemapKind, file: number): string => `${kind}-${file}`

/** How many files a list of `count` URLs takes. */
export const fileCount = (count: number, maxUrls = SITEMAP_MAX_URLS): number =>
  Math.ceil(count / maxUrls)

/** The part of a list that file number `file` (from 1) holds; empty past the end. */
export function fileSlice<T>(items: readonly T[], file: number, maxUrls = SITEMAP_MAX_URLS): T[] {
  return items.slice((file - 1) * maxUrls, file * maxUrls)
}

/** The newest of some dates; undefined for none. */
export function newest(dates: Iterable<Date>): Date | undefined {
  let found: Date | undefined
  for (const date of dates) if (!found || date > found) found = date
  return found
}
