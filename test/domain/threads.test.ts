// Story threads through the real services, on every database: ordering,
// who may change them, what the audit log records, and what readers see.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Actor } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import type { ContentChange } from '../../src/domain/changes.js'
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/domain/errors.js'
import { staffActor } from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'

const MINUTE = 60_000

const isError = (type: new (...args: never[]) => Error, code: string) => (error: unknown) =>
  error instanceof type && (error as { code?: string }).code === code

/** Published articles, one minute apart, oldest first. */
async function publish(
  ctx: TestAppContext,
  count: number,
  prefix = 'Flood story',
): Promise<Article[]> {
  const articles: Article[] = []
  for (let i = 0; i < count; i++) {
    ctx.clock.advance(MINUTE)
    const { article } = await importArticle(ctx, { headline: `${prefix} ${i + 1}`, dateLine: '' })
    articles.push(article)
  }
  return articles
}

async function draft(ctx: TestAppContext, editor: Actor, headline: string): Promise<Article> {
  return ctx.services.editing.createDraft(editor, {
    headline,
    standfirst: '',
    dateline: '',
    body: 'Still being written.',
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: [],
    slug: '',
  })
}

/** Records what the services announce to page caches. */
function announcements(ctx: TestAppContext): ContentChange[] {
  const heard: ContentChange[] = []
  ctx.changes.subscribe((change) => {
    heard.push(change)
  })
  return heard
}

