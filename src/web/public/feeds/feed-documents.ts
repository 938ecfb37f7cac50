// RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents from one description of a
// feed. Pure functions: no I/O, no clock. Written here rather than with the
// `feed` package (ARCHITECTURE.md, "Dependencies", says why): every piece of
// text goes through escapeXml, and titles are declared plain text, so no
// headline, name or body can become markup in any feed reader.
//
// What each field is, and so how it is escaped (test/web/feed-escaping.test.ts
// reads every one back):
// - RSS <description>, of the channel and of each item, is HTML to readers
//   (RSS 2.0 allows entity-encoded HTML there, and readers render it): text is
//   escaped as HTML, then as XML. Every other RSS element is plain text (the
//   RSS Advisory Board's profile), escaped as XML once.
// - Atom titles, subtitle and summary are declared type="text"; names and
//   category labels are text; <content type="html"> is the rendered body.
// - JSON Feed strings are text, except content_html.
import { escapeXml, xmlChars } from '../../../text/xml.js'

export interface FeedPerson {
  name: string
  /** Absolute URL of the person's page. */
  url: string
}

export interface FeedCategory {
  /** The slug. */
  term: string
  /** The name shown to readers. */
  label: string
  /** Absolute URL of the category's page. */
  url: string
  /** The taxonomy the term belongs to: the site's sections or its tags (absolute URL). */
  scheme: string
}

/** A story's picture in a feed: absolute addresses, a JPEG every reader shows. */
export interface FeedImage {
  /** The whole picture, about 1200 pixels wide or more. */
  url: string
  width: number
  height: number
  /** Its 16:9 crop around the focal point (JSON Feed's banner). */
  bannerUrl: string
  /** What it shows (alt text); '' for a decorative picture. */
  alt: string
  caption: string
  credit: string
}

export interface FeedEntry {
  /** Stable for the article's life: never changes on edit, slug or address change. */
  id: string
  /** Absolute URL of the article. */
  url: string
  title: string
  /** Plain text. */
  summary: string
  /** Rendered, escaped HTML with absolute links; undefined in summary-only feeds. */
  contentHtml: string | undefined
  published: Date
  updated: Date
  authors: readonly FeedPerson[]
  categories: readonly FeedCategory[]
  /** The story's picture, if it has one. */
  image?: FeedImage
}

export interface FeedDocument {
  title: string
  description: string
  /** BCP 47. */
  language: string
  /** Absolute URL of the HTML page the feed follows. */
  pageUrl: string
  /** Absolute URLs of this feed in each format; each format's own is its self link. */
  feedUrls: { rss: string; atom: string; json: string }
  /** The newest change among the entries. */
  updated: Date
  /** Used where a format needs an author and an entry has none. */
  publisher: FeedPerson
  generator: string
  /** Newest first. */
  entries: readonly FeedEntry[]
}

/** An HTTP/RSS date (RFC 822 with four-digit year, as RFC 1123 has it): "Fri, 20 Nov 2026 09:00:00 GMT". */
export const rfc822 = (date: Date): string => date.toUTCString()
/** An RFC 3339 timestamp in UTC: "2026-11-20T09:00:00.000Z". */
export const rfc3339 = (date: Date): string => date.toISOString()

/** Plain text as HTML source, for elements a reader shows as HTML (RSS description). */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Yahoo's Media RSS namespace, which readers look for pictures in. */
export const MEDIA_RSS_NS = 'http://search.yahoo.com/mrss/'

const element = (name: string, text: string, attributes = ''): string =>
  `<${name}${attributes}>${escapeXml(text)}</${name}>`

const attribute = (name: string, value: string): string => ` ${name}="${escapeXml(value)}"`

