// Feeds over real HTTP: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the site, a
// section, an author and a tag. Each parses and carries the elements its
// format requires, with dates in the format's own form, absolute URLs, stable
// ids, published stories only, newest first; conditional GETs get 304;
// unknown slugs 404; hostile text stays well-formed and inert; pages announce
// their feeds.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { parse } from 'node-html-parser'
import type { Article } from '../../src/domain/articles/article.js'
import { FEED_FORMATS, feedPath, type FeedFormat } from '../../src/web/ui/urls.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle, inputOf } from '../helpers/factories.js'
import { createStaff, type Staff } from './admin-session.js'
import { pathOf } from './html.js'

const SITE = 'https://news.example'
const MINUTE = 60_000
const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (_name, path) =>
    [
      'rss.channel.atom:link',
      'rss.channel.item',
      'rss.channel.item.category',
      'rss.channel.item.dc:creator',
      'feed.link',
      'feed.entry',
      'feed.entry.link',
      'feed.entry.author',
      'feed.entry.category',
    ].includes(String(path)),
})

type Node = Record<string, unknown>

/** The text of an element, with or without attributes. */
function text(node: unknown): string {
  if (typeof node === 'string') return node
  if (node && typeof node === 'object' && '#text' in node) return String(node['#text'])
  return ''
}

const nodes = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : [])

/** Parses a feed body as its format; XML must be well-formed. */
function parseFeed(format: FeedFormat, body: string): Node {
  if (format === 'json') return JSON.parse(body) as Node
  const validation = XMLValidator.validate(body)
  assert.equal(validation, true, `well-formed XML: ${JSON.stringify(validation)}`)
  return xml.parse(body) as Node
}

/** An entry as every format describes it, read back from the parsed feed. */
interface ReadEntry {
  id: string
  url: string
  title: string
  published: string
  updated?: string
  authors: string[]
  categories: string[]
  content?: string
  summary?: string
}

interface ReadFeed {
  title: string
  pageUrl: string
  selfUrl: string
  updated: string
  entries: ReadEntry[]
}

/** Reads a feed and checks that it carries every element its format requires. */
function readFeed(format: FeedFormat, body: string): ReadFeed {
  const feed = parseFeed(format, body)
  if (format === 'rss') {
    const rss = feed.rss as Node
    assert.equal(rss['@version'], '2.0')
    const channel = rss.channel as Node
    for (const name of ['title', 'link', 'description']) {
      assert.ok(text(channel[name]) !== '', `channel ${name}`)
    }
    const self = nodes(channel['atom:link']).find((link) => link['@rel'] === 'self')
    assert.ok(self, 'atom:link rel=self')
    assert.equal(self['@type'], 'application/rss+xml')
    assert.match(text(channel.lastBuildDate), RFC822)
    return {
      title: text(channel.title),
      pageUrl: text(channel.link),
      selfUrl: String(self['@href']),
      updated: text(channel.lastBuildDate),
      entries: nodes(channel.item).map((item) => {
        for (const name of ['title', 'link', 'guid', 'pubDate']) {
          assert.ok(text(item[name]) !== '', `item ${name}`)
        }
        assert.equal((item.guid as Node)['@isPermaLink'], 'false')
        assert.match(text(item.pubDate), RFC822)
        return {
          id: text(item.guid),
          url: text(item.link),
          title: text(item.title),
          published: text(item.pubDate),
          authors: nodes(item['dc:creator']).map(text),
          categories: nodes(item.category).map(text),
          content:
            item['content:encoded'] === undefined ? undefined : text(item['content:encoded']),
          summary: text(item.description),
        }
      }),
    }
  }
  if (format === 'atom') {
    const root = feed.feed as Node
    assert.equal(root['@xmlns'], 'http://www.w3.org/2005/Atom')
    for (const name of ['id', 'title', 'updated']) {
      assert.ok(text(root[name]) !== '', `feed ${name}`)
    }
    assert.match(text(root.updated), RFC3339)
    const self = nodes(root.link).find((link) => link['@rel'] === 'self')
    assert.ok(self, 'link rel=self')
    const alternate = nodes(root.link).find((link) => link['@rel'] === 'alternate')
    return {
      title: text(root.title),
      pageUrl: String(alternate?.['@href']),
      selfUrl: String(self['@href']),
      updated: text(root.updated),
      entries: nodes(root.entry).map((entry) => {
        for (const name of ['id', 'title', 'updated']) {
          assert.ok(text(entry[name]) !== '', `entry ${name}`)
        }
        assert.match(text(entry.updated), RFC3339)
        assert.match(text(entry.published), RFC3339)
        assert.equal((entry.title as Node)['@type'], 'text', 'titles are plain text')
        const link = nodes(entry.link).find((candidate) => candidate['@rel'] === 'alternate')
        assert.ok(link, 'entry link')
        const authors = nodes(entry.author).map((author) => text(author.name))
        assert.ok(authors.length > 0 && authors.every(Boolean), 'entry author with a name')
        return {
          id: text(entry.id),
          url: String(link['@href']),
          title: text(entry.title),
          published: text(entry.published),
          updated: text(entry.updated),
          authors,
          categories: nodes(entry.category).map((category) => String(category['@label'])),
          content: entry.content === undefined ? undefined : text(entry.content),
          summary: text(entry.summary),
        }
      }),
    }
  }
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1')
  assert.equal(typeof feed.title, 'string')
  const items = feed.items as Node[]
  assert.ok(Array.isArray(items), 'items')
  return {
    title: String(feed.title),
    pageUrl: String(feed.home_page_url),
    selfUrl: String(feed.feed_url),
    updated:
      items
        .map((item) => String(item.date_modified))
        .sort()
        .at(-1) ?? '',
    entries: items.map((item) => {
      for (const name of ['id', 'url', 'date_published']) {
        assert.equal(typeof item[name], 'string', `item ${name}`)
      }
      assert.match(String(item.date_published), RFC3339)
      assert.match(String(item.date_modified), RFC3339)
      assert.ok(
        typeof item.content_html === 'string' || typeof item.content_text === 'string',
        'content_html or content_text',
      )
      return {
        id: String(item.id),
        url: String(item.url),
        title: String(item.title),
        published: String(item.date_published),
        updated: String(item.date_modified),
        authors: (item.authors as Node[]).map((author) => String(author.name)),
        categories: item.tags as string[],
        content: item.content_html as string | undefined,
        summary: item.summary as string,
      }
    }),
  }
}

