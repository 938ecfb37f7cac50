import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { SECTIONS, pathOf, textOf, textsOf } from './html.js'
import { header, rawRequest, type RawResponse } from './http.js'

/** The 404 page: HTML, a heading, the site navigation, never cached. */
function assertNotFoundPage(response: RawResponse, what: string): void {
  assert.equal(response.status, 404, what)
  assert.match(header(response, 'content-type'), /^text\/html; charset=utf-8$/, what)
  assert.equal(header(response, 'cache-control'), 'no-store', what)
  assert.equal(textOf(response.document.querySelector('h1')), 'Page not found', what)
  assert.deepEqual(
    textsOf(response.document.querySelectorAll('body > header nav a')),
    SECTIONS,
    what,
  )
  assert.equal(
    response.document.querySelector('meta[name=robots]')?.getAttribute('content'),
    'noindex',
    what,
  )
}

/** The server still answers normally. */
async function assertHealthy(server: TestServer, articlePath: string): Promise<void> {
  assert.equal((await server.get('/')).status, 200)
  assert.equal((await server.get(articlePath)).status, 200)
}

for (const dialect of testDialects()) {
  describe(`not found (${dialect})`, () => {
    test('unknown and malformed addresses get the 404 page', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      const paths = [
        '/no-such-page',
        '/2026/11/17/no-such-story',
        '/%E0%A4%A',
        '/news/%E0%A4%A',
        '/%',
        `/${'a'.repeat(1999)}`,
        `/2026/11/17/${'b'.repeat(2000)}`,
        `/tags/${'c'.repeat(250)}`,
        '/News',
        '/news_desk',
        '/authors/Ada%20Brekke',
        '/authors/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
        '/tags/floods!',
        `/2026/11/17/${article.slug.toUpperCase()}`,
        '/2015/02/30/x',
        '/2026/1/17/x',
        '/../etc/passwd',
        '/news/../../etc/passwd',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/assets/../package.json',
        '/assets/site.css',
        '/authors/ada-brekke/extra',
        '/news/2026/11/17',
      ]
      for (const path of paths) {
        const response = await rawRequest(server.url, path)
        assertNotFoundPage(response, path.slice(0, 80))
        assert.doesNotMatch(
          response.text,
          /<script/i,
          'nothing from the address is echoed as markup',
        )
      }
      await assertHealthy(server, pathOf(article))
    })

    test('other methods on a page get the 404 page, never a 500', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      const path = pathOf(article)
      const form = { 'content-type': 'application/x-www-form-urlencoded' }
      const requests: [string, string, Record<string, string>, string?][] = [
        ['POST', path, {}],
        ['POST', path, form, 'name=Ada&comment=Hello'],
        ['POST', path, { 'content-type': 'text/plain' }, 'hello'],
        ['POST', '/', form, 'a=1'],
        ['PUT', path, {}],
        ['DELETE', path, {}],
        ['PATCH', '/news', {}],
        ['OPTIONS', '/news', {}],
        ['PROPFIND', '/', {}],
      ]
      for (const [method, target, headers, body] of requests) {
        const response = await rawRequest(server.url, target, { method, headers, body })
        assertNotFoundPage(response, `${method} ${target}`)
      }
      await assertHealthy(server, path)
    })

    test('a POST with a JSON content type to a page is a 404 too', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      for (const body of ['', '{', '{"a":1}']) {
        const response = await rawRequest(server.url, pathOf(article), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
        assertNotFoundPage(response, `POST ${JSON.stringify(body)}`)
      }
    })

    test('HEAD gets the status and headers without a body', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      const missing = await rawRequest(server.url, '/no-such-page', { method: 'HEAD' })
      assert.equal(missing.status, 404)
      assert.match(header(missing, 'content-type'), /^text\/html/)
      assert.equal(header(missing, 'cache-control'), 'no-store')
      assert.equal(missing.body.length, 0)
      const get = await rawRequest(server.url, '/no-such-page')
      assert.equal(header(missing, 'content-length'), String(get.body.length))

      const found = await rawRequest(server.url, pathOf(article), { method: 'HEAD' })
      assert.equal(found.status, 200)
      assert.match(header(found, 'content-type'), /^text\/html/)
      assert.equal(found.body.length, 0)
      await assertHealthy(server, pathOf(article))
    })

    test('a client asking for JSON gets a JSON error', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      for (const path of ['/no-such-page', '/%E0%A4%A', '/news?page=9']) {
        const response = await rawRequest(server.url, path, {
          headers: { accept: 'application/json' },
        })
        assert.equal(response.status, 404, path)
        assert.match(header(response, 'content-type'), /^application\/json/, path)
        assert.equal(header(response, 'cache-control'), 'no-store', path)
        // The one JSON error shape: {error: {code, message}}, with a field only when one is at fault.
        const body = JSON.parse(response.text) as { error: { code: string; message: string } }
        assert.deepEqual(Object.keys(body), ['error'], path)
        assert.deepEqual(Object.keys(body.error), ['code', 'message'], path)
        assert.match(body.error.code, /^[a-z_]+_not_found$/, path)
        assert.ok(body.error.message.length > 0, path)
      }
      const browser = await rawRequest(server.url, '/no-such-page', {
        headers: { accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8' },
      })
      assertNotFoundPage(browser, 'a browser that also accepts JSON')
    })

    test('every 404 carries the security headers, even for addresses the router rejects', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      for (const path of ['/no-such-page', '/%E0%A4%A', `/${'a'.repeat(1999)}`]) {
        const response = await rawRequest(server.url, path)
        assert.equal(response.status, 404, path.slice(0, 40))
        assert.match(
          header(response, 'content-security-policy'),
          /default-src 'self'/,
          path.slice(0, 40),
        )
        assert.equal(header(response, 'x-content-type-options'), 'nosniff', path.slice(0, 40))
      }
    })

    test('robots.txt is plain text and keeps crawlers out of /admin/', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const response = await rawRequest(server.url, '/robots.txt')
      assert.equal(response.status, 200)
      assert.match(header(response, 'content-type'), /^text\/plain/)
      const lines = response.text.split('\n').map((line) => line.trim())
      const agent = lines.indexOf('User-agent: *')
      assert.ok(agent >= 0)
      assert.ok(lines.slice(agent + 1).includes('Disallow: /admin/'))
    })
  })
}
