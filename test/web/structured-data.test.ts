import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { HTMLElement } from 'node-html-parser'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { hrefsOf, pathOf, publishInOrder, textsOf } from './html.js'

const SITE = 'https://news.example'

type Json = Record<string, unknown>

/** Every JSON-LD block of a page, parsed; parsing must not fail. */
function jsonLdOf(document: HTMLElement): Json[] {
  return document
    .querySelectorAll('script[type="application/ld+json"]')
    .map((script) => JSON.parse(script.rawText) as Json)
}

function ofType(blocks: Json[], type: string): Json {
  const found = blocks.filter((block) => block['@type'] === type)
  assert.equal(found.length, 1, `one ${type} in ${JSON.stringify(blocks.map((b) => b['@type']))}`)
  return found[0]!
}

const object = (value: unknown): Json => {
  assert.equal(typeof value, 'object')
  assert.ok(value !== null && !Array.isArray(value), JSON.stringify(value))
  return value as Json
}

const array = (value: unknown): unknown[] => {
  assert.ok(Array.isArray(value), JSON.stringify(value))
  return value
}

/** Every URL in a schema.org object (url, item, @id, urlTemplate) is absolute, on this site. */
function assertAbsoluteUrls(value: unknown, where = '$'): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertAbsoluteUrls(item, `${where}[${index}]`))
    return
  }
  if (typeof value !== 'object' || value === null) return
  for (const [key, inner] of Object.entries(value)) {
    if (['url', 'item', '@id', 'urlTemplate'].includes(key) && typeof inner === 'string') {
      assert.ok(inner.startsWith(`${SITE}/`), `${where}.${key} = ${inner} is not absolute`)
    }
    assertAbsoluteUrls(inner, `${where}.${key}`)
  }
}

/** A BreadcrumbList's items as [position, name, item]. */
function crumbsOf(list: Json): [unknown, unknown, unknown][] {
  assert.equal(list['@context'], 'https://schema.org')
  return array(list.itemListElement).map((element) => {
    const item = object(element)
    assert.equal(item['@type'], 'ListItem')
    return [item.position, item.name, item.item]
  })
}

/** The content of <meta property=…> or <meta name=…> tags, in order. */
function metaOf(document: HTMLElement, key: string): string[] {
  return document
    .querySelectorAll(`head meta[property="${key}"], head meta[name="${key}"]`)
    .map((meta) => meta.getAttribute('content') ?? '')
}

const canonicalOf = (document: HTMLElement) =>
  document.querySelector('head link[rel=canonical]')?.getAttribute('href')

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** The logo ImageObject is served as a PNG of the size it claims. */
async function assertLogo(server: TestServer, logo: unknown): Promise<void> {
  const image = object(logo)
  assert.equal(image['@type'], 'ImageObject')
  const url = String(image.url)
  assert.match(url, /^https:\/\/news\.example\/assets\/logo\.[0-9a-f]{8,}\.png$/)
  const response = await server.get(url.slice(SITE.length))
  assert.equal(response.status, 200)
  assert.equal(response.headers.get('content-type'), 'image/png')
  const size = pngSize(Buffer.from(await response.arrayBuffer()))
  assert.deepEqual(size, { width: image.width, height: image.height })
  assert.ok(size.width >= 112 && size.height >= 112, 'big enough for a publisher logo')
}

/** Publishes, through the newsroom's services, an article whose fields are given as they are. */
async function publishExactly(
  ctx: TestAppContext,
  fields: { headline: string; dateline: string; standfirst: string },
): Promise<Article> {
  const draft = await ctx.services.editing.createDraft(COMMAND_LINE, {
    ...fields,
    body: 'The ferry ran late again.\n\nPassengers waited on the quay.',
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: ['Ferries'],
    slug: '',
  })
  return ctx.services.workflow.transition(COMMAND_LINE, draft.id, { transition: 'publish' })
}

