// The stale-serving rule: a page that only lacks comments added a moment ago
// may be served, for at most STALE_WINDOW_MS, while one request renders the
// new one. A page whose article was corrected or unpublished, or whose
// comments were hidden, is never served stale.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import {
  articleCacheTag,
  createPageCache,
  STALE_WINDOW_MS,
} from '../../src/web/page-cache/page-cache.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { postComment, staffActor, uniqueText } from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle, inputOf } from '../helpers/factories.js'
import { pathOf } from './html.js'

describe('page cache: pages lacking only new comments', () => {
  function cacheAt(start: number) {
    let now = start
    const cache = createPageCache({
      memory: 1_000_000,
      maxAgeMs: 600_000,
      cacheControl: 'public, max-age=60',
      securityHeaders: {},
      now: () => now,
    })
    const store = (key: string, articleId: string) =>
      cache.set(key, `<p>${key}</p>`, {
        contentType: 'text/html; charset=utf-8',
        tags: [articleCacheTag(articleId)],
        since: cache.generation,
      })
    return { cache, store, advance: (ms: number) => (now += ms) }
  }

  test('are stale for the window from the first addition, then gone', () => {
    const { cache, store, advance } = cacheAt(1_000_000)
    assert.ok(store('/a', 'A'))
    assert.ok(store('/b', 'B'))
    const before = cache.generation
    cache.purge({ scope: 'comments', articleId: 'A', addedOnly: true })
    assert.notEqual(cache.generation, before, 'a render begun before the comment is not kept')
    assert.equal(cache.get('/a'), undefined, 'not served as fresh')
    assert.ok(cache.stale('/a'), 'but may be served while it renders again')
    assert.ok(cache.get('/b'), "another article's page is untouched")
    advance(STALE_WINDOW_MS - 1)
    // A second comment within the window does not lengthen it.
    cache.purge({ scope: 'comments', articleId: 'A', addedOnly: true })
    assert.ok(cache.stale('/a'))
    advance(1)
    assert.equal(cache.stale('/a'), undefined, 'never past the window')
    assert.equal(cache.size.pages, 1, 'and dropped')
  })

  test('a new render replaces the stale page with a fresh one', () => {
    const { cache, store } = cacheAt(1_000_000)
    store('/a', 'A')
    cache.purge({ scope: 'comments', articleId: 'A', addedOnly: true })
    assert.ok(store('/a', 'A'))
    assert.ok(cache.get('/a'))
    assert.equal(cache.stale('/a'), undefined)
  })

  test('comments hidden, or any change to the site, leave nothing to serve stale', () => {
    const { cache, store } = cacheAt(1_000_000)
    store('/a', 'A')
    cache.purge({ scope: 'comments', articleId: 'A', addedOnly: true })
    cache.purge({ scope: 'comments', articleId: 'A' })
    assert.equal(cache.stale('/a'), undefined, 'a comment hidden: dropped')
    store('/a', 'A')
    cache.purge({ scope: 'comments', articleId: 'A', addedOnly: true })
    cache.purge({ scope: 'site' })
    assert.equal(cache.stale('/a'), undefined, 'a correction or unpublish (a site change): dropped')
  })
})

interface Reading {
  status: number
  etag: string | null
  body: string
}

async function burst(server: TestServer, path: string, readers: number): Promise<Reading[]> {
  return Promise.all(
    Array.from({ length: readers }, async () => {
      const response = await server.get(path)
      return {
        status: response.status,
        etag: response.headers.get('etag'),
        body: await response.text(),
      }
    }),
  )
}

async function hotArticle(t: TestContext, dialect: Parameters<typeof createTestContext>[1]) {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const { article } = await importArticle(ctx)
  const path = pathOf(article)
  const first = await server.get(path)
  assert.equal(first.status, 200)
  await first.text()
  return { ctx, server, article, path, etag: first.headers.get('etag') }
}

/** A reader's comment, approved by a moderator: it appears on the page. */
async function approvedComment(ctx: TestAppContext, article: Article, body: string) {
  const comment = await postComment(ctx, { articleId: article.id, body })
  await ctx.services.comments.moderate(COMMAND_LINE, [comment.id], 'approve')
  return comment
}

for (const dialect of testDialects()) {
  describe(`stale pages after a new comment (${dialect})`, () => {
    test('readers during the render may get the page without it; after the window, everyone gets it; one render each', async (t) => {
      const { ctx, server, article, path, etag } = await hotArticle(t, dialect)
      const first = uniqueText('Open the ferry ramp at night')
      await approvedComment(ctx, article, first)

      let before = server.app.renderedPages()
      const during = await burst(server, path, 30)
      assert.equal(server.app.renderedPages() - before, 1, 'one render for the burst')
      assert.ok(during.every((reading) => reading.status === 200))
      const fresh = during.filter((reading) => reading.body.includes(first))
      t.diagnostic(`${during.length - fresh.length} of ${during.length} got the page as it was`)
      assert.ok(fresh.length >= 1, 'the reader who rendered got the new page')
      for (const reading of during.filter((r) => !r.body.includes(first))) {
        assert.equal(reading.etag, etag, 'any other answer is the page as it was, whole')
      }
      const after = await server.get(path)
      assert.ok((await after.text()).includes(first), 'the new page is the one kept')

      // Past the window nobody gets the old page, even while the render is under way.
      const second = uniqueText('Light the ferry ramp too')
      await approvedComment(ctx, article, second)
      ctx.clock.advance(STALE_WINDOW_MS)
      before = server.app.renderedPages()
      const late = await burst(server, path, 30)
      assert.equal(server.app.renderedPages() - before, 1, 'one render for the burst')
      assert.ok(late.every((reading) => reading.status === 200 && reading.body.includes(second)))
      assert.equal(new Set(late.map((reading) => reading.etag)).size, 1, 'one page for all')
    })

    test('an article corrected after a new comment is never served stale', async (t) => {
      const { ctx, server, article, path } = await hotArticle(t, dialect)
      await approvedComment(ctx, article, uniqueText('The ramp needs lights'))
      const editor = await staffActor(ctx, 'editor')
      const current = await ctx.services.editing.get(editor, article.id)
      const note = 'An earlier version gave the wrong crossing time.'
      await ctx.services.editing.save(editor, article.id, inputOf(current), {
        baseVersion: current.version,
        correction: note,
      })
      const readings = await burst(server, path, 30)
      assert.ok(readings.every((reading) => reading.status === 200 && reading.body.includes(note)))
    })

    test('an article unpublished after a new comment is never served stale', async (t) => {
      const { ctx, server, article, path } = await hotArticle(t, dialect)
      await approvedComment(ctx, article, uniqueText('The ramp needs a roof'))
      const editor = await staffActor(ctx, 'editor')
      await ctx.services.workflow.transition(editor, article.id, { transition: 'unpublish' })
      const readings = await burst(server, path, 30)
      assert.deepEqual(
        readings.map((reading) => reading.status),
        readings.map(() => 404),
      )
    })

    test('a comment taken down is never served stale', async (t) => {
      const { ctx, server, article, path } = await hotArticle(t, dialect)
      const text = uniqueText('Something a moderator will take down')
      const comment = await approvedComment(ctx, article, text)
      assert.ok((await (await server.get(path)).text()).includes(text))
      await ctx.services.comments.moderate(COMMAND_LINE, [comment.id], 'reject')
      const readings = await burst(server, path, 30)
      assert.ok(readings.every((reading) => reading.status === 200 && !reading.body.includes(text)))
    })
  })
}
