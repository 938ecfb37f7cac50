import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { HTMLElement } from 'node-html-parser'
import { startTestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { assertValidHtml } from '../helpers/html-validity.js'
import { pathOf, textOf } from './html.js'
import { header, rawRequest } from './http.js'

const SITE_URL = 'https://news.example'
const STYLESHEET = readFileSync(new URL('../../assets/site.css', import.meta.url))

/** A story, an author with a bio and a tag, all carrying markup that must stay text. */
async function publishHostileStory(ctx: TestAppContext) {
  const { article } = await importArticle(
    ctx,
    {
      headline: 'Council says <script>alert(1)</script> is not a policy',
      standfirst: 'Critics replied with <img src=x onerror=alert(2)> and <b style="color:red">.',
      body: [
        'The council met on <style>body{display:none}</style> Tuesday.',
        'A link [click](javascript:alert(3)) and a picture ![pic](https://evil.example/x.png).',
        '<a href="https://evil.example" onclick="alert(4)">more</a>',
        '- <i onmouseover="alert(5)">Reaction</i> -',
      ],
      keyPoints: ['<iframe src="https://evil.example"></iframe>'],
    },
    { tags: ['<b onmouseover=alert(6)>Floods</b>'] },
  )
  await ctx.services.authors.setBio(
    'ada-brekke',
    '<script src="https://evil.example/x.js"></script>',
  )
  return article
}

function pagesOf(articlePath: string): string[] {
  return ['/', articlePath, '/news', '/authors/ada-brekke', '/tags/b-onmouseover-alert-6-floods-b']
}

/** Whether a URL stays on this site: a path, or an absolute URL on SITE_URL. */
const sameOrigin = (url: string) =>
  (url.startsWith('/') && !url.startsWith('//')) || url.startsWith(`${SITE_URL}/`)

function assertNoInlineCodeOrForeignLoads(document: HTMLElement, page: string): void {
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase()
    for (const name of Object.keys(element.attributes)) {
      assert.doesNotMatch(name, /^on/i, `${page}: <${tag} ${name}>`)
      assert.notEqual(name.toLowerCase(), 'style', `${page}: <${tag} style>`)
    }
    assert.ok(!['style', 'iframe', 'object', 'embed'].includes(tag), `${page}: <${tag}>`)
    // JSON-LD is data the browser never runs; its text must still parse and hold no "<".
    if (tag === 'script' && element.getAttribute('type') === 'application/ld+json') {
      assert.doesNotMatch(element.rawText, /</, `${page}: "<" in JSON-LD`)
      assert.doesNotThrow(() => JSON.parse(element.rawText) as unknown, `${page}: JSON-LD`)
    } else if (tag === 'script') {
      assert.ok(element.getAttribute('src'), `${page}: inline <script>`)
    }
    const href = element.getAttribute('href')
    const src = element.getAttribute('src')
    if (tag === 'link' && href !== undefined) {
      assert.ok(sameOrigin(href), `${page}: <link> loads ${href}`)
    }
    if (src !== undefined) assert.ok(sameOrigin(src), `${page}: <${tag}> loads ${src}`)
    if (href !== undefined) assert.doesNotMatch(href, /^\s*javascript:/i, `${page}: href=${href}`)
  }
}