for (const dialect of testDialects()) {
  describe(`story threads (${dialect})`, () => {
    test('editors create a thread, add articles at the end, and reorder them', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const [a, b, c] = await publish(ctx, 3)
      assert.ok(a && b && c)
      const threads = ctx.services.threads

      const thread = await threads.create(editor, {
        title: '  Mondego floods  ',
        description: 'The river, the evacuation and the clean-up.',
      })
      assert.equal(thread.slug, 'mondego-floods')
      assert.equal(thread.title, 'Mondego floods')

      await threads.addArticle(editor, 'mondego-floods', a.id)
      await threads.addArticle(editor, 'mondego-floods', b.id)
      await threads.addArticle(editor, 'mondego-floods', c.id)
      const order = async () =>
        (await threads.getForEditing(editor, 'mondego-floods')).members.map((m) => m.id)
      assert.deepEqual(await order(), [a.id, b.id, c.id])

      await threads.moveArticle(editor, 'mondego-floods', c.id, 'up')
      assert.deepEqual(await order(), [a.id, c.id, b.id])
      await threads.moveArticle(editor, 'mondego-floods', a.id, 'up') // already first
      assert.deepEqual(await order(), [a.id, c.id, b.id])
      await threads.moveArticle(editor, 'mondego-floods', a.id, 'down')
      assert.deepEqual(await order(), [c.id, a.id, b.id])
      await threads.removeArticle(editor, 'mondego-floods', a.id)
      assert.deepEqual(await order(), [c.id, b.id])
      // The removed article itself is untouched.
      assert.equal((await ctx.stores.articles.findById(a.id))?.status, 'published')

      const [listed] = await threads.list(editor)
      assert.equal(listed?.slug, 'mondego-floods')
      assert.equal(listed?.articleCount, 2)
    })

    test('only editors and admins manage threads; refusals change nothing', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const [editor, admin, contributor] = await Promise.all([
        staffActor(ctx, 'editor'),
        staffActor(ctx, 'admin'),
        staffActor(ctx, 'contributor'),
      ])
      const [article] = await publish(ctx, 1)
      assert.ok(article)
      const threads = ctx.services.threads
      await threads.create(admin, { title: 'Budget week' })
      await threads.addArticle(editor, 'budget-week', article.id)
      const forbidden = isError(ForbiddenError, 'forbidden')
      await assert.rejects(threads.list(contributor), forbidden)
      await assert.rejects(threads.getForEditing(contributor, 'budget-week'), forbidden)
      await assert.rejects(threads.create(contributor, { title: 'Mine' }), forbidden)
      await assert.rejects(
        threads.update(contributor, 'budget-week', { title: 'Renamed', description: '' }),
        forbidden,
      )
      await assert.rejects(threads.removeArticle(contributor, 'budget-week', article.id), forbidden)
      await assert.rejects(threads.remove(contributor, 'budget-week'), forbidden)
      const { thread, members } = await threads.getForEditing(admin, 'budget-week')
      assert.equal(thread.title, 'Budget week')
      assert.equal(members.length, 1)
      assert.equal((await threads.list(admin)).length, 1)
    })

    test('every change is audited', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const [a, b] = await publish(ctx, 2)
      assert.ok(a && b)
      const threads = ctx.services.threads
      // One second apart, so that the log's order is the order of the changes.
      const steps: (() => Promise<unknown>)[] = [
        () => threads.create(editor, { title: 'Harbour wall' }),
        () => threads.addArticle(editor, 'harbour-wall', a.id),
        () => threads.addArticle(editor, 'harbour-wall', b.id),
        () => threads.moveArticle(editor, 'harbour-wall', b.id, 'up'),
        () =>
          threads.update(editor, 'harbour-wall', { title: 'The harbour wall', description: '' }),
        () => threads.removeArticle(editor, 'harbour-wall', a.id),
        () => threads.removeArticle(editor, 'harbour-wall', b.id),
        () => threads.remove(editor, 'harbour-wall'),
      ]
      for (const step of steps) {
        ctx.clock.advance(1000)
        await step()
      }
      const events = (await ctx.stores.audit.list({ limit: 50, offset: 0 })).reverse()
      const mine = events.filter((event) => event.action.startsWith('thread'))
      assert.deepEqual(
        mine.map((event) => event.action),
        [
          'thread_created',
          'thread_article_added',
          'thread_article_added',
          'thread_reordered',
          'thread_renamed',
          'thread_article_removed',
          'thread_article_removed',
          'thread_deleted',
        ],
      )
      assert.ok(mine.every((event) => event.actorId === editor.id))
      assert.equal(mine[1]?.subject, 'Harbour wall')
      assert.equal(mine[1]?.details, a.headline)
      assert.equal(mine[3]?.details, `${b.headline} (up)`)
      assert.equal(mine[4]?.details, '→ The harbour wall')
    })

    test('readers see only published articles, in the thread order', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const [a, b, c] = await publish(ctx, 3)
      assert.ok(a && b && c)
      const pending = await draft(ctx, editor, 'Evacuation numbers, still being checked')
      const threads = ctx.services.threads
      await threads.create(editor, { title: 'Mondego floods' })
      for (const article of [c, pending, a, b]) {
        await threads.addArticle(editor, 'mondego-floods', article.id)
      }

      const { thread, articles } = await threads.publishedPage('mondego-floods', 1, 20)
      assert.equal(thread.title, 'Mondego floods')
      assert.deepEqual(
        articles.items.map((item) => item.id),
        [c.id, a.id, b.id],
      )
      assert.equal(articles.total, 3)
      // The newsroom sees all four.
      assert.equal((await threads.getForEditing(editor, 'mondego-floods')).members.length, 4)

      // Paging: two per page.
      const second = await threads.publishedPage('mondego-floods', 2, 2)
      assert.deepEqual(
        second.articles.items.map((item) => item.id),
        [b.id],
      )
      assert.equal(second.articles.pageCount, 2)
      await assert.rejects(
        threads.publishedPage('mondego-floods', 3, 2),
        isError(NotFoundError, 'page_not_found'),
      )
      await assert.rejects(
        threads.publishedPage('no-such-thread', 1, 20),
        isError(NotFoundError, 'thread_not_found'),
      )

      // The box on an article page: the published articles, this one's place among them.
      const box = await threads.boxFor(a.id)
      assert.equal(box?.thread.slug, 'mondego-floods')
      assert.deepEqual(
        box?.items.map((item) => item.id),
        [c.id, a.id, b.id],
      )
      assert.equal(box?.position, 2)
      assert.equal(box?.total, 3)
      assert.equal(await threads.boxFor(pending.id), undefined, 'a draft has no public box')
      // The article as read says which thread it is in: its page asks for the box only then.
      assert.equal((await ctx.stores.articles.findById(a.id))?.threadId, box?.thread.id)
      await threads.removeArticle(editor, 'mondego-floods', b.id)
      assert.equal((await ctx.stores.articles.findById(b.id))?.threadId, null)
      await threads.addArticle(editor, 'mondego-floods', b.id)

      // Unpublishing takes an article out of what readers see, not out of the thread.
      const current = await ctx.stores.articles.findById(c.id)
      assert.ok(current)
      await ctx.services.workflow.transition(editor, c.id, {
        transition: 'unpublish',
        baseVersion: current.version,
      })
      const after = await threads.publishedPage('mondego-floods', 1, 20)
      assert.deepEqual(
        after.articles.items.map((item) => item.id),
        [a.id, b.id],
      )
      assert.equal((await threads.boxFor(a.id))?.position, 1)
    })

    test('a long thread shows a window of articles around the current one', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const articles = await publish(ctx, 12)
      await ctx.services.threads.create(editor, { title: 'Long story' })
      for (const article of articles) {
        await ctx.services.threads.addArticle(editor, 'long-story', article.id)
      }
      const last = articles[11]
      assert.ok(last)
      const box = await ctx.services.threads.boxFor(last.id, 5)
      assert.deepEqual(
        box?.items.map((item) => item.id),
        articles.slice(7).map((item) => item.id),
      )
      assert.equal(box?.position, 12)
      assert.equal(box?.total, 12)
    })

    test('an article belongs to one thread; duplicates and unknowns are refused', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const [article] = await publish(ctx, 1)
      assert.ok(article)
      const threads = ctx.services.threads
      await threads.create(editor, { title: 'First thread' })
      await threads.create(editor, { title: 'Second thread' })
      await threads.addArticle(editor, 'first-thread', article.id)
      await assert.rejects(
        threads.addArticle(editor, 'first-thread', article.id),
        isError(ConflictError, 'article_already_in_thread'),
      )
      await assert.rejects(
        threads.addArticle(editor, 'second-thread', article.id),
        isError(ConflictError, 'article_in_other_thread'),
      )
      await assert.rejects(
        threads.addArticle(editor, 'second-thread', '0190a0a0-0000-7000-8000-000000000000'),
        isError(NotFoundError, 'article_not_found'),
      )
      await assert.rejects(
        threads.addArticle(editor, 'third-thread', article.id),
        isError(NotFoundError, 'thread_not_found'),
      )
      await assert.rejects(
        threads.create(editor, { title: 'First thread' }),
        isError(ConflictError, 'thread_slug_taken'),
      )
      // A thread with articles cannot be deleted; an empty one can.
      await assert.rejects(
        threads.remove(editor, 'first-thread'),
        isError(ConflictError, 'thread_not_empty'),
      )
      await threads.remove(editor, 'second-thread')
      assert.deepEqual(
        (await threads.list(editor)).map((thread) => thread.slug),
        ['first-thread'],
      )
      // Deleting an article takes it out of its thread.
      const pending = await draft(ctx, editor, 'A draft in the thread')
      await threads.addArticle(editor, 'first-thread', pending.id)
      await ctx.services.editing.remove(editor, pending.id)
      assert.deepEqual(
        (await threads.getForEditing(editor, 'first-thread')).members.map((m) => m.id),
        [article.id],
      )
    })

    test('changes readers can see are announced to page caches; the others are not', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const [article] = await publish(ctx, 1)
      assert.ok(article)
      const pending = await draft(ctx, editor, 'Not out yet')
      const heard = announcements(ctx)
      const threads = ctx.services.threads
      await threads.create(editor, { title: 'Quiet thread' })
      await threads.addArticle(editor, 'quiet-thread', pending.id)
      assert.equal(heard.length, 0, 'an empty thread and a draft change no public page')
      await threads.addArticle(editor, 'quiet-thread', article.id)
      assert.deepEqual(heard, [{ scope: 'site' }])
      await threads.moveArticle(editor, 'quiet-thread', article.id, 'up')
      await threads.update(editor, 'quiet-thread', { title: 'Loud thread', description: '' })
      await threads.removeArticle(editor, 'quiet-thread', article.id)
      assert.equal(heard.length, 4)
    })

    test('finding articles to add: by headline words, not those in the thread already', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const [a, b] = await publish(ctx, 2, 'Harbour wall')
      const [other] = await publish(ctx, 1, 'Budget vote')
      assert.ok(a && b && other)
      const threads = ctx.services.threads
      await threads.create(editor, { title: 'Wall' })
      await threads.create(editor, { title: 'Elsewhere' })
      await threads.addArticle(editor, 'wall', a.id)
      await threads.addArticle(editor, 'elsewhere', b.id)
      const found = await threads.candidates(editor, 'wall', 'harbour')
      assert.deepEqual(
        found.map((candidate) => candidate.article.id),
        [b.id],
      )
      assert.equal(found[0]?.inThread?.slug, 'elsewhere')
      const recent = await threads.candidates(editor, 'wall', '')
      assert.ok(recent.some((candidate) => candidate.article.id === other.id))
      assert.ok(!recent.some((candidate) => candidate.article.id === a.id))
    })
  })
}
