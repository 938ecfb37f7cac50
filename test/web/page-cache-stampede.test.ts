// Concurrent misses for one page render it once: a comment approved on a hot
// story empties its page, and the readers arriving together get one render.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { STALE_WINDOW_MS } from '../../src/web/page-cache/page-cache.js'
import { startTestServer } from '../helpers/app.js'
import { postComment } from '../helpers/comments.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { pathOf } from './html.js'

for (const dialect of testDialects()) {
  describe(`page cache under a burst (${dialect})`, () => {
    test('50 readers right after a comment empties a hot article: one render, one page for all', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      const path = pathOf(article)
      assert.equal((await server.get(path)).status, 200)
      const comment = await postComment(ctx, {
        articleId: article.id,
        body: 'The ferry should run all night during the festival.',
      })
      await ctx.services.comments.moderate(COMMAND_LINE, [comment.id], 'approve')
      // Within the first STALE_WINDOW_MS the page without the comment may still be served
      // (page-cache-stale.test.ts); past it, every reader waits for the one render.
      ctx.clock.advance(STALE_WINDOW_MS)

      const before = server.app.renderedPages()
      const answers = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const response = await server.get(path)
          return {
            status: response.status,
            etag: response.headers.get('etag'),
            body: await response.text(),
          }
        }),
      )
      assert.equal(server.app.renderedPages() - before, 1, 'rendered once')
      assert.ok(answers.every((answer) => answer.status === 200))
      assert.equal(new Set(answers.map((answer) => answer.etag)).size, 1, 'one page for all')
      assert.ok(
        answers.every((answer) => answer.body.includes('run all night during the festival')),
      )
    })

    test('readers of a page that is never stored all get their answer', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const statuses = await Promise.all(
        Array.from(
          { length: 10 },
          async () => (await server.get('/no-such-section/at-all')).status,
        ),
      )
      assert.deepEqual(
        statuses,
        Array.from({ length: 10 }, () => 404),
      )
    })

    test('signed-in readers never share a render', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      const before = server.app.renderedPages()
      const answers = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const response = await server.get(pathOf(article), {
            headers: { cookie: 'dl_session=x' },
          })
          await response.arrayBuffer()
          return response.status
        }),
      )
      assert.deepEqual(answers, [200, 200, 200, 200, 200])
      assert.equal(
        server.app.renderedPages() - before,
        5,
        'each signed-in reader gets a page of their own',
      )
    })
  })
}