export function rssDocument(feed: FeedDocument): string {
  const items = feed.entries.map((entry) => {
    const lines = [
      element('title', entry.title),
      element('link', entry.url),
      element('guid', entry.id, attribute('isPermaLink', 'false')),
      element('pubDate', rfc822(entry.published)),
      // A description is HTML to readers: the summary is escaped as text first.
      element('description', escapeHtml(entry.summary)),
    ]
    if (entry.contentHtml !== undefined) lines.push(element('content:encoded', entry.contentHtml))
    if (entry.image) lines.push(mediaContent(entry.image))
    for (const author of entry.authors) lines.push(element('dc:creator', author.name))
    for (const category of entry.categories) {
      lines.push(element('category', category.label, attribute('domain', category.scheme)))
    }
    return `    <item>\n${lines.map((line) => `      ${line}`).join('\n')}\n    </item>`
  })
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="${MEDIA_RSS_NS}">
  <channel>
    ${element('title', feed.title)}
    ${element('link', feed.pageUrl)}
    ${element('description', escapeHtml(feed.description))}
    ${element('language', feed.language)}
    ${element('lastBuildDate', rfc822(feed.updated))}
    ${element('generator', feed.generator)}
    <atom:link${attribute('href', feed.feedUrls.rss)} rel="self" type="application/rss+xml"/>
${items.join('\n')}
  </channel>
</rss>
`
}

/** Media RSS: the picture, with its caption (or alt text) and credit. */
function mediaContent(image: FeedImage): string {
  const description = image.caption || image.alt
  const parts = [
    description === '' ? '' : element('media:description', description, ' type="plain"'),
    image.credit === '' ? '' : element('media:credit', image.credit),
  ].join('')
  return `<media:content${attribute('url', image.url)} type="image/jpeg" medium="image"${attribute('width', String(image.width))}${attribute('height', String(image.height))}>${parts}</media:content>`
}

function atomPerson(person: FeedPerson): string {
  return `<author>${element('name', person.name)}${element('uri', person.url)}</author>`
}

export function atomDocument(feed: FeedDocument): string {
  const entries = feed.entries.map((entry) => {
    const lines = [
      element('id', entry.id),
      element('title', entry.title, ' type="text"'),
      `<link rel="alternate" type="text/html"${attribute('href', entry.url)}/>`,
      // RFC 4287 §4.2.7.2: an enclosure is a related resource, possibly large; its length is optional.
      ...(entry.image
        ? [`<link rel="enclosure" type="image/jpeg"${attribute('href', entry.image.url)}/>`]
        : []),
      element('published', rfc3339(entry.published)),
      element('updated', rfc3339(entry.updated)),
      ...entry.authors.map(atomPerson),
      ...entry.categories.map(
        (category) =>
          `<category${attribute('term', category.term)}${attribute('label', category.label)}${attribute('scheme', category.scheme)}/>`,
      ),
      element('summary', entry.summary, ' type="text"'),
    ]
    if (entry.contentHtml !== undefined) {
      lines.push(element('content', entry.contentHtml, ' type="html"'))
    }
    return `  <entry>\n${lines.map((line) => `    ${line}`).join('\n')}\n  </entry>`
  })
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${attribute('xml:lang', feed.language)}>
  ${element('id', feed.feedUrls.atom)}
  ${element('title', feed.title, ' type="text"')}
  ${element('subtitle', feed.description, ' type="text"')}
  ${element('updated', rfc3339(feed.updated))}
  <link rel="self" type="application/atom+xml"${attribute('href', feed.feedUrls.atom)}/>
  <link rel="alternate" type="text/html"${attribute('href', feed.pageUrl)}/>
  ${atomPerson(feed.publisher)}
  ${element('generator', feed.generator)}
${entries.join('\n')}
</feed>
`
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). Text fields are plain text; content_html is HTML. */
export function jsonFeedDocument(feed: FeedDocument): string {
  // The same text as the XML formats carry, so every format says the same thing.
  const text = xmlChars
  const person = (author: FeedPerson) => ({ name: text(author.name), url: author.url })
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: text(feed.title),
    home_page_url: feed.pageUrl,
    feed_url: feed.feedUrls.json,
    description: text(feed.description),
    language: feed.language,
    authors: [person(feed.publisher)],
    items: feed.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: text(entry.title),
      summary: text(entry.summary),
      ...(entry.contentHtml !== undefined
        ? { content_html: text(entry.contentHtml) }
        : { content_text: text(entry.summary) }),
      ...(entry.image && { image: entry.image.url, banner_image: entry.image.bannerUrl }),
      date_published: rfc3339(entry.published),
      date_modified: rfc3339(entry.updated),
      authors: entry.authors.map(person),
      tags: entry.categories.map((category) => text(category.label)),
    })),
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

/**
 * Rewrites the links and image sources of rendered article HTML to absolute
 * URLs: a feed is read away from the site, where "/2026/…" means nothing.
 * The HTML comes from renderMarkdown, whose attributes are always
 * double-quoted with `&` and `"` escaped inside.
 */
export function absoluteUrls(html: string, base: string): string {
  return html.replace(/ (href|src)="([^"]*)"/g, (whole, name: string, value: string) => {
    const raw = value.replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) return whole
    try {
      const absolute = new URL(raw, base).href
      return ` ${name}="${absolute.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`
    } catch {
      return whole
    }
  })
}
