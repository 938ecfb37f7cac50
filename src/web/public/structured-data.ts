// What search engines and sharing cards are told about a page: schema.org
// objects (written as JSON-LD by ui/json-ld.tsx) and OpenGraph/Twitter cards
// (written by ui/layout.tsx). Pure functions of the page's data and SiteInfo.
import { isUpdatedAfterPublication, type Article } from '../../domain/articles/article.js'
import { effectiveSeo } from '../../domain/articles/article-seo.js'
import type { Author } from '../../domain/people/author.js'
import type { CropAspect } from '../../domain/media/crops.js'
import { altOf, type ImageRef } from '../../domain/media/media.js'
import type { SharingCard } from '../ui/layout.js'
import { sharedImage } from '../ui/pictures.js'
import type { SiteInfo } from '../ui/site.js'
import { authorPath, sectionPath } from '../ui/urls.js'

const SCHEMA = 'https://schema.org'

/** The size of assets/logo.png; test/web/structured-data.test.ts reads the file to check it. */
export const LOGO_SIZE = 512

/** One step of a breadcrumb trail: a name and a site path. */
export interface Crumb {
  name: string
  path: string
}

export const HOME_CRUMB: Crumb = { name: 'Home', path: '/' }

const absolute = (site: SiteInfo, path: string): string => site.url + path

/** The picture that stands for a story: its lead image, else the first picture in its body. */
export function pictureOfStory(
  article: Pick<Article, 'leadImage' | 'inlineImages'>,
): ImageRef | undefined {
  return article.leadImage ?? article.inlineImages[0]
}

/** A crop of a library picture as schema.org describes an image. */
function imageObject(site: SiteInfo, image: ImageRef, aspect: CropAspect) {
  const shared = sharedImage(site, image, aspect)
  return {
    '@type': 'ImageObject',
    url: shared.url,
    width: shared.width,
    height: shared.height,
    caption: image.caption || undefined,
    creditText: image.credit || undefined,
  }
}

function logoOf(site: SiteInfo) {
  return {
    '@type': 'ImageObject',
    url: absolute(site, site.logo),
    width: LOGO_SIZE,
    height: LOGO_SIZE,
  }
}

const organizationId = (site: SiteInfo): string => `${site.url}/#organization`

/** The newsroom behind the site, with its logo: the publisher of every article. */
function organization(site: SiteInfo) {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': organizationId(site),
    name: site.name,
    url: absolute(site, '/'),
    logo: logoOf(site),
  }
}

/** Home → … → the page, as search engines show it under a result. */
export function breadcrumbList(site: SiteInfo, trail: readonly Crumb[]): object {
  return {
    '@context': SCHEMA,
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: absolute(site, crumb.path),
    })),
  }
}

/**
 * When the article last changed, as the page itself says: the "Updated" time
 * when it shows one, else the publication time. Structured data should match
 * what readers see.
 */
function modifiedAt(article: Article & { publishedAt: Date }): Date {
  return isUpdatedAfterPublication(article) ? article.updatedAt : article.publishedAt
}

/** NewsArticle and its breadcrumbs (Home → Section → Article), for the article at `path`. */
export function articleStructuredData(
  site: SiteInfo,
  article: Article & { publishedAt: Date },
  path: string,
): object[] {
  const url = absolute(site, path)
  const publisher = organization(site)
  const newsArticle = {
    '@context': SCHEMA,
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    headline: article.headline,
    description: article.brief || undefined,
    inLanguage: site.language,
    datePublished: article.publishedAt.toISOString(),
    dateModified: modifiedAt(article).toISOString(),
    // A story with no byline is the newsroom's own.
    author:
      article.bylines.length > 0
        ? article.bylines.map((author) => ({
            '@type': 'Person',
            name: author.name,
            url: absolute(site, authorPath(author.slug)),
          }))
        : [{ '@type': 'NewsMediaOrganization', '@id': publisher['@id'], name: site.name }],
    publisher,
    // Google asks for 16:9, 4:3 and 1:1 pictures at least 1200 pixels wide: the crops.
    image: pictureOfStory(article)
      ? (['16:9', '4:3', '1:1'] as const).map((aspect) =>
          imageObject(site, pictureOfStory(article) as ImageRef, aspect),
        )
      : [logoOf(site)],
    articleSection: article.section.name,
    keywords: article.tags.length > 0 ? article.tags.map((tag) => tag.name) : undefined,
    locationCreated: article.dateline ? { '@type': 'Place', name: article.dateline } : undefined,
    isAccessibleForFree: true,
  }
  return [
    newsArticle,
    breadcrumbList(site, [
      HOME_CRUMB,
      { name: article.section.name, path: sectionPath(article.section.slug) },
      { name: article.headline, path },
    ]),
  ]
}

/** The article's sharing card: its picture's 16:9 crop (or the site's mark), times, section and tags. */
export function articleSharing(
  site: SiteInfo,
  article: Article & { publishedAt: Date },
): SharingCard {
  const seo = effectiveSeo(article)
  const picture = seo.socialImage ?? undefined
  const shared = picture && sharedImage(site, picture, '16:9')
  return {
    type: 'article',
    title: seo.socialTitle,
    description: seo.socialDescription || site.name,
    ...(shared && picture
      ? {
          image: shared.url,
          imageWidth: shared.width,
          imageHeight: shared.height,
          imageAlt: altOf(picture),
        }
      : { image: absolute(site, site.logo), imageIsLogo: true }),
    publishedTime: article.publishedAt.toISOString(),
    modifiedTime: modifiedAt(article).toISOString(),
    section: article.section.name,
    tags: article.tags.map((tag) => tag.name),
  }
}

/** The home page: the site (with its search) and the organization behind it. */
export function homeStructuredData(site: SiteInfo): object[] {
  return [
    {
      '@context': SCHEMA,
      '@type': 'WebSite',
      '@id': `${site.url}/#website`,
      url: absolute(site, '/'),
      name: site.name,
      inLanguage: site.language,
      publisher: { '@id': organizationId(site) },
      potentialAction: {
        '@type': 'SearchAction',
        target: {
          '@type': 'EntryPoint',
          urlTemplate: absolute(site, '/search?q={search_term_string}'),
        },
        'query-input': 'required name=search_term_string',
      },
    },
    { '@context': SCHEMA, ...organization(site) },
  ]
}

/** An author page's subject: the person, with their bio and photo. */
export function authorProfile(
  site: SiteInfo,
  author: Pick<Author, 'slug' | 'name' | 'bio' | 'photo'>,
) {
  const url = absolute(site, authorPath(author.slug))
  return {
    '@context': SCHEMA,
    '@type': 'ProfilePage',
    url,
    mainEntity: {
      '@type': 'Person',
      name: author.name,
      url,
      description: author.bio || undefined,
      image: author.photo ? imageObject(site, author.photo, '1:1') : undefined,
    },
  }
}

/** The sharing card of any page that is not an article. */
export function websiteSharing(site: SiteInfo, title: string, description: string): SharingCard {
  return {
    type: 'website',
    title: title || site.name,
    description,
    image: absolute(site, site.logo),
    imageIsLogo: true,
  }
}