for (const dialect of testDialects()) {
  describe(`HTML quality (${dialect})`, () => {
    test('home, article, listing and error pages are valid HTML', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const empty = await server.page('/')
      const article = await publishHostileStory(ctx)
      await importArticle(ctx, { bylines: ['Ada Brekke'] })
      const paths = [...pagesOf(pathOf(article)), '/no-such-page', '/%E0%A4%A', '/news?page=9']
      for (const [path, html] of [
        ['/ (empty site)', empty.html],
        ...(await Promise.all(paths.map(async (path) => [path, (await server.page(path)).html]))),
      ] as [string, string][]) {
        await assertValidHtml(html, path)
      }
    })

    test('pages keep markup in content as text, with no inline code and nothing from another host', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const article = await publishHostileStory(ctx)
      for (const path of [...pagesOf(pathOf(article)), '/no-such-page']) {
        const { response, document } = await server.page(path)
        assert.ok(
          response.status === 200 || path === '/no-such-page',
          `${path}: ${response.status}`,
        )
        assert.equal(document.querySelector('html')?.getAttribute('lang'), 'en', path)
        assertNoInlineCodeOrForeignLoads(document, path)
      }
      const { document } = await server.page(pathOf(article))
      assert.equal(
        textOf(document.querySelector('h1')),
        'Council says <script>alert(1)</script> is not a policy',
      )
      assert.match(
        textOf(document.querySelector('.story-body')),
        /<style>body\{display:none\}<\/style>/,
      )
      assert.match(textOf(document.querySelector('.at-a-glance li')), /^<iframe src=/)
      const bio = (await server.page('/authors/ada-brekke')).document.querySelector('.author-bio')
      assert.equal(textOf(bio), '<script src="https://evil.example/x.js"></script>')
    })

    test('the stylesheet has a hashed URL, is cached for good, compressed when accepted and revalidated', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { document } = await server.page('/')
      const href = document.querySelector('link[rel=stylesheet]')?.getAttribute('href') ?? ''
      assert.match(href, /^\/assets\/site\.[0-9a-f]{8,}\.css$/)

      const plain = await rawRequest(server.url, href)
      assert.equal(plain.status, 200)
      assert.match(header(plain, 'content-type'), /^text\/css/)
      assert.match(header(plain, 'cache-control'), /\bimmutable\b/)
      assert.match(header(plain, 'cache-control'), /\bmax-age=31536000\b/)
      assert.equal(header(plain, 'content-encoding'), '')
      assert.match(header(plain, 'vary'), /accept-encoding/i)
      assert.deepEqual(plain.body, STYLESHEET)

      const gzip = await rawRequest(server.url, href, { headers: { 'accept-encoding': 'gzip' } })
      assert.equal(header(gzip, 'content-encoding'), 'gzip')
      assert.deepEqual(gunzipSync(gzip.body), STYLESHEET)
      for (const accept of ['gzip, deflate, br', 'br']) {
        const br = await rawRequest(server.url, href, { headers: { 'accept-encoding': accept } })
        assert.equal(header(br, 'content-encoding'), 'br', accept)
        assert.deepEqual(brotliDecompressSync(br.body), STYLESHEET, accept)
      }
      const refused = await rawRequest(server.url, href, {
        headers: { 'accept-encoding': 'br;q=0, gzip' },
      })
      assert.equal(header(refused, 'content-encoding'), 'gzip')

      const etag = header(plain, 'etag')
      assert.ok(etag)
      const cached = await rawRequest(server.url, href, { headers: { 'if-none-match': etag } })
      assert.equal(cached.status, 304)
      assert.equal(cached.body.length, 0)
      const stale = await rawRequest(server.url, href, { headers: { 'if-none-match': '"other"' } })
      assert.equal(stale.status, 200)
      // What proxies send back: a strong form of the tag, or a list of tags.
      const strong = etag.replace(/^W\//, '')
      for (const sent of [strong, `"other", ${etag}`, '*']) {
        const response = await rawRequest(server.url, href, { headers: { 'if-none-match': sent } })
        assert.equal(response.status, 304, sent)
      }

      const icon = document.querySelector('link[rel=icon]')?.getAttribute('href') ?? ''
      assert.match(icon, /^\/assets\/favicon\.[0-9a-f]{8,}\.svg$/)
      assert.match(header(await rawRequest(server.url, icon), 'cache-control'), /\bimmutable\b/)
    })

    test('pages send security headers and are publicly cacheable; error pages are not', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx, {}, { tags: ['Floods'] })
      const pages = [
        '/',
        pathOf(article),
        '/news',
        '/authors/ada-brekke',
        '/tags/floods',
        '/robots.txt',
      ]
      for (const path of [...pages, '/no-such-page']) {
        const response = await rawRequest(server.url, path)
        const csp = new Map(
          header(response, 'content-security-policy')
            .split(';')
            .map((directive) => directive.trim().split(/\s+/))
            .map(([name = '', ...values]) => [name, values]),
        )
        assert.deepEqual(csp.get('default-src'), ["'self'"], path)
        assert.ok(!csp.get('script-src')?.includes("'unsafe-inline'"), path)
        assert.ok(!csp.get('style-src')?.includes("'unsafe-inline'"), path)
        assert.deepEqual(csp.get('object-src'), ["'none'"], path)
        assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], path)
        assert.equal(header(response, 'x-content-type-options'), 'nosniff', path)
        assert.ok(header(response, 'referrer-policy'), path)
        if (pages.includes(path)) {
          assert.equal(response.status, 200, path)
          assert.match(header(response, 'cache-control'), /^public\b.*\bmax-age=\d+/, path)
        } else {
          assert.equal(response.status, 404, path)
          assert.equal(header(response, 'cache-control'), 'no-store', path)
        }
      }
    })
  })
}
