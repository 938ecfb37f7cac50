// Sitemaps over real HTTP: the index and every file it lists validate against
// the sitemaps.org and Google News XSDs (xmllint), list every published
// article, section, author and tag and nothing unpublished, with lastmod from
// real update times; the news sitemap keeps to two days and 1,000 stories;
// lists split into files at the URL limit (lowered through the builder's
// parameter); robots.txt points to the index.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { Article } from '../../src/domain/articles/article.js'
import type { ArticleRecord } from '../../src/domain/articles/article-store.js'
import { EMPTY_SEO } from '../../src/domain/articles/article-seo.js'
import { NEWS_WINDOW_MS } from '../../src/domain/articles/syndication-service.js'
import { NotFoundError } from '../../src/domain/errors.js'
import {
  fileCount,
  newsLanguage,
  SITEMAP_MAX_URLS,
  urlsetXml,
} from '../../src/web/public/sitemaps/sitemap-documents.js'
import { createSitemaps } from '../../src/web/public/sitemaps/sitemaps.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle, inputOf } from '../helpers/factories.js'
import { validateXml, xmllintUnavailable } from '../helpers/xmllint.js'
import { createStaff, type Staff } from './admin-session.js'
import { pathOf, SECTION_PATHS } from './html.js'

const SITE = 'https://news.example'
const SITE_NAME = 'The Dateline Courier'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** When createTestContext's clock starts, and so when the default sections were made. */
const CLOCK_START = '2026-11-20T09:00:00.000Z'

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: false,
  isArray: (_name, path) => ['urlset.url', 'sitemapindex.sitemap'].includes(String(path)),
})

interface Loc {
  loc: string
  lastmod?: string
  news?: { name: string; language: string; publicationDate: string; title: string }
}

type Node = Record<string, unknown>

