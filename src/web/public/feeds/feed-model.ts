import { renderedBody } from '../../ui/body-html.js'
import type { Listing } from '../../../domain/articles/listing.js'
import type { FeedItem } from '../../../domain/articles/syndication.js'
import type { FeedLink } from '../../ui/layout.js'
import type { SiteInfo } from '../../ui/site.js'
import {
  articlePath,
  authorPath,
  feedPath,
  listingPath,
  sectionPath,
  tagPath,
} from '../../ui/urls.js'
import { altOf, type ImageRef } from '../../../domain/media/media.js'
import { feedImage, sharedImage } from '../../ui/pictures.js'
import {
  absoluteUrls,
  type FeedDocument,
  type FeedEntry,
  type FeedImage,
} from './feed-documents.js'

const MEDIA_TYPES: Record<FeedLink['type'], string> = {
  'application/rss+xml': 'RSS',
  'application/atom+xml': 'Atom',
  'application/feed+json': 'JSON Feed',
}

/** The feed's name: the page's title and the site's, as in the page's <title>. */
const feedTitle = (listing: Pick<Listing, 'title'>, site: Pick<SiteInfo, 'name'>): string =>
  listing.title ? `${listing.title} | ${site.name}` : site.name

/** The <link rel="alternate"> autodiscovery links of a listing page. */
export function feedLinks(
  listing: Pick<Listing, 'kind' | 'slug' | 'title'>,
  site: Pick<SiteInfo, 'name'>,
): FeedLink[] {
  const title = feedTitle(listing, site)
  const path = listingPath(listing)
  const links: [FeedLink['type'], string][] = [
    ['application/rss+xml', feedPath(path, 'rss')],
    ['application/atom+xml', feedPath(path, 'atom')],
    ['application/feed+json', feedPath(path, 'json')],
  ]
  return links.map(([type, href]) => ({ type, href, title: `${title} (${MEDIA_TYPES[type]})` }))
}

const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b)

function feedImageOf(site: SiteInfo, image: ImageRef): FeedImage {
  const whole = feedImage(site, image)
  return {
    ...whole,
    bannerUrl: sharedImage(site, image, '16:9').url,
    alt: altOf(image),
    caption: image.caption,
    credit: image.credit,
  }
}

/** One story as a feed entry: absolute URLs, plain-text fields, and the body rendered safely. */
export function feedEntryOf(item: FeedItem, site: SiteInfo): FeedEntry {
  const url = site.url + articlePath(item, site.timeZone)
  const authors = item.bylines.map((byline) => ({
    name: byline.name,
    url: site.url + authorPath(byline.slug),
  }))
  return {
    // The article's id never changes: not on edit, nor when its slug, date or the site's address does.
    id: `urn:uuid:${item.id}`,
    url,
    title: item.headline,
    summary: item.brief || item.standfirst || item.headline,
    contentHtml:
      item.body === undefined
        ? undefined
        : absoluteUrls(
            // Read away from the site: every picture address is absolute.
            renderedBody(
              site,
              { body: item.body, dateline: item.dateline, images: item.inlineImages },
              { absolute: true },
            ).html,
            url,
          ),
    ...(item.leadImage && { image: feedImageOf(site, item.leadImage) }),
    published: item.publishedAt,
    updated: later(item.updatedAt, item.publishedAt),
    authors: authors.length > 0 ? authors : [{ name: site.name, url: `${site.url}/` }],
    categories: [
      {
        term: item.section.slug,
        label: item.section.name,
        url: site.url + sectionPath(item.section.slug),
        scheme: `${site.url}/`,
      },
      ...item.tags.map((tag) => ({
        term: tag.slug,
        label: tag.name,
        url: site.url + tagPath(tag.slug),
        scheme: `${site.url}/tags/`,
      })),
    ],
  }
}

/** A listing's feed, in a form each format's writer takes. */
export function feedDocumentOf(
  listing: Listing,
  items: readonly FeedItem[],
  site: SiteInfo,
): FeedDocument {
  const path = listingPath(listing)
  const entries = items.map((item) => feedEntryOf(item, site))
  let updated = new Date(0)
  for (const entry of entries) updated = later(updated, entry.updated)
  return {
    title: feedTitle(listing, site),
    description: listing.description,
    language: site.language,
    pageUrl: site.url + path,
    feedUrls: {
      rss: site.url + feedPath(path, 'rss'),
      atom: site.url + feedPath(path, 'atom'),
      json: site.url + feedPath(path, 'json'),
    },
    updated,
    publisher: { name: site.name, url: `${site.url}/` },
    generator: 'Dateline',
    entries,
  }
}
