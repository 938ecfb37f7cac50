// The Content API over real HTTP on both databases: published content only,
// shaped by its own zod schemas (every answer is parsed with them), cursor
// paging, filters, ETag and 304 through the page cache, CORS, the per-network
// rate limit, and a 400 naming the problem for every kind of bad query.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { z } from 'zod'
import {
  ArticlePage,
  Article,
  AuthorPage,
  ErrorBody,
  SectionList,
  TagPage,
} from '../../src/web/api/content-schemas.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle, inputOf } from '../helpers/factories.js'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'

const HOUR = 3_600_000
const OFFSET_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/

interface Site {
  ctx: TestAppContext
  server: TestServer
  ids: { first: string; second: string; third: string; draft: string }
}

async function site(t: TestContext, dialect: 'sqlite' | 'postgres', env = {}): Promise<Site> {
  const ctx = await createTestContext(t, dialect, env)
  const first = await importArticle(ctx, {
    headline: 'Harbour wall approved',
    dateLine: 'Monday, November 16th 2026',
    bylines: ['Ada Brekke', 'Jonas Vik'],
  })
  const second = await importArticle(
    ctx,
    { headline: 'Orchestra returns to the old hall', dateLine: 'Tuesday, November 17th 2026' },
    { sectionSlug: 'arts', tags: ['Music'] },
  )
  const third = await importArticle(ctx, {
    headline: 'Ferry timetable changes',
    dateLine: 'Wednesday, November 18th 2026',
    bylines: ['Jonas Vik'],
    dateline: '',
  })
  const draft = await importArticle(ctx, { headline: 'Secret draft' }, { draft: true })
  const server = await startTestServer(t, ctx)
  return {
    ctx,
    server,
    ids: {
      first: first.article.id,
      second: second.article.id,
      third: third.article.id,
      draft: draft.article.id,
    },
  }
}

async function json<T extends z.ZodType>(
  server: TestServer,
  path: string,
  schema: T,
  init?: RequestInit,
): Promise<{ response: Response; body: z.output<T> }> {
  const response = await server.get(path, init)
  assert.equal(response.status, 200, `${path}: ${response.status}`)
  return { response, body: schema.parse(await response.json()) }
}

async function problem(server: TestServer, path: string, status: number, code: string) {
  const response = await server.get(path)
  assert.equal(response.status, status, `${path}`)
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/)
  const body = ErrorBody.parse(await response.json())
  assert.equal(body.error.code, code, `${path}: ${body.error.message}`)
  return body.error
}