/** Every absolute URL-looking value in a feed starts with the site's address. */
function assertAbsoluteUrls(format: FeedFormat, body: string): void {
  const urls =
    format === 'json'
      ? [...body.matchAll(/"(?:url|home_page_url|feed_url)": "([^"]*)"/g)].map((match) => match[1])
      : [...body.matchAll(/(?:href|domain|scheme)="([^"]*)"|<(?:link|uri)>([^<]*)</g)].map(
          (match) => match[1] ?? match[2],
        )
  assert.ok(urls.length > 0)
  for (const url of urls) assert.ok(url?.startsWith(`${SITE}/`), `absolute URL: ${url}`)
}

/** The date of a feed's date string, to the second. */
const seconds = (value: string): number => Math.floor(Date.parse(value) / 1000)
const secondsOf = (date: Date): number => Math.floor(date.getTime() / 1000)

const escapeHtml = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

interface Site {
  ctx: TestAppContext
  server: TestServer
  staff: Staff
  /** In News by Ada Brekke, tagged Floods; published first. */
  first: Article
  /** In Sport by Jonas Vik, tagged Floods and Harbour; published second. */
  second: Article
  /** Published third, then unpublished. */
  withdrawn: Article
  /** Never published. */
  draft: Article
}

async function setup(
  t: TestContext,
  dialect: DialectName,
  env: Record<string, string> = {},
): Promise<Site> {
  const ctx = await createTestContext(t, dialect, env)
  const server = await startTestServer(t, ctx)
  const staff = await createStaff(ctx, 'editor')
  const publish = async (
    fields: Parameters<typeof importArticle>[1],
    options: Parameters<typeof importArticle>[2],
  ) => {
    ctx.clock.advance(MINUTE)
    return (await importArticle(ctx, { dateLine: '', ...fields }, options)).article
  }
  const first = await publish(
    { bylines: ['Ada Brekke'] },
    { sectionSlug: 'news', tags: ['Floods'] },
  )
  const second = await publish(
    { bylines: ['Jonas Vik'] },
    { sectionSlug: 'sport', tags: ['Floods', 'Harbour'] },
  )
  const withdrawn = await publish(
    { bylines: ['Ada Brekke'], headline: 'Withdrawn story about the harbour' },
    { sectionSlug: 'news', tags: ['Floods'] },
  )
  await ctx.services.workflow.transition(staff.actor, withdrawn.id, { transition: 'unpublish' })
  const draft = await publish(
    { bylines: ['Ada Brekke'], headline: 'Draft story nobody may see' },
    { sectionSlug: 'news', tags: ['Floods'], draft: true },
  )
  return { ctx, server, staff, first, second, withdrawn, draft }
}

