import type { SyndicationService } from '../../../domain/articles/syndication-service.js'
import type { SitemapPlace } from '../../../domain/articles/syndication.js'
import { NotFoundError } from '../../../domain/errors.js'
import { feedImage } from '../../ui/pictures.js'
import type { SiteInfo } from '../../ui/site.js'
import { articlePath, authorPath, sectionPath, sitemapPath, tagPath } from '../../ui/urls.js'
import {
  fileCount,
  fileSlice,
  newest,
  newsUrlsetXml,
  parseSitemapName,
  SITEMAP_MAX_URLS,
  sitemapIndexXml,
  sitemapName,
  urlsetXml,
  type ListKind,
  type SitemapUrl,
} from './sitemap-documents.js'

export interface SitemapOptions {
  site: Pick<SiteInfo, 'url' | 'name' | 'language' | 'timeZone' | 'media'>
  /** URLs per file: 50,000 in the app; tests lower it to see lists split. */
  maxUrls?: number
}

/** A sitemap document and the newest change it lists (for Last-Modified). */
export interface SitemapDocument {
  xml: string
  lastModified: Date | undefined
}

const newestOf = (urls: readonly { lastmod?: Date }[]): Date | undefined =>
  newest(urls.flatMap((url) => url.lastmod ?? []))

const LIST_PATHS: Record<ListKind, (slug: string) => string> = {
  sections: sectionPath,
  authors: authorPath,
  tags: tagPath,
}

/**
 * The sitemap index and every file it points to, read from published content
 * only. Articles are split into files of `maxUrls`, oldest first, each file
 * read with one indexed query; sections (with the home page), authors and
 * tags are split the same way.
 */
export function createSitemaps(
  syndication: SyndicationService,
  { site, maxUrls = SITEMAP_MAX_URLS }: SitemapOptions,
) {
  const absolute = (path: string) => site.url + path

  async function listUrls(kind: ListKind): Promise<SitemapUrl[]> {
    const places: SitemapPlace[] =
      kind === 'sections'
        ? await syndication.sections()
        : kind === 'authors'
          ? await syndication.authors()
          : await syndication.tags()
    const urls = places.map((place) => ({
      loc: absolute(LIST_PATHS[kind](place.slug)),
      lastmod: place.lastModified,
    }))
    if (kind !== 'sections') return urls
    // The home page shows every section: it changed when any of them did.
    return [{ loc: absolute('/'), lastmod: newest(urls.map((url) => url.lastmod)) }, ...urls]
  }

  const notFound = (name: string) =>
    new NotFoundError('sitemap_not_found', `There is no sitemap "${name}".`)

  return {
    /** The sitemap index: every non-empty sitemap file, with its newest change. */
    async index(): Promise<SitemapDocument> {
      const [articleFiles, news, ...lists] = await Promise.all([
        syndication.articleSitemapFiles(maxUrls),
        syndication.news(),
        listUrls('sections'),
        listUrls('authors'),
        listUrls('tags'),
      ])
      const entries: SitemapUrl[] = articleFiles.map((lastmod, index) => ({
        loc: absolute(sitemapPath(sitemapName('articles', index + 1))),
        lastmod,
      }))
      const kinds: ListKind[] = ['sections', 'authors', 'tags']
      for (const [position, kind] of kinds.entries()) {
        const urls = lists[position] ?? []
        for (let file = 1; file <= fileCount(urls.length, maxUrls); file++) {
          entries.push({
            loc: absolute(sitemapPath(sitemapName(kind, file))),
            lastmod: newestOf(fileSlice(urls, file, maxUrls)),
          })
        }
      }
      if (news.length > 0) {
        entries.push({
          loc: absolute(sitemapPath('news')),
          lastmod: newest(news.map((article) => article.updatedAt)),
        })
      }
      return { xml: sitemapIndexXml(entries), lastModified: newestOf(entries) }
    },

    /** One sitemap file by name (`articles-2`, `tags-1`, `news`); NotFoundError for any other. */
    async file(name: string): Promise<SitemapDocument> {
      const parsed = parseSitemapName(name)
      if (!parsed) throw notFound(name)
      if (parsed.kind === 'news') {
        const articles = await syndication.news()
        const urls = articles.map((article) => ({
          loc: absolute(articlePath(article, site.timeZone)),
          title: article.headline,
          publishedAt: article.publishedAt,
          lastmod: article.updatedAt,
        }))
        return {
          xml: newsUrlsetXml(urls, { name: site.name, language: site.language }),
          lastModified: newestOf(urls),
        }
      }
      if (parsed.kind === 'articles') {
        const articles = await syndication.articleSitemap(parsed.file, maxUrls)
        const urls = articles.map((article) => ({
          loc: absolute(articlePath(article, site.timeZone)),
          lastmod: article.updatedAt,
          images: article.images.map((image) => feedImage(site, image).url),
        }))
        return { xml: urlsetXml(urls, maxUrls), lastModified: newestOf(urls) }
      }
      const urls = fileSlice(await listUrls(parsed.kind), parsed.file, maxUrls)
      if (urls.length === 0) throw notFound(name)
      return { xml: urlsetXml(urls, maxUrls), lastModified: newestOf(urls) }
    },
  }
}

export type Sitemaps = ReturnType<typeof createSitemaps>