for (const dialect of testDialects()) {
  describe(`structured data and sharing (${dialect})`, () => {
    test('an article page carries a NewsArticle with every required field, and its breadcrumbs', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(
        ctx,
        { bylines: ['Zoe Adams', 'Ana Lind', 'Omar Haddad'], dateline: 'MOSCOW, RUSSIA' },
        { sectionSlug: 'politics', tags: ['Floods', 'Harbour Walls'] },
      )
      const path = pathOf(article)
      const url = SITE + path
      const { response, document } = await server.page(path)
      assert.equal(response.status, 200)
      assert.equal(canonicalOf(document), url)

      const blocks = jsonLdOf(document)
      assertAbsoluteUrls(blocks)
      const news = ofType(blocks, 'NewsArticle')
      assert.equal(news['@context'], 'https://schema.org')
      assert.equal(news.headline, article.headline)
      assert.equal(news.url, url)
      assert.deepEqual(news.mainEntityOfPage, { '@type': 'WebPage', '@id': url })
      assert.equal(news.inLanguage, 'en')
      assert.equal(news.description, article.brief)

      // The dates are the article's, and the page shows the same publication time.
      assert.ok(article.publishedAt)
      assert.equal(news.datePublished, article.publishedAt.toISOString())
      assert.equal(news.dateModified, article.publishedAt.toISOString())
      assert.equal(
        document.querySelector('.story-header time')?.getAttribute('datetime'),
        news.datePublished,
      )

      // One Person per byline, in order, each linking to the author page the byline links to.
      const authors = array(news.author).map(object)
      const bylines = document.querySelectorAll('.story-header a[rel=author]')
      assert.deepEqual(
        authors.map((author) => [author['@type'], author.name, author.url]),
        textsOf(bylines).map((name, index) => [
          'Person',
          name,
          SITE + (hrefsOf(bylines)[index] ?? ''),
        ]),
      )
      assert.deepEqual(
        authors.map((author) => author.name),
        ['Zoe Adams', 'Ana Lind', 'Omar Haddad'],
      )

      const publisher = object(news.publisher)
      assert.equal(publisher['@type'], 'NewsMediaOrganization')
      assert.equal(publisher.name, 'The Dateline Courier')
      assert.equal(publisher.url, `${SITE}/`)
      await assertLogo(server, publisher.logo)
      const images = array(news.image)
      assert.ok(images.length > 0)
      for (const image of images) await assertLogo(server, image)

      assert.equal(news.articleSection, 'Politics')
      assert.deepEqual(news.keywords, ['Floods', 'Harbour Walls'])
      assert.deepEqual(news.locationCreated, { '@type': 'Place', name: 'MOSCOW, RUSSIA' })
      assert.equal(
        document.querySelector('.story-body .dateline')?.text,
        object(news.locationCreated).name,
      )
      assert.equal(news.isAccessibleForFree, true)

      assert.deepEqual(crumbsOf(ofType(blocks, 'BreadcrumbList')), [
        [1, 'Home', `${SITE}/`],
        [2, 'Politics', `${SITE}/politics`],
        [3, article.headline, url],
      ])

      // Sharing cards: an article, with its times, section and tags.
      assert.deepEqual(metaOf(document, 'og:type'), ['article'])
      assert.deepEqual(metaOf(document, 'og:title'), [article.headline])
      assert.deepEqual(metaOf(document, 'og:description'), [article.brief])
      assert.deepEqual(metaOf(document, 'og:url'), [url])
      assert.deepEqual(metaOf(document, 'og:site_name'), ['The Dateline Courier'])
      assert.deepEqual(metaOf(document, 'og:image'), [object(publisher.logo).url])
      assert.deepEqual(metaOf(document, 'article:published_time'), [news.datePublished])
      assert.deepEqual(metaOf(document, 'article:modified_time'), [news.dateModified])
      assert.deepEqual(metaOf(document, 'article:section'), ['Politics'])
      assert.deepEqual(metaOf(document, 'article:tag'), ['Floods', 'Harbour Walls'])
      // The image is the site's square mark, so the small card.
      assert.deepEqual(metaOf(document, 'twitter:card'), ['summary'])
      assert.deepEqual(metaOf(document, 'twitter:title'), [article.headline])
      assert.deepEqual(metaOf(document, 'twitter:description'), [article.brief])
      assert.deepEqual(metaOf(document, 'twitter:image'), [object(publisher.logo).url])
    })

    test('dateModified follows a later update; no dateline or tags, no locationCreated or keywords', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const [article] = await publishInOrder(ctx, 1, {}, () => ({
        bylines: ['Ada Brekke'],
        dateline: '',
      }))
      assert.ok(article?.publishedAt)
      const before = ofType(jsonLdOf((await server.page(pathOf(article))).document), 'NewsArticle')
      assert.equal(before.locationCreated, undefined)
      assert.equal(before.keywords, undefined)
      assert.equal(before.dateModified, article.publishedAt.toISOString())

      ctx.clock.advance(3 * 60 * 60 * 1000)
      const saved = await ctx.services.editing.save(
        COMMAND_LINE,
        article.id,
        {
          headline: `${article.headline} (updated)`,
          standfirst: article.standfirst,
          dateline: article.dateline,
          body: article.body,
          keyPoints: article.keyPoints,
          sectionSlug: 'news',
          bylines: ['Ada Brekke'],
          tags: [],
          slug: article.slug,
        },
        { baseVersion: article.version },
      )
      const { document } = await server.page(pathOf(article))
      const after = ofType(jsonLdOf(document), 'NewsArticle')
      assert.equal(after.headline, `${article.headline} (updated)`)
      assert.equal(after.datePublished, article.publishedAt.toISOString())
      assert.equal(after.dateModified, saved.updatedAt.toISOString())
      assert.notEqual(after.dateModified, after.datePublished)
      assert.deepEqual(metaOf(document, 'article:modified_time'), [after.dateModified])
      assert.deepEqual(array(after.author), [
        { '@type': 'Person', name: 'Ada Brekke', url: `${SITE}/authors/ada-brekke` },
      ])
    })

    test('a hostile headline and site name stay inside the JSON-LD block and round-trip', async (t) => {
      const hostileName = 'Courier </script><script>alert(2)</script>'
      const ctx = await createTestContext(t, dialect, { SITE_NAME: hostileName })
      const server = await startTestServer(t, ctx)
      const headline =
        'Ferry </script><script>alert(1)</script> <!-- late \u2028 again \u2029 & "quoted" \\ back'
      const article = await publishExactly(ctx, {
        headline,
        dateline: 'OSLO</script>, NORWAY',
        standfirst: 'A standfirst with "quotes" & <b>tags</b>.',
      })
      assert.equal(article.headline, headline, 'the headline is stored as given')
      const { html, document } = await server.page(pathOf(article))

      // No script of the page's own making: every <script> is JSON-LD data or same-site code.
      for (const script of document.querySelectorAll('script')) {
        const isData = script.getAttribute('type') === 'application/ld+json'
        assert.ok(isData || script.getAttribute('src'), `a stray script: ${script.outerHTML}`)
        if (isData) {
          assert.doesNotMatch(script.rawText, /[<\u2028\u2029]/)
        }
      }
      assert.doesNotMatch(html, /<script>alert/)
      assert.equal(html.split('<script').length - 1, document.querySelectorAll('script').length)

      const blocks = jsonLdOf(document)
      const news = ofType(blocks, 'NewsArticle')
      assert.equal(news.headline, headline)
      assert.deepEqual(news.locationCreated, { '@type': 'Place', name: 'OSLO</script>, NORWAY' })
      assert.equal(object(news.publisher).name, hostileName)
      assert.equal(crumbsOf(ofType(blocks, 'BreadcrumbList'))[2]?.[1], headline)

      // Attributes are escaped: the values read back exactly, and no tag breaks out.
      assert.deepEqual(metaOf(document, 'og:title'), [headline])
      assert.deepEqual(metaOf(document, 'twitter:title'), [headline])
      assert.deepEqual(metaOf(document, 'og:site_name'), [hostileName])
      assert.equal(document.querySelectorAll('head meta[property="og:title"]').length, 1)

      const home = jsonLdOf((await server.page('/')).document)
      assert.equal(ofType(home, 'WebSite').name, hostileName)
    })

    test('the home page describes the site, its search and the organization behind it', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      await importArticle(ctx)
      const { document } = await server.page('/')
      assert.equal(canonicalOf(document), `${SITE}/`)
      const blocks = jsonLdOf(document)
      assertAbsoluteUrls(blocks)

      const site = ofType(blocks, 'WebSite')
      assert.equal(site['@context'], 'https://schema.org')
      assert.equal(site.url, `${SITE}/`)
      assert.equal(site.name, 'The Dateline Courier')
      assert.equal(site.inLanguage, 'en')
      const action = object(site.potentialAction)
      assert.equal(action['@type'], 'SearchAction')
      assert.deepEqual(action.target, {
        '@type': 'EntryPoint',
        urlTemplate: `${SITE}/search?q={search_term_string}`,
      })
      assert.equal(action['query-input'], 'required name=search_term_string')

      const organization = ofType(blocks, 'NewsMediaOrganization')
      assert.equal(organization['@context'], 'https://schema.org')
      assert.equal(organization.name, 'The Dateline Courier')
      assert.equal(organization.url, `${SITE}/`)
      assert.deepEqual(object(site.publisher), { '@id': organization['@id'] })
      await assertLogo(server, organization.logo)

      assert.deepEqual(metaOf(document, 'og:type'), ['website'])
      assert.deepEqual(metaOf(document, 'og:title'), ['The Dateline Courier'])
      assert.deepEqual(metaOf(document, 'og:url'), [`${SITE}/`])
      assert.deepEqual(metaOf(document, 'article:published_time'), [])
      assert.equal(metaOf(document, 'og:description').length, 1)
      assert.equal(metaOf(document, 'twitter:card').length, 1)
    })

    test('section, author and tag pages carry breadcrumbs and website cards', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      await importArticle(ctx, { bylines: ['Ada Brekke'] }, { tags: ['Floods'] })
      await ctx.services.authors.setBio('ada-brekke', 'Ada covers the coast.')
      for (const [path, name] of [
        ['/news', 'News'],
        ['/authors/ada-brekke', 'Ada Brekke'],
        ['/tags/floods', 'Floods'],
      ] as const) {
        const { response, document } = await server.page(path)
        assert.equal(response.status, 200, path)
        assert.equal(canonicalOf(document), SITE + path, path)
        const blocks = jsonLdOf(document)
        assertAbsoluteUrls(blocks)
        assert.deepEqual(
          crumbsOf(ofType(blocks, 'BreadcrumbList')),
          [
            [1, 'Home', `${SITE}/`],
            [2, name, SITE + path],
          ],
          path,
        )
        assert.deepEqual(metaOf(document, 'og:type'), ['website'], path)
        assert.deepEqual(metaOf(document, 'og:title'), [name], path)
        assert.deepEqual(metaOf(document, 'og:url'), [SITE + path], path)
      }
      const author = jsonLdOf((await server.page('/authors/ada-brekke')).document)
      assert.deepEqual(ofType(author, 'ProfilePage').mainEntity, {
        '@type': 'Person',
        name: 'Ada Brekke',
        url: `${SITE}/authors/ada-brekke`,
        description: 'Ada covers the coast.',
      })
    })

    test('every public page names its canonical URL', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const stories = await publishInOrder(ctx, 21, {}, () => ({ bylines: ['Ada Brekke'] }))
      const [first] = stories
      assert.ok(first?.publishedAt)
      const day = pathOf(first).split('/').slice(0, 4).join('/')
      for (const [path, canonical] of [
        ['/', '/'],
        [pathOf(first), pathOf(first)],
        [`${pathOf(first)}?utm_source=x`, pathOf(first)],
        ['/news?page=2', '/news?page=2'],
        ['/authors/ada-brekke', '/authors/ada-brekke'],
        ['/at-a-glance', '/at-a-glance'],
        ['/at-a-glance?page=2', '/at-a-glance?page=2'],
        [`${day}/`, day],
        [day.slice(0, 8), day.slice(0, 8)],
        [day.slice(0, 5), day.slice(0, 5)],
      ]) {
        const { response, document } = await server.page(path!)
        assert.equal(response.status, 200, path)
        assert.equal(canonicalOf(document), SITE + canonical!, path)
      }
    })
  })
}
