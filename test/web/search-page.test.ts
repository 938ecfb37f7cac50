// /search over real HTTP on both databases: the form (no JavaScript needed),
// results with highlighted snippets, paging, messages, escaping, the page
// cache, and a corpus of nasty queries that must never give a 500.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { HTMLElement } from 'node-html-parser'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { NASTY_QUERIES, RAW_QUERY_STRINGS } from '../fixtures/search-queries.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { assertValidHtml } from '../helpers/html-validity.js'
import { hrefsOf, pathOf, textOf } from './html.js'
import { header, rawRequest } from './http.js'

const EXACT_HEADLINE = 'Harbour council approves new sea wall plan'

async function seed(ctx: TestAppContext) {
  ctx.clock.advance(60_000)
  const { article: exact } = await importArticle(ctx, {
    headline: EXACT_HEADLINE,
    dateLine: '',
    bylines: ['Ada Brekke', 'Jonas Vik'],
  })
  ctx.clock.advance(60_000)
  const { article: other } = await importArticle(
    ctx,
    {
      headline: `${EXACT_HEADLINE} despite protests from the fishing fleet`,
      dateLine: '',
      body: [
        'The harbour council approves new sea wall plan: the sea wall plan is new.',
        'Sea wall, sea wall, sea wall: the harbour council approves.',
      ],
    },
    { sectionSlug: 'politics' },
  )
  return { exact, other }
}

/** The search page's own form (not the masthead's). */
const mainForm = (document: HTMLElement) => document.querySelector('main form[role=search]')
const results = (document: HTMLElement) => document.querySelectorAll('ol.search-results > li')
const message = (document: HTMLElement) =>
  textOf(
    document.querySelector('.search-problem') ??
      document.querySelector('.search-summary') ??
      document.querySelector('.search-hint') ??
      document.querySelector('main .notice'),
  )

function assertSearchForm(form: HTMLElement | null, value: string) {
  assert.ok(form, 'a search form')
  assert.equal(form.getAttribute('action'), '/search')
  assert.equal(form.getAttribute('method'), 'get')
  const input = form.querySelector('input[name=q]')
  assert.equal(input?.getAttribute('type'), 'search')
  const id = input?.getAttribute('id')
  assert.ok(id && form.querySelector(`label[for=${id}]`), 'the input has a label')
  assert.equal(input?.getAttribute('value') ?? '', value)
  assert.equal(form.querySelector('button')?.getAttribute('type'), 'submit')
}

async function assertPageValid(server: TestServer, path: string) {
  await assertValidHtml((await server.page(path)).html, path)
}