/** Reads a urlset or a sitemap index; it must be well-formed. */
function readSitemap(body: string): { root: 'urlset' | 'sitemapindex'; entries: Loc[] } {
  assert.equal(XMLValidator.validate(body), true, 'well-formed XML')
  const parsed = xml.parse(body) as Node
  const root = 'urlset' in parsed ? 'urlset' : 'sitemapindex'
  const container = parsed[root] as Node
  assert.equal(container['@xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9')
  const list = (container[root === 'urlset' ? 'url' : 'sitemap'] ?? []) as Node[]
  return {
    root,
    entries: list.map((entry) => {
      const news = entry['news:news'] as Node | undefined
      const publication = news?.['news:publication'] as Node | undefined
      return {
        loc: String(entry.loc),
        lastmod: typeof entry.lastmod === 'string' ? entry.lastmod : undefined,
        news: news && {
          name: String(publication?.['news:name']),
          language: String(publication?.['news:language']),
          publicationDate: String(news['news:publication_date']),
          title: String(news['news:title']),
        },
      }
    }),
  }
}

/** Fails with xmllint's messages unless the document is valid against the schema. */
function assertValid(body: string, schema: 'urlset' | 'sitemapindex', label: string): void {
  const { valid, output } = validateXml(body, schema)
  assert.ok(valid, `${label} is not valid:\n${output}\n${body.slice(0, 2000)}`)
}

/** The path part of an absolute URL on the site. */
function pathIn(url: string): string {
  assert.ok(url.startsWith(`${SITE}/`), `absolute URL on the site: ${url}`)
  return url.slice(SITE.length)
}

interface Site {
  ctx: TestAppContext
  server: TestServer
  staff: Staff
  /** Published, oldest first. */
  published: Article[]
  withdrawn: Article
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
  const published = [
    await publish({ bylines: ['Ada Brekke'] }, { sectionSlug: 'news', tags: ['Floods'] }),
    await publish(
      { bylines: ['Jonas Vik', 'Ada Brekke'] },
      { sectionSlug: 'sport', tags: ['Floods', 'Harbour'] },
    ),
    await publish(
      { bylines: ['Mari Lund'], headline: 'Hostile <script>alert(1)</script> ]]> & news' },
      { sectionSlug: 'news', tags: ['Ferries'] },
    ),
  ]
  const withdrawn = await publish(
    { bylines: ['Withdrawn Writer'], headline: 'Withdrawn story' },
    { sectionSlug: 'arts', tags: ['Withdrawn Tag'] },
  )
  await ctx.services.workflow.transition(staff.actor, withdrawn.id, { transition: 'unpublish' })
  const draft = await publish(
    { bylines: ['Draft Writer'], headline: 'Draft story' },
    { sectionSlug: 'arts', tags: ['Draft Tag'], draft: true },
  )
  return { ctx, server, staff, published, withdrawn, draft }
}

async function fetchXml(server: TestServer, path: string, init: RequestInit = {}) {
  const response = await server.get(path, init)
  const body = await response.text()
  return { response, body }
}

/** The index and every file it lists, fetched and read. */
async function crawl(server: TestServer) {
  const index = await fetchXml(server, '/sitemap.xml')
  assert.equal(index.response.status, 200)
  assert.equal(index.response.headers.get('content-type'), 'application/xml; charset=utf-8')
  const read = readSitemap(index.body)
  assert.equal(read.root, 'sitemapindex')
  const files = new Map<string, { body: string; entries: Loc[]; lastmod?: string }>()
  for (const entry of read.entries) {
    const path = pathIn(entry.loc)
    const file = await fetchXml(server, path)
    assert.equal(file.response.status, 200, path)
    const urlset = readSitemap(file.body)
    assert.equal(urlset.root, 'urlset', path)
    files.set(path, { body: file.body, entries: urlset.entries, lastmod: entry.lastmod })
  }
  return { index: index.body, files }
}

const iso = (date: Date | null): string => (date ?? new Date(NaN)).toISOString()

for (const dialect of testDialects()) {
  describe(`sitemaps (${dialect})`, () => {
    test('the index lists every sitemap; together they list every published page and nothing else', async (t) => {
      const site = await setup(t, dialect)
      const { files } = await crawl(site.server)
      assert.deepEqual(
        [...files.keys()],
        [
          '/sitemaps/articles-1.xml',
          '/sitemaps/sections-1.xml',
          '/sitemaps/authors-1.xml',
          '/sitemaps/tags-1.xml',
          '/sitemaps/news.xml',
        ],
      )
      const locs = (path: string) => (files.get(path)?.entries ?? []).map((e) => pathIn(e.loc))

      // Articles: published ones, oldest first, each with its last update.
      const articles = files.get('/sitemaps/articles-1.xml')?.entries ?? []
      assert.deepEqual(
        articles.map((entry) => pathIn(entry.loc)),
        site.published.map(pathOf),
      )
      assert.deepEqual(
        articles.map((entry) => entry.lastmod),
        site.published.map((article) => iso(article.updatedAt)),
      )
      // Sections: the home page and every section.
      assert.deepEqual(locs('/sitemaps/sections-1.xml'), ['/', ...SECTION_PATHS])
      // Authors and tags with a published story, and no others.
      assert.deepEqual(locs('/sitemaps/authors-1.xml'), [
        '/authors/ada-brekke',
        '/authors/jonas-vik',
        '/authors/mari-lund',
      ])
      assert.deepEqual(locs('/sitemaps/tags-1.xml'), [
        '/tags/ferries',
        '/tags/floods',
        '/tags/harbour',
      ])
      const everything = [...files.values()].map((file) => file.body).join('\n')
      for (const hidden of [site.withdrawn, site.draft]) {
        assert.ok(!everything.includes(hidden.slug), `${hidden.headline} is not listed`)
      }
      for (const hidden of ['withdrawn-writer', 'draft-writer', 'withdrawn-tag', 'draft-tag']) {
        assert.ok(!everything.includes(hidden), `${hidden} is not listed`)
      }
    })

    test('lastmod comes from real update times, and follows an edit', async (t) => {
      const site = await setup(t, dialect)
      const [first, second, third] = site.published
      assert.ok(first && second && third)
      const lastmods = async () => {
        const { files } = await crawl(site.server)
        const byLoc = new Map<string, string | undefined>()
        for (const [path, file] of files) {
          byLoc.set(path, file.lastmod)
          for (const entry of file.entries) byLoc.set(pathIn(entry.loc), entry.lastmod)
        }
        return byLoc
      }
      let seen = await lastmods()
      // A section or tag changed when its newest story did; an empty section when it was made.
      assert.equal(seen.get('/news'), iso(third.updatedAt))
      assert.equal(seen.get('/sport'), iso(second.updatedAt))
      assert.equal(seen.get('/arts'), CLOCK_START, 'the withdrawn story does not count')
      assert.equal(seen.get('/'), iso(third.updatedAt))
      assert.equal(seen.get('/authors/ada-brekke'), iso(second.updatedAt))
      assert.equal(seen.get('/tags/floods'), iso(second.updatedAt))
      assert.equal(seen.get('/tags/ferries'), iso(third.updatedAt))
      // Each file's lastmod in the index is its newest entry's.
      assert.equal(seen.get('/sitemaps/articles-1.xml'), iso(third.updatedAt))
      assert.equal(seen.get('/sitemaps/tags-1.xml'), iso(third.updatedAt))

      // An editor corrects the oldest story an hour later.
      site.ctx.clock.advance(HOUR)
      const current = await site.ctx.services.editing.get(site.staff.actor, first.id)
      const saved = await site.ctx.services.editing.save(
        site.staff.actor,
        first.id,
        inputOf(current, { standfirst: 'A corrected standfirst.' }),
        { baseVersion: current.version },
      )
      seen = await lastmods()
      assert.equal(seen.get(pathOf(first)), iso(saved.updatedAt))
      assert.equal(seen.get('/news'), iso(saved.updatedAt))
      assert.equal(seen.get('/tags/floods'), iso(saved.updatedAt))
      assert.equal(seen.get('/authors/ada-brekke'), iso(saved.updatedAt))
      assert.equal(seen.get('/sitemaps/articles-1.xml'), iso(saved.updatedAt))
      assert.equal(seen.get(pathOf(second)), iso(second.updatedAt), 'the others are unchanged')
    })

    test('the index and every sitemap validate against the XSDs (xmllint)', async (t) => {
      const unavailable = xmllintUnavailable()
      if (unavailable) {
        t.skip(unavailable)
        return
      }
      const site = await setup(t, dialect)
      const { index, files } = await crawl(site.server)
      assertValid(index, 'sitemapindex', '/sitemap.xml')
      for (const [path, file] of files) assertValid(file.body, 'urlset', path)
      // The checker itself refuses what the schema forbids.
      assert.equal(
        validateXml(
          index.replace(/<loc>/, '<loc>x').replace('<lastmod>', '<lastmod>soon'),
          'sitemapindex',
        ).valid,
        false,
      )
    })

    test('the news sitemap lists the last two days, newest first, with publication, date and title', async (t) => {
      const site = await setup(t, dialect, { PAGE_CACHE_MB: '0' })
      // Three days ago, 47 hours ago and now.
      site.ctx.clock.advance(HOUR)
      const now = () => site.ctx.clock.now()
      site.ctx.clock.set(new Date(now().getTime() - 72 * HOUR))
      const old = (await importArticle(site.ctx, { dateLine: '' }, { sectionSlug: 'news' })).article
      site.ctx.clock.advance(25 * HOUR)
      const recent = (await importArticle(site.ctx, { dateLine: '' }, { sectionSlug: 'news' }))
        .article
      site.ctx.clock.advance(47 * HOUR)
      const news = async () => {
        const { response, body } = await fetchXml(site.server, '/sitemaps/news.xml')
        assert.equal(response.status, 200)
        const read = readSitemap(body)
        if (!xmllintUnavailable() && read.entries.length > 0) assertValid(body, 'urlset', 'news')
        return read.entries
      }
      let entries = await news()
      const expected = [...site.published].reverse().concat(recent)
      assert.deepEqual(
        entries.map((entry) => pathIn(entry.loc)),
        expected.map(pathOf),
      )
      assert.ok(!entries.some((entry) => entry.loc.endsWith(old.slug)), 'three days is too old')
      for (const [index, entry] of entries.entries()) {
        const article = expected[index]
        assert.ok(article)
        assert.deepEqual(entry.news, {
          name: SITE_NAME,
          language: 'en',
          publicationDate: iso(article.publishedAt),
          title: article.headline,
        })
      }
      assert.equal(entries[0]?.news?.title, 'Hostile <script>alert(1)</script> ]]> & news')

      // Two hours later the recent story is past the window.
      site.ctx.clock.advance(2 * HOUR)
      entries = await news()
      assert.ok(!entries.some((entry) => entry.loc.endsWith(recent.slug)))
      assert.equal(entries.length, site.published.length)

      // And once everything is older than two days, the sitemap is empty and the index leaves it out.
      site.ctx.clock.advance(NEWS_WINDOW_MS)
      assert.deepEqual(await news(), [])
      const index = readSitemap((await fetchXml(site.server, '/sitemap.xml')).body)
      assert.ok(!index.entries.some((entry) => entry.loc.endsWith('/news.xml')))
    })

    test('the news sitemap holds at most 1,000 stories: the newest', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const news = await ctx.services.sections.getBySlug('news')
      const start = ctx.clock.now().getTime()
      const records: ArticleRecord[] = Array.from({ length: 1001 }, (_, index) => {
        const at = new Date(start + index * 1000)
        return {
          id: `0190${String(index).padStart(4, '0')}-0000-7000-8000-000000000000`,
          slug: `bulk-story-${index}`,
          headline: `Bulk story ${index}`,
          standfirst: '',
          dateline: '',
          body: 'Text.',
          keyPoints: [],
          brief: 'Text.',
          sectionId: news.id,
          authorIds: [],
          tagIds: [],
          leadImageId: null,
          inlineImageIds: [],
          seo: EMPTY_SEO,
          socialImageId: null,
          status: 'published',
          publishedAt: at,
          scheduledFor: null,
          createdAt: at,
          updatedAt: at,
          createdBy: null,
          commentMode: 'default',
          version: 1,
          importKey: null,
        }
      })
      await ctx.stores.transaction(async (stores) => {
        for (const record of records) await stores.articles.insert(record)
      })
      ctx.clock.set(new Date(start + HOUR))
      const { response, body } = await fetchXml(server, '/sitemaps/news.xml')
      assert.equal(response.status, 200)
      const { entries } = readSitemap(body)
      assert.equal(entries.length, 1000)
      assert.equal(entries[0]?.news?.title, 'Bulk story 1000')
      assert.equal(entries.at(-1)?.news?.title, 'Bulk story 1')
      if (!xmllintUnavailable()) assertValid(body, 'urlset', 'news')
    })

    test('lists split into files at the URL limit (lowered to 2 through the builder)', async (t) => {
      const site = await setup(t, dialect)
      for (let index = 0; index < 2; index++) {
        site.ctx.clock.advance(MINUTE)
        const { article } = await importArticle(site.ctx, { dateLine: '' }, { sectionSlug: 'arts' })
        site.published.push(article)
      }
      const sitemaps = createSitemaps(site.ctx.services.syndication, {
        site: {
          url: SITE,
          name: SITE_NAME,
          language: 'en',
          timeZone: 'Europe/London',
          media: { page: '/media', absolute: `${SITE}/media` },
        },
        maxUrls: 2,
      })
      const index = readSitemap((await sitemaps.index()).xml)
      const names = index.entries.map((entry) => pathIn(entry.loc))
      assert.deepEqual(names, [
        '/sitemaps/articles-1.xml',
        '/sitemaps/articles-2.xml',
        '/sitemaps/articles-3.xml',
        '/sitemaps/sections-1.xml',
        '/sitemaps/sections-2.xml',
        '/sitemaps/sections-3.xml',
        '/sitemaps/sections-4.xml',
        '/sitemaps/authors-1.xml',
        '/sitemaps/authors-2.xml',
        '/sitemaps/tags-1.xml',
        '/sitemaps/tags-2.xml',
        '/sitemaps/news.xml',
      ])
      const articles: string[] = []
      for (const [position, name] of names.entries()) {
        const file = name.slice('/sitemaps/'.length, -'.xml'.length)
        const document = await sitemaps.file(file)
        const read = readSitemap(document.xml)
        if (file !== 'news') assert.ok(read.entries.length <= 2, `${file}: at most 2 URLs`)
        if (!xmllintUnavailable()) assertValid(document.xml, 'urlset', file)
        if (file.startsWith('articles-')) {
          articles.push(...read.entries.map((entry) => pathIn(entry.loc)))
          // The index gives each file the newest lastmod among its URLs.
          const newest = read.entries
            .map((entry) => entry.lastmod ?? '')
            .sort()
            .at(-1)
          assert.equal(index.entries[position]?.lastmod, newest)
        }
      }
      // Every published story exactly once, oldest first, across the files.
      assert.deepEqual(articles, site.published.map(pathOf))
      await assert.rejects(sitemaps.file('articles-4'), NotFoundError)
      await assert.rejects(sitemaps.file('tags-3'), NotFoundError)

      // The pure parts: files needed, and no document over its limit.
      assert.equal(fileCount(0), 0)
      assert.equal(fileCount(SITEMAP_MAX_URLS), 1)
      assert.equal(fileCount(SITEMAP_MAX_URLS + 1), 2)
      assert.equal(fileCount(120_000), 3)
      const url = { loc: `${SITE}/news` }
      assert.throws(() => urlsetXml([url, url, url], 2), RangeError)
      assert.doesNotThrow(() => urlsetXml([url, url], 2))
    })

    test('unknown sitemap files are 404; conditional GETs get 304', async (t) => {
      const site = await setup(t, dialect)
      for (const path of [
        '/sitemaps/articles-2.xml',
        '/sitemaps/articles-0.xml',
        '/sitemaps/articles-01.xml',
        '/sitemaps/tags-2.xml',
        '/sitemaps/everything.xml',
        '/sitemaps/news.XML',
        '/sitemaps/news.xml.gz',
        '/sitemaps/articles-1',
      ]) {
        const response = await site.server.get(path)
        assert.equal(response.status, 404, path)
      }
      for (const path of ['/sitemap.xml', '/sitemaps/articles-1.xml', '/sitemaps/news.xml']) {
        const first = await fetchXml(site.server, path)
        const etag = first.response.headers.get('etag')
        const lastModified = first.response.headers.get('last-modified')
        assert.ok(etag && lastModified, path)
        for (const headers of [
          { 'if-none-match': etag },
          { 'if-modified-since': lastModified },
        ] as Record<string, string>[]) {
          const again = await site.server.get(path, { headers })
          assert.equal(again.status, 304, `${path}: ${JSON.stringify(headers)}`)
        }
      }
    })

    test('robots.txt keeps crawlers out of the newsroom and points to the sitemap index', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const response = await server.get('/robots.txt')
      assert.equal(response.status, 200)
      const lines = (await response.text()).split('\n')
      assert.ok(lines.includes('User-agent: *'))
      assert.ok(lines.includes('Disallow: /admin/'))
      assert.ok(lines.includes(`Sitemap: ${SITE}/sitemap.xml`))
    })
  })
}

describe('news sitemap language', () => {
  test('ISO 639 codes, and zh-cn or zh-tw for Chinese', () => {
    assert.equal(newsLanguage('en'), 'en')
    assert.equal(newsLanguage('en-GB'), 'en')
    assert.equal(newsLanguage('FR'), 'fr')
    assert.equal(newsLanguage('zh-Hant-TW'), 'zh-tw')
    assert.equal(newsLanguage('zh-HK'), 'zh-tw')
    assert.equal(newsLanguage('zh-CN'), 'zh-cn')
    assert.equal(newsLanguage('zh'), 'zh-cn')
    assert.equal(newsLanguage('gsw'), 'gsw')
  })
})
