// Story threads as readers see them: the thread's page at /threads/SLUG and the
// "Part of" box on every published article in it, in the editors' order.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { hrefsOf, pathOf, publishInOrder, textOf } from './html.js'

const SUBJECTS = [
  'Rivers rise across the valley',
  'Relief convoys reach hill villages',
  'Council orders an inquiry into the alerts',
]

/** A thread of three published stories, in an order that is not their publication order. */
async function runningStory(ctx: TestAppContext) {
  const [first, second, third] = await publishInOrder(ctx, 3, {}, (i) => ({
    headline: SUBJECTS[i] ?? '',
  }))
  assert.ok(first && second && third)
  const { article: draft } = await importArticle(
    ctx,
    { headline: 'A follow-up still being written' },
    { draft: true },
  )
  const { article: outside } = await importArticle(ctx, { headline: 'Ferry timetable changes' })
  const thread = await ctx.services.threads.create(COMMAND_LINE, {
    title: 'Valley floods',
    description: 'The floods and what came after.',
  })
  for (const article of [second, first, draft, third]) {
    await ctx.services.threads.addArticle(COMMAND_LINE, thread.slug, article.id)
  }
  return { thread, order: [second, first, third], draft, outside }
}

const paths = (articles: readonly Article[]) => articles.map(pathOf)

for (const dialect of testDialects()) {
  describe(`story thread pages (${dialect})`, () => {
    test('/threads/SLUG lists the published stories in the editors’ order', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { thread, order } = await runningStory(ctx)

      const { response, document } = await server.page(`/threads/${thread.slug}`)
      assert.equal(response.status, 200)
      assert.equal(textOf(document.querySelector('h1')), 'Valley floods')
      assert.equal(
        textOf(document.querySelector('.thread-description')),
        'The floods and what came after.',
      )
      assert.deepEqual(
        hrefsOf(document.querySelectorAll('ol.thread-stories h2 a')),
        paths(order),
        'the draft is not shown',
      )
      assert.equal(
        document.querySelector('link[rel=canonical]')?.getAttribute('href'),
        `${ctx.config.siteUrl}/threads/${thread.slug}`,
      )
    })

    test('each story in the thread says where it stands; other stories have no box', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { thread, order, outside } = await runningStory(ctx)

      for (const [index, article] of order.entries()) {
        const { document } = await server.page(pathOf(article))
        const box = document.querySelector('nav.story-thread')
        assert.ok(box, `${article.headline}: a thread box`)
        assert.equal(box.querySelector('h2 a')?.getAttribute('href'), `/threads/${thread.slug}`)
        assert.equal(textOf(box.querySelector('.story-thread-position')), `Story ${index + 1} of 3`)
        const current = box.querySelector('li[aria-current=page]')
        assert.match(textOf(current), new RegExp(article.headline))
        assert.equal(current?.querySelector('a'), null, 'the current story is not a link')
        assert.deepEqual(
          hrefsOf(box.querySelectorAll('li a')),
          paths(order.filter((other) => other.id !== article.id)),
        )
      }
      const { document } = await server.page(pathOf(outside))
      assert.equal(document.querySelector('nav.story-thread'), null)
    })

    test('reordering and removing show at once on the thread and its articles', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { thread, order } = await runningStory(ctx)
      const [second, first, third] = order
      assert.ok(second && first && third)
      const threadPath = `/threads/${thread.slug}`
      // Both pages are in the page cache before the change.
      await server.page(threadPath)
      await server.page(pathOf(third))

      await ctx.services.threads.moveArticle(COMMAND_LINE, thread.slug, first.id, 'up')
      await ctx.services.threads.removeArticle(COMMAND_LINE, thread.slug, second.id)

      const { document } = await server.page(threadPath)
      assert.deepEqual(hrefsOf(document.querySelectorAll('ol.thread-stories h2 a')), [
        pathOf(first),
        pathOf(third),
      ])
      const article = await server.page(pathOf(third))
      assert.equal(textOf(article.document.querySelector('.story-thread-position')), 'Story 2 of 2')
      const removed = await server.page(pathOf(second))
      assert.equal(removed.document.querySelector('nav.story-thread'), null)
    })

    test('a story added to a thread shows its box at once, though its page was read before', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { thread, outside } = await runningStory(ctx)
      const before = await server.page(pathOf(outside))
      assert.equal(before.document.querySelector('nav.story-thread'), null)

      await ctx.services.threads.addArticle(COMMAND_LINE, thread.slug, outside.id)

      const { document } = await server.page(pathOf(outside))
      assert.equal(textOf(document.querySelector('.story-thread-position')), 'Story 4 of 4')
    })

    test('unknown threads, malformed slugs and pages past the last are 404', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { thread } = await runningStory(ctx)
      for (const path of [
        '/threads/no-such-thread',
        '/threads/Not%20A%20Slug',
        `/threads/${thread.slug}?page=2`,
        `/threads/${thread.slug}?page=0`,
        `/threads/${thread.slug}?page=x`,
      ]) {
        assert.equal((await server.get(path)).status, 404, path)
      }
    })
  })
}