/** Each listing with feeds, and the stories its feeds carry, newest first. */
function scopes(site: Site): { path: string; expected: Article[] }[] {
  return [
    { path: '/', expected: [site.second, site.first] },
    { path: '/news', expected: [site.first] },
    { path: '/sport', expected: [site.second] },
    { path: '/authors/ada-brekke', expected: [site.first] },
    { path: '/tags/floods', expected: [site.second, site.first] },
  ]
}

async function fetchFeed(server: TestServer, path: string, init: RequestInit = {}) {
  const response = await server.get(path, init)
  return { response, body: await response.text() }
}

/** What a reader should see of hostile text: characters XML cannot carry are gone. */
// eslint-disable-next-line no-control-regex -- the point is to drop control characters
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g
const visible = (value: string): string => value.replace(XML_FORBIDDEN, '')

for (const dialect of testDialects()) {
  describe(`feeds (${dialect})`, () => {
    test('every feed of the site, a section, an author and a tag carries its required elements', async (t) => {
      const site = await setup(t, dialect)
      for (const { path, expected } of scopes(site)) {
        for (const format of FEED_FORMATS) {
          const url = feedPath(path, format)
          const { response, body } = await fetchFeed(site.server, url)
          assert.equal(response.status, 200, url)
          assert.equal(response.headers.get('content-type'), CONTENT_TYPES[format], url)
          const feed = readFeed(format, body)
          assertAbsoluteUrls(format, body)
          assert.equal(feed.selfUrl, SITE + url, `${url}: self link`)
          assert.equal(feed.pageUrl, path === '/' ? `${SITE}/` : SITE + path, `${url}: page`)

          // Published stories only, newest first, each with its canonical URL and stable id.
          assert.deepEqual(
            feed.entries.map((entry) => entry.url),
            expected.map((article) => SITE + pathOf(article)),
            url,
          )
          assert.deepEqual(
            feed.entries.map((entry) => entry.id),
            expected.map((article) => `urn:uuid:${article.id}`),
          )
          assert.deepEqual(
            feed.entries.map((entry) => entry.title),
            expected.map((article) => article.headline),
          )
          for (const hidden of [site.withdrawn, site.draft]) {
            assert.ok(!body.includes(hidden.headline), `${url}: no ${hidden.status} story`)
            assert.ok(!body.includes(hidden.id), `${url}: no ${hidden.status} id`)
          }
          for (const [index, entry] of feed.entries.entries()) {
            const article = expected[index]
            assert.ok(article?.publishedAt)
            assert.equal(seconds(entry.published), secondsOf(article.publishedAt), 'published')
            if (entry.updated) {
              assert.equal(seconds(entry.updated), secondsOf(article.updatedAt), 'updated')
            }
            assert.deepEqual(
              entry.authors,
              article.bylines.map((byline) => byline.name),
            )
            assert.deepEqual(entry.categories, [
              article.section.name,
              ...article.tags.map((tag) => tag.name),
            ])
            // Full text by default: the rendered body, its links made absolute.
            assert.ok(entry.content?.includes('<p>'), `${url}: full text`)
          }
          // The feed's own time is that of its newest change.
          const newest = Math.max(...expected.map((article) => secondsOf(article.updatedAt)))
          assert.equal(seconds(feed.updated), newest, `${url}: updated`)
        }
      }
    })

    test('ids never change when a story is edited; the feed’s time follows the newest change', async (t) => {
      const site = await setup(t, dialect)
      const before = readFeed('atom', (await fetchFeed(site.server, '/feed.atom')).body)
      site.ctx.clock.advance(30 * MINUTE)
      const current = await site.ctx.services.editing.get(site.staff.actor, site.first.id)
      const input = inputOf(current, {
        headline: 'Council backs the sea wall after an all-night vote',
      })
      const saved = await site.ctx.services.editing.save(site.staff.actor, site.first.id, input, {
        baseVersion: current.version,
      })
      for (const format of FEED_FORMATS) {
        const after = readFeed(format, (await fetchFeed(site.server, feedPath('/', format))).body)
        const entry = after.entries.find(
          (candidate) => candidate.id === `urn:uuid:${site.first.id}`,
        )
        assert.ok(entry, `${format}: the same id after the edit`)
        assert.equal(entry.title, 'Council backs the sea wall after an all-night vote')
        assert.equal(seconds(after.updated), secondsOf(saved.updatedAt), `${format}: updated`)
      }
      assert.ok(seconds(before.updated) < secondsOf(saved.updatedAt))
    })

    test('FEED_FULL_TEXT=false: feeds carry summaries, not bodies', async (t) => {
      const site = await setup(t, dialect, { FEED_FULL_TEXT: 'false' })
      for (const format of FEED_FORMATS) {
        const { body } = await fetchFeed(site.server, feedPath('/news', format))
        const [entry] = readFeed(format, body).entries
        assert.ok(entry)
        assert.equal(entry.content, undefined, `${format}: no full text`)
        assert.ok(!body.includes('Sea wall plans go to a vote'), `${format}: no body text`)
        assert.equal(entry.summary, site.first.brief, `${format}: the summary`)
        if (format === 'json') {
          assert.equal(
            (JSON.parse(body) as { items: Node[] }).items[0]?.content_text,
            site.first.brief,
          )
        }
      }
    })

    for (const cache of ['cached', 'uncached'] as const) {
      test(`conditional GET: ETag and Last-Modified answer 304 (${cache})`, async (t) => {
        const site = await setup(t, dialect, cache === 'uncached' ? { PAGE_CACHE_MB: '0' } : {})
        for (const path of ['/feed.rss', '/news/feed.atom', '/authors/ada-brekke/feed.json']) {
          const first = await fetchFeed(site.server, path)
          assert.equal(first.response.status, 200)
          const etag = first.response.headers.get('etag')
          const lastModified = first.response.headers.get('last-modified')
          assert.ok(etag, `${path}: ETag`)
          assert.ok(
            lastModified && !Number.isNaN(Date.parse(lastModified)),
            `${path}: Last-Modified`,
          )
          for (const headers of [
            { 'if-none-match': etag },
            { 'if-modified-since': lastModified },
          ] as Record<string, string>[]) {
            const again = await fetchFeed(site.server, path, { headers })
            assert.equal(again.response.status, 304, `${path}: ${JSON.stringify(headers)}`)
            assert.equal(again.body, '')
            assert.equal(again.response.headers.get('etag'), etag)
          }
          const earlier = new Date(Date.parse(lastModified) - 3_600_000).toUTCString()
          for (const headers of [
            { 'if-none-match': 'W/"something-else"' },
            { 'if-modified-since': earlier },
          ] as Record<string, string>[]) {
            const again = await fetchFeed(site.server, path, { headers })
            assert.equal(again.response.status, 200, `${path}: ${JSON.stringify(headers)}`)
            assert.equal(again.body, first.body)
          }
        }
        // A new story changes the feed: the old ETag no longer matches.
        const before = await fetchFeed(site.server, '/feed.rss')
        site.ctx.clock.advance(MINUTE)
        const { article } = await importArticle(site.ctx, { dateLine: '' }, { sectionSlug: 'news' })
        const after = await fetchFeed(site.server, '/feed.rss', {
          headers: { 'if-none-match': before.response.headers.get('etag') ?? '' },
        })
        assert.equal(after.response.status, 200)
        assert.ok(after.body.includes(article.headline))
        assert.notEqual(after.response.headers.get('etag'), before.response.headers.get('etag'))
      })
    }

    test('feeds of unknown sections, authors and tags are 404', async (t) => {
      const site = await setup(t, dialect)
      for (const format of FEED_FORMATS) {
        for (const path of [
          '/no-such-section',
          '/authors/nobody-at-all',
          '/tags/no-such-tag',
          '/Not_A_Slug',
          '/2026',
        ]) {
          const response = await site.server.get(feedPath(path, format))
          assert.equal(response.status, 404, feedPath(path, format))
        }
      }
    })

    for (const fullText of [true, false]) {
      test(`hostile text stays well-formed and inert in every feed (${fullText ? 'full text' : 'summaries'})`, async (t) => {
        const ctx = await createTestContext(t, dialect, { FEED_FULL_TEXT: String(fullText) })
        const server = await startTestServer(t, ctx)
        const staff = await createStaff(ctx, 'editor')
        const headline = '<script>alert(1)</script> ]]> & \u0001 \u2028 "quoted" \'end\''
        const standfirst = 'Stand ]]> <b>bold</b> & <img src=x onerror=alert(1)> \u0002 \u2028'
        const draft = await ctx.services.editing.createDraft(staff.actor, {
          headline,
          standfirst,
          dateline: 'X <i>Y</i> ]]>',
          body: 'Body ]]> <img src=x onerror=alert(1)> & \u0003 \u2028 <script>alert(2)</script>\n\n[js](javascript:alert(1)) [ok](/news)',
          keyPoints: [],
          sectionSlug: 'news',
          bylines: ['Ada <Brekke>'],
          tags: ['<b>Tag</b> & "q" ]]>'],
          slug: '',
        })
        await ctx.services.workflow.transition(staff.actor, draft.id, { transition: 'publish' })
        const article = await ctx.services.articles.getPublishedBySlug(draft.slug)
        const [tag] = article.tags
        const [author] = article.bylines
        assert.ok(tag && author)
        for (const path of ['/', '/news', `/authors/${author.slug}`, `/tags/${tag.slug}`]) {
          for (const format of FEED_FORMATS) {
            const url = feedPath(path, format)
            const { response, body } = await fetchFeed(server, url)
            assert.equal(response.status, 200, url)
            if (format !== 'json') {
              // Nothing from the story is markup in the feed document itself.
              for (const raw of [
                '<script',
                '<img',
                '<b>',
                '<i>',
                'CDATA',
                '\u0001',
                '\u0002',
                '\u0003',
              ]) {
                assert.ok(!body.includes(raw), `${url}: ${JSON.stringify(raw)} in the raw feed`)
              }
            }
            const feed = readFeed(format, body)
            const [entry] = feed.entries
            assert.ok(entry, url)
            // The headline comes back as the same text, only the control character gone.
            assert.equal(entry.title, visible(headline), `${url}: title`)
            assert.ok(entry.title.includes('\u2028'))
            assert.deepEqual(entry.authors, ['Ada <Brekke>'], `${url}: author`)
            assert.ok(entry.categories.includes('<b>Tag</b> & "q" ]]>'), `${url}: tag`)
            // HTML fields hold escaped text: parsed as HTML, they make no elements at all
            // beyond Markdown's own, and no handler or script anywhere.
            const htmlFields = [entry.content ?? '']
            if (format === 'rss') htmlFields.push(entry.summary ?? '')
            for (const html of htmlFields) {
              const document = parse(html)
              assert.equal(document.querySelectorAll('script, img, b, i, iframe').length, 0, html)
              for (const element of document.querySelectorAll('*')) {
                for (const name of Object.keys(element.attributes)) {
                  assert.ok(!name.startsWith('on'), `${url}: ${name} attribute`)
                }
                const href = element.getAttribute('href')
                if (href) assert.ok(href.startsWith(`${SITE}/`), `${url}: link ${href}`)
              }
            }
            if (fullText) {
              // Links inside the body point to the site, wherever the feed is read.
              assert.ok(entry.content?.includes(`href="${SITE}/news"`), entry.content)
              const document = parse(entry.content ?? '')
              assert.ok(document.text.includes('<img src=x onerror=alert(1)>'), 'body as text')
              assert.ok(document.text.includes('<script>alert(2)</script>'), 'body as text')
            } else {
              assert.equal(entry.content, undefined)
            }
            if (format === 'rss') {
              // The description is HTML to readers: the summary comes as escaped text.
              assert.equal(entry.summary, escapeHtml(visible(article.brief)), 'description')
            } else {
              assert.equal(entry.summary, visible(article.brief), 'summary')
            }
          }
        }
      })
    }

    test('home, section, author and tag pages announce their feeds, and the feeds work', async (t) => {
      const site = await setup(t, dialect)
      for (const { path } of scopes(site)) {
        const { document } = await site.server.page(path)
        const links = document
          .querySelectorAll('head link[rel="alternate"]')
          .filter((link) => (link.getAttribute('type') ?? '').match(/rss|atom|feed\+json/))
        assert.deepEqual(
          links.map((link) => link.getAttribute('href')),
          FEED_FORMATS.map((format) => feedPath(path, format)),
          path,
        )
        for (const link of links) {
          assert.ok(link.getAttribute('title'), `${path}: the link has a title`)
          const href = link.getAttribute('href') ?? ''
          const response = await site.server.get(href)
          assert.equal(response.status, 200, href)
          const type = link.getAttribute('type') ?? ''
          assert.ok(response.headers.get('content-type')?.startsWith(type), `${href} is ${type}`)
        }
      }
    })
  })
}