for (const dialect of testDialects()) {
  describe(`search page (${dialect})`, () => {
    test('/search without a query is a form that needs no JavaScript; every page has one in its masthead', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { response, document } = await server.page('/search')
      assert.equal(response.status, 200)
      assert.equal(textOf(document.querySelector('h1')), 'Search')
      assertSearchForm(mainForm(document), '')
      assert.match(message(document), /double quotes/)
      assert.equal(document.querySelector('meta[name=robots]')?.getAttribute('content'), 'noindex')
      assert.equal(document.querySelectorAll('script:not([type="application/ld+json"])').length, 0)

      for (const path of ['/', '/news', '/search']) {
        const page = await server.page(path)
        const masthead = page.document.querySelector('body > header form[role=search]')
        assertSearchForm(masthead, '')
        assert.ok(masthead?.getAttribute('aria-label'), `${path}: the landmark has a name`)
      }
    })

    test('results: headline link, section, date, bylines, highlighted snippet, count; exact headline first', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { exact, other } = await seed(ctx)
      const { response, document } = await server.page(
        `/search?q=${encodeURIComponent(EXACT_HEADLINE).replaceAll('%20', '+')}`,
      )
      assert.equal(response.status, 200)
      assertSearchForm(mainForm(document), EXACT_HEADLINE)
      assert.match(message(document), /^2 stories match “?Harbour council approves/)
      const items = results(document)
      assert.deepEqual(
        items.map((item) => item.querySelector('h2 a')?.getAttribute('href')),
        [pathOf(exact), pathOf(other)],
      )
      const [first, second] = items
      assert.ok(first && second)
      assert.equal(textOf(first.querySelector('h2')), EXACT_HEADLINE)
      assert.ok(
        first.querySelectorAll('h2 mark').length > 0,
        'matched words marked in the headline',
      )
      assert.ok(second.querySelectorAll('.snippet mark').length > 0, 'and in the snippet')
      assert.deepEqual(hrefsOf(first.querySelectorAll('.kicker a')), ['/news'])
      assert.deepEqual(hrefsOf(second.querySelectorAll('.kicker a')), ['/politics'])
      assert.deepEqual(hrefsOf(first.querySelectorAll('.card-meta a[rel=author]')), [
        '/authors/ada-brekke',
        '/authors/jonas-vik',
      ])
      assert.ok(first.querySelector('.card-meta time[datetime]'))
      assert.equal(document.querySelector('link[rel=next]'), null, 'one page only')
    })

    test('no results, and queries that cannot be searched, say so', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      await seed(ctx)
      const none = await server.page('/search?q=zeppelin')
      assert.equal(none.response.status, 200)
      assert.match(message(none.document), /No stories match/)
      assert.equal(results(none.document).length, 0)

      for (const [q, status, pattern] of [
        ['*', 422, /no words/],
        ['AND OR NOT', 422, /no words/],
        ['the', 422, /too common/],
        ['-storm', 422, /Add a word/],
        ['x'.repeat(201), 422, /too long/],
        ['sea\u0000wall', 422, /control characters/],
      ] as const) {
        const page = await server.page(`/search?q=${encodeURIComponent(q)}`)
        assert.equal(page.response.status, status, q)
        assert.match(textOf(page.document.querySelector('.search-problem')), pattern, q)
        const input = mainForm(page.document)?.querySelector('input[name=q]')
        assert.equal(input?.getAttribute('aria-invalid'), 'true', q)
        assert.equal(input?.getAttribute('aria-describedby'), 'search-problem', q)
        assert.equal(page.response.headers.get('cache-control'), 'private, no-store', q)
      }
      const twice = await server.page('/search?q=sea&q=wall')
      assert.equal(twice.response.status, 400)
      assert.match(message(twice.document), /one thing at a time/)
    })

    test('paging: ten a page, rel prev/next in the head and the page, past the last is a 404', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      for (let index = 0; index < 23; index++) {
        ctx.clock.advance(60_000)
        await importArticle(ctx, { headline: `Regatta day ${index}`, dateLine: '' })
      }
      const seen: string[] = []
      for (const [page, prev, next] of [
        [1, undefined, '/search?q=regatta&page=2'],
        [2, '/search?q=regatta', '/search?q=regatta&page=3'],
        [3, '/search?q=regatta&page=2', undefined],
      ] as const) {
        const path = page === 1 ? '/search?q=regatta' : `/search?q=regatta&page=${page}`
        const { response, document } = await server.page(path)
        assert.equal(response.status, 200, path)
        const items = results(document)
        assert.equal(items.length, page === 3 ? 3 : 10, path)
        seen.push(...items.map((item) => item.querySelector('h2 a')?.getAttribute('href') ?? ''))
        assert.equal(
          document.querySelector('ol.search-results')?.getAttribute('start'),
          String((page - 1) * 10 + 1),
        )
        assert.equal(
          document.querySelector('head link[rel=prev]')?.getAttribute('href'),
          prev,
          path,
        )
        assert.equal(
          document.querySelector('head link[rel=next]')?.getAttribute('href'),
          next,
          path,
        )
        const nav = document.querySelector('main nav.pagination')
        assert.equal(nav?.querySelector('a[rel=prev]')?.getAttribute('href'), prev, path)
        assert.equal(nav?.querySelector('a[rel=next]')?.getAttribute('href'), next, path)
        assert.match(message(document), /^23 stories match/)
      }
      assert.equal(new Set(seen).size, 23, 'every story once')
      for (const path of [
        '/search?q=regatta&page=4',
        '/search?q=regatta&page=0',
        '/search?q=regatta&page=abc',
        '/search?q=zeppelin&page=2',
        '/search?page=2',
      ]) {
        assert.equal((await server.get(path)).status, 404, path)
      }
    })

    test('markup in stories and in the query stays text; only <mark> highlights', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      await importArticle(ctx, {
        headline: 'Council says <script>alert(1)</script> is not a policy',
        standfirst: 'Critics replied with <img src=x onerror=alert(2)>.',
        body: ['The council met on <b onclick="alert(3)">Tuesday</b> about the policy.'],
      })
      const { html, document } = await server.page('/search?q=policy+%3Cscript%3E')
      assert.equal(results(document).length, 1)
      assert.equal(document.querySelectorAll('main script, main img, main b').length, 0)
      assert.doesNotMatch(html, /<script>alert|<img src=x|<b onclick/)
      assert.match(
        textOf(results(document)[0]?.querySelector('h2')),
        /<script>alert\(1\)<\/script>/,
      )

      const echo = await server.page(
        `/search?q=${encodeURIComponent('"><script>alert(4)</script>')}`,
      )
      assert.ok(echo.response.status < 500)
      assert.doesNotMatch(echo.html, /<script>alert\(4\)/)
      assert.equal(
        mainForm(echo.document)?.querySelector('input[name=q]')?.getAttribute('value'),
        '"><script>alert(4)</script>',
      )
    })

    test('canonical searches are cached until a change; other spellings of the URL are not', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { exact } = await seed(ctx)
      const calls = t.mock.method(ctx.services.search, 'search')
      const get = async (path: string) => {
        const before = calls.mock.callCount()
        const response = await rawRequest(server.url, path)
        return { response, searched: calls.mock.callCount() > before }
      }
      // As a browser's form sends it: spaces as "+".
      assert.equal((await get('/search?q=sea+wall')).searched, true)
      const hit = await get('/search?q=sea+wall')
      assert.equal(hit.searched, false, 'the second answer came from the cache')
      assert.equal(hit.response.status, 200)
      assert.match(header(hit.response, 'etag'), /^W\//)
      assert.equal((await get('/search?q=sea+wall&utm_source=x')).searched, false)
      for (const path of ['/search?q=sea%20wall', '/search?q=sea++wall', '/search?q=+sea+wall']) {
        await get(path)
        assert.equal((await get(path)).searched, true, `${path} is not canonical: never cached`)
      }
      await get('/search?q=the')
      assert.equal((await get('/search?q=the')).searched, true, 'a refused search is never cached')

      // A change readers see purges the cache: the unpublished story is gone from the results.
      const current = await ctx.stores.articles.findById(exact.id)
      assert.ok(current)
      await ctx.services.workflow.transition(COMMAND_LINE, exact.id, {
        transition: 'unpublish',
        baseVersion: current.version,
      })
      const after = await get('/search?q=sea+wall')
      assert.equal(after.searched, true)
      assert.ok(!after.response.text.includes(`href="${pathOf(exact)}"`))
      assert.match(
        textOf(after.response.document.querySelector('.search-summary')),
        /^1 story matches/,
      )
    })

    test('every nasty query gets a page with a message: 200 or 4xx, never a 500', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      await seed(ctx)
      const paths = [
        ...NASTY_QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}`),
        ...RAW_QUERY_STRINGS.map((query) => `/search?${query}`),
      ]
      assert.ok(paths.length >= 30)
      for (const path of paths) {
        const { status, document } = await rawRequest(server.url, path)
        assert.ok(status === 200 || (status >= 400 && status < 500), `${path}: ${status}`)
        assert.ok(message(document).length > 0, `${path}: a message`)
        if (status === 200 || status === 422 || status === 400) {
          assert.ok(mainForm(document), `${path}: the form, to try again`)
        }
      }
    })

    test('search pages are valid HTML', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      await seed(ctx)
      for (const path of ['/search', '/search?q=sea+wall', '/search?q=zeppelin', '/search?q=*']) {
        await assertPageValid(server, path)
      }
    })
  })
}