for (const dialect of testDialects()) {
  describe(`Content API (${dialect})`, () => {
    test('lists published articles newest first, shaped for clients', async (t) => {
      const { server, ids } = await site(t, dialect)
      const { response, body } = await json(server, '/api/v1/articles', ArticlePage)
      assert.equal(response.headers.get('access-control-allow-origin'), '*')
      assert.match(response.headers.get('cache-control') ?? '', /public/)
      assert.deepEqual(
        body.items.map((item) => item.id),
        [ids.third, ids.second, ids.first],
      )
      assert.equal(body.next, null)
      const first = body.items[2]!
      assert.equal(first.url, 'https://news.example/2026/11/16/harbour-wall-approved')
      assert.match(first.publishedAt, OFFSET_ISO)
      assert.deepEqual(
        first.bylines.map((byline) => byline.name),
        ['Ada Brekke', 'Jonas Vik'],
      )
      assert.equal(first.bylines[0]!.url, 'https://news.example/authors/ada-brekke')
      assert.equal(first.dateline, 'BERGEN, NORWAY')
      assert.deepEqual(first.keyPoints, [
        'The council approved the sea wall.',
        'About 400 homes are protected.',
      ])
      assert.match(first.body.html, /<span class="dateline">BERGEN, NORWAY<\/span>/)
      assert.match(first.body.markdown, /harbour council voted/)
      assert.equal(first.section.slug, 'news')
      assert.deepEqual(
        body.items[1]!.tags.map((tag) => tag.slug),
        ['music'],
      )
    })

    test('answers only the fields asked for, in the shape’s order, listed and alone', async (t) => {
      const { server, ids } = await site(t, dialect)
      const listed = await server.get('/api/v1/articles?fields=url,%20headline,id,headline')
      assert.equal(listed.status, 200)
      const body = (await listed.json()) as { items: Record<string, unknown>[]; next: null }
      assert.deepEqual(
        body.items.map((item) => Object.keys(item)),
        [0, 1, 2].map(() => ['id', 'url', 'headline']),
      )
      assert.deepEqual(body.items[2], {
        id: ids.first,
        url: 'https://news.example/2026/11/16/harbour-wall-approved',
        headline: 'Harbour wall approved',
      })
      // The same choice in another order is the same answer, and the full shape is unchanged.
      const reordered = await server.get('/api/v1/articles?fields=headline,id,url')
      assert.equal(reordered.headers.get('etag'), listed.headers.get('etag'))
      Article.parse((await json(server, '/api/v1/articles', ArticlePage)).body.items[0])
      const alone = await server.get(`/api/v1/articles/${ids.second}?fields=tags,body`)
      assert.deepEqual(Object.keys((await alone.json()) as object), ['tags', 'body'])
      const byPath = await server.get(
        `/api/v1/articles/by-path?path=${encodeURIComponent('/2026/11/16/harbour-wall-approved')}&fields=bylines`,
      )
      assert.deepEqual(
        ((await byPath.json()) as { bylines: { name: string }[] }).bylines.map((b) => b.name),
        ['Ada Brekke', 'Jonas Vik'],
      )
    })

    test('pages by cursor to the end, and a cursor not given out is a 400', async (t) => {
      const { server, ids } = await site(t, dialect)
      const seen: string[] = []
      let path: string | null = '/api/v1/articles?limit=1'
      while (path) {
        const { body }: { body: z.output<typeof ArticlePage> } = await json(
          server,
          path,
          ArticlePage,
        )
        assert.ok(body.items.length <= 1)
        seen.push(...body.items.map((item) => item.id))
        path = body.next ? `/api/v1/articles?limit=1&cursor=${body.next}` : null
      }
      assert.deepEqual(seen, [ids.third, ids.second, ids.first])
      const { body } = await json(server, '/api/v1/articles?limit=1', ArticlePage)
      const cursor = body.next!
      for (const bad of [
        'nonsense!',
        'abc',
        cursor.slice(0, -2),
        `${cursor}A`,
        Buffer.from('s:news').toString('base64url'),
        Buffer.from(`a:1:${ids.first}:x`).toString('base64url'),
        Buffer.from('a:1:not-an-id').toString('base64url'),
      ]) {
        const error = await problem(server, `/api/v1/articles?cursor=${bad}`, 400, 'invalid_cursor')
        assert.equal(error.field, 'cursor')
      }
      await problem(server, `/api/v1/authors?cursor=${cursor}`, 400, 'invalid_cursor')
    })

    test('filters by section, tag, author, time and words; drafts never appear', async (t) => {
      const { server, ids } = await site(t, dialect)
      const idsOf = async (query: string) =>
        (await json(server, `/api/v1/articles?${query}`, ArticlePage)).body.items.map(
          (item) => item.id,
        )
      assert.deepEqual(await idsOf('section=arts'), [ids.second])
      assert.deepEqual(await idsOf('tag=music'), [ids.second])
      assert.deepEqual(await idsOf('author=ada-brekke'), [ids.second, ids.first])
      const third = (await json(server, `/api/v1/articles/${ids.third}`, Article)).body
      const since = encodeURIComponent(third.publishedAt)
      assert.deepEqual(await idsOf(`since=${since}`), [ids.third])
      assert.deepEqual(await idsOf(`until=${since}`), [ids.second, ids.first])
      assert.deepEqual(await idsOf('query=orchestra'), [ids.second])
      assert.deepEqual(await idsOf('query=secret'), [])
      await problem(server, `/api/v1/articles/${ids.draft}`, 404, 'article_not_found')
      await problem(server, '/api/v1/articles?section=nowhere', 404, 'section_not_found')
      await problem(server, '/api/v1/articles?tag=nowhere', 404, 'tag_not_found')
      await problem(server, '/api/v1/articles?thread=nowhere', 404, 'thread_not_found')
    })

    test('finds an article by id and by its address', async (t) => {
      const { server, ids } = await site(t, dialect)
      const { body } = await json(server, `/api/v1/articles/${ids.first}`, Article)
      assert.equal(body.headline, 'Harbour wall approved')
      const path = new URL(body.url).pathname
      const byPath = await json(
        server,
        `/api/v1/articles/by-path?path=${encodeURIComponent(path)}`,
        Article,
      )
      assert.equal(byPath.body.id, ids.first)
      const wrongDate = path.replace('/16/', '/17/')
      await problem(
        server,
        `/api/v1/articles/by-path?path=${encodeURIComponent(wrongDate)}`,
        404,
        'article_not_found',
      )
      await problem(
        server,
        '/api/v1/articles/by-path?path=%2Fnot%2Fa%2Fpath',
        404,
        'article_not_found',
      )
    })

    test('lists sections, authors and tags', async (t) => {
      const { server } = await site(t, dialect)
      const sections = (await json(server, '/api/v1/sections', SectionList)).body
      assert.ok(sections.items.some((section) => section.slug === 'arts'))
      const authors = (await json(server, '/api/v1/authors?limit=1', AuthorPage)).body
      assert.deepEqual(
        authors.items.map((author) => author.slug),
        ['ada-brekke'],
      )
      const rest = (await json(server, `/api/v1/authors?cursor=${authors.next}`, AuthorPage)).body
      assert.deepEqual(
        rest.items.map((author) => author.slug),
        ['jonas-vik'],
      )
      assert.equal(rest.next, null)
      const tags = (await json(server, '/api/v1/tags', TagPage)).body
      assert.deepEqual(
        tags.items.map((tag) => tag.slug),
        ['music'],
      )
    })

    test('answers again from the page cache with the ETag, 304 and CORS', async (t) => {
      const { ctx, server, ids } = await site(t, dialect)
      const first = await server.get('/api/v1/articles')
      const etag = first.headers.get('etag')
      assert.ok(etag)
      await first.arrayBuffer()
      assert.equal(server.app.pageCache.size.pages, 1)
      const again = await server.get('/api/v1/articles', { headers: { 'if-none-match': etag } })
      assert.equal(again.status, 304)
      const cached = await server.get('/api/v1/articles', {
        headers: { 'accept-encoding': 'br' },
      })
      assert.equal(cached.headers.get('access-control-allow-origin'), '*')
      assert.equal(cached.headers.get('content-encoding'), 'br')
      assert.equal(cached.headers.get('etag'), etag)
      // A change readers can see empties the cache: the list is read again.
      await importArticle(ctx, { headline: 'Late news', dateLine: 'Thursday, November 19th 2026' })
      const fresh = await json(server, '/api/v1/articles', ArticlePage)
      assert.notEqual(fresh.response.headers.get('etag'), etag)
      assert.equal(fresh.body.items.length, 4)
      assert.ok(fresh.body.items.some((item) => item.id === ids.first))
      const preflight = await server.get('/api/v1/articles', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
      })
      assert.equal(preflight.status, 204)
      assert.equal(preflight.headers.get('access-control-allow-origin'), '*')
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /if-none-match/)
    })

    test('refuses every kind of bad query with a 400 that names it', async (t) => {
      const { server } = await site(t, dialect)
      const cases: [string, string, string][] = [
        ['/api/v1/articles?status=draft', 'unknown_parameter', 'status'],
        ['/api/v1/articles?authorId=x', 'unknown_parameter', 'authorId'],
        ['/api/v1/articles?utm_source=x', 'unknown_parameter', 'utm_source'],
        ['/api/v1/articles?limit=abc', 'invalid_parameter', 'limit'],
        ['/api/v1/articles?limit=0', 'invalid_parameter', 'limit'],
        ['/api/v1/articles?limit=101', 'invalid_parameter', 'limit'],
        ['/api/v1/articles?limit=1&limit=2', 'invalid_parameter', 'limit'],
        ['/api/v1/articles?since=yesterday', 'invalid_parameter', 'since'],
        ['/api/v1/articles?until=2026-11-20', 'invalid_parameter', 'until'],
        ['/api/v1/articles?section=Not%20A%20Slug', 'invalid_parameter', 'section'],
        ['/api/v1/articles?format=xml', 'invalid_parameter', 'format'],
        [`/api/v1/articles?query=${'x'.repeat(300)}`, 'invalid_parameter', 'query'],
        ['/api/v1/articles?query=%22%22', 'search_no_words', 'query'],
        ['/api/v1/articles/not-an-id', 'invalid_parameter', 'id'],
        ['/api/v1/articles/by-path', 'invalid_parameter', 'path'],
        ['/api/v1/sections?page=2', 'unknown_parameter', 'page'],
        ['/api/v1/tags?limit=-1', 'invalid_parameter', 'limit'],
        ['/api/v1/articles?fields=headline,role', 'invalid_parameter', 'fields'],
        ['/api/v1/articles?fields=', 'invalid_parameter', 'fields'],
        ['/api/v1/articles?fields=headline&format=ninjs', 'invalid_parameter', 'fields'],
        ['/api/v1/articles/by-path?path=%2Fx&fields=password', 'invalid_parameter', 'fields'],
      ]
      for (const [path, code, field] of cases) {
        const error = await problem(server, path, 400, code)
        assert.equal(error.field, field, path)
      }
      await problem(server, '/api/v1/nothing-here', 404, 'not_found')
      const post = await server.get('/api/v1/articles', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      assert.equal(post.status, 404)
      ErrorBody.parse(await post.json())
      assert.equal(server.app.pageCache.size.pages, 0)
    })

    test('limits requests per network, by the clock', async (t) => {
      const { ctx, server } = await site(t, dialect, {
        API_REQUESTS_PER_MINUTE: '3',
        PAGE_CACHE_MB: '0',
      })
      ctx.clock.set('2026-11-20T09:00:00.000Z')
      for (let i = 0; i < 3; i++) assert.equal((await server.get('/api/v1/sections')).status, 200)
      const refused = await server.get('/api/v1/sections')
      assert.equal(refused.status, 429)
      assert.equal(refused.headers.get('retry-after'), '60')
      assert.equal(refused.headers.get('access-control-allow-origin'), '*')
      assert.equal(ErrorBody.parse(await refused.json()).error.code, 'api_rate_limited')
      ctx.clock.advance(HOUR / 60)
      assert.equal((await server.get('/api/v1/sections')).status, 200)
    })

    test('an uncached list shows each change at once: an edit, a section renamed, an unpublish, a publish', async (t) => {
      const { ctx, server, ids } = await site(t, dialect, { PAGE_CACHE_MB: '0' })
      const list = async () => {
        const response = await server.get('/api/v1/articles?limit=10')
        assert.equal(response.status, 200)
        return ArticlePage.parse(await response.json()).items
      }
      const before = await list()
      assert.equal(before.find((item) => item.id === ids.second)?.section.name, 'Arts')
      const article = await ctx.stores.articles.findById(ids.first)
      assert.ok(article)
      await ctx.services.editing.save(
        COMMAND_LINE,
        ids.first,
        inputOf(article, { headline: 'Harbour wall approved at last' }),
        { baseVersion: article.version },
      )
      await ctx.services.sections.rename(COMMAND_LINE, 'arts', 'Culture')
      const after = await list()
      assert.equal(
        after.find((item) => item.id === ids.first)?.headline,
        'Harbour wall approved at last',
      )
      assert.equal(after.find((item) => item.id === ids.second)?.section.name, 'Culture')
      await ctx.services.workflow.transition(COMMAND_LINE, ids.third, { transition: 'unpublish' })
      assert.deepEqual(
        (await list()).map((item) => item.id),
        [ids.second, ids.first],
      )
      await ctx.services.workflow.transition(COMMAND_LINE, ids.third, { transition: 'publish' })
      assert.equal((await list())[0]?.id, ids.third, 'published again, it leads the list')
    })

    test('an uncached list keeps its ETag, answers 304 to it, and changes it when an article in it changes', async (t) => {
      const { ctx, server, ids } = await site(t, dialect, { PAGE_CACHE_MB: '0' })
      const tagOf = async (path: string) => {
        const response = await server.get(path)
        await response.arrayBuffer()
        return response.headers.get('etag')
      }
      const etag = await tagOf('/api/v1/articles')
      assert.ok(etag)
      assert.equal(await tagOf('/api/v1/articles'), etag, 'the same bytes, the same tag')
      assert.notEqual(await tagOf('/api/v1/articles?limit=2'), etag, 'a shorter list, another tag')
      const again = await server.get('/api/v1/articles', { headers: { 'if-none-match': etag } })
      assert.equal(again.status, 304)
      const article = await ctx.stores.articles.findById(ids.second)
      assert.ok(article)
      await ctx.services.editing.save(
        COMMAND_LINE,
        ids.second,
        inputOf(article, { standfirst: 'A standfirst rewritten.' }),
        { baseVersion: article.version },
      )
      const changed = await server.get('/api/v1/articles', { headers: { 'if-none-match': etag } })
      assert.equal(changed.status, 200, 'an edited article makes a new list')
      assert.notEqual(changed.headers.get('etag'), etag)
      const body = ArticlePage.parse(await changed.json())
      assert.equal(
        body.items.find((item) => item.id === ids.second)?.standfirst,
        'A standfirst rewritten.',
      )
    })

    test('the Admin API has its own allowance, counted before the token is checked', async (t) => {
      const { ctx, server } = await site(t, dialect, {
        API_REQUESTS_PER_MINUTE: '2',
        ADMIN_API_REQUESTS_PER_MINUTE: '3',
        PAGE_CACHE_MB: '0',
      })
      ctx.clock.set('2026-11-20T09:00:30.000Z')
      const guess = (token: string) =>
        server.get('/api/v1/admin/sections', { headers: { authorization: `Bearer ${token}` } })
      for (let i = 0; i < 3; i++) assert.equal((await guess(`dlt_guess${i}`)).status, 401)
      const refused = await guess('dlt_guess4')
      assert.equal(refused.status, 429)
      assert.equal(refused.headers.get('retry-after'), '30')
      assert.equal(ErrorBody.parse(await refused.json()).error.code, 'api_rate_limited')
      // The Content API's allowance is untouched by the Admin API's.
      assert.equal((await server.get('/api/v1/sections')).status, 200)
      ctx.clock.advance(HOUR / 60)
      assert.equal((await guess('dlt_guess5')).status, 401)
    })
  })
}
