// Article pages' stories, rendered when articles change and kept in the
// database (web/public/story-parts.tsx, storage/story-store.ts): a first read
// uses a kept story only while the database's generations say it is current,
// whichever process made the change, and it is the page rendered afresh.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { NotFoundError } from '../../src/domain/errors.js'
import { startUncachedSite } from '../helpers/app.js'
import { staffActor } from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle, saveEdit } from '../helpers/factories.js'
import { createSharedDatabase } from '../helpers/shared-database.js'
import { pathOf } from './html.js'

/** The article's statement read whole (storage/article-reads.ts): what a kept story spares. */
const WHOLE_ARTICLE = /select "a"\.\*/

/** Whether the article's story is kept and current for this process. */
async function isKept(ctx: TestAppContext, article: Article): Promise<boolean> {
  const row = await ctx.stores.stories.pageBySlug(article.slug, await ctx.services.stories.stamp())
  return row?.kept !== undefined
}

/** The story's HTML as this process would show it now. */
async function storyOf(ctx: TestAppContext, article: Article): Promise<string> {
  const { parts } = await ctx.services.stories.page(article.slug)
  return parts.top + parts.footer
}

/** A page's HTML with its comment form's token, different on each render, left out. */
const withoutToken = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '')

for (const dialect of testDialects()) {
  describe(`kept stories (${dialect})`, () => {
    test("a published story is kept, and its page's first read spares the article's statement", async (t) => {
      const { ctx, server, statements } = await startUncachedSite(t, dialect)
      const { article } = await importArticle(ctx, { headline: 'Ferry pier reopens after repairs' })
      assert.ok(await isKept(ctx, article), 'kept when published')
      statements.length = 0
      const { response, document } = await server.page(pathOf(article))
      assert.equal(response.status, 200)
      assert.equal(document.querySelector('h1')?.textContent, 'Ferry pier reopens after repairs')
      assert.doesNotMatch(statements.join('\n'), WHOLE_ARTICLE)
    })

    test('the page made from a kept story is the page rendered afresh, byte for byte', async (t) => {
      const { ctx, server, statements } = await startUncachedSite(t, dialect)
      const { article } = await importArticle(ctx, { headline: 'Lighthouse gets a new lamp' })
      const path = pathOf(article)
      const fromKept = await (await server.get(path)).text()
      // Another code or site would have another stamp: this process's kept story is then not current.
      await ctx.stores.stories.save([
        {
          articleId: article.id,
          generations: { article: 2 ** 31 - 1, site: 2 ** 31 - 1 },
          stamp: 'another renderer',
          meta: '{}',
          top: '',
          footer: '',
        },
      ])
      assert.equal(await isKept(ctx, article), false)
      statements.length = 0
      const afresh = await (await server.get(path)).text()
      assert.match(statements.join('\n'), WHOLE_ARTICLE, 'rendered afresh')
      assert.equal(withoutToken(afresh), withoutToken(fromKept))
      assert.match(fromKept, /<h1>Lighthouse gets a new lamp<\/h1>/)
    })

    test('what another process changes is never shown from a kept story', async (t) => {
      const shared = await createSharedDatabase(t, dialect)
      const reader = await shared.open()
      const writer = await shared.open()
      const { article } = await importArticle(
        writer,
        { headline: 'Harbour wall work begins', bylines: ['Ada Brekke'] },
        { tags: ['Harbour works'] },
      )
      assert.ok(await isKept(reader, article), 'the writer kept it, for every process')
      assert.match(await storyOf(reader, article), /Ada Brekke/)

      // Whole-site changes: the writer renders nothing, the generations move all the same.
      await writer.services.sections.rename(COMMAND_LINE, 'news', 'Coast news')
      assert.equal(await isKept(reader, article), false)
      assert.match(await storyOf(reader, article), /Coast news/)

      const [tag] = article.tags
      assert.ok(tag)
      await writer.services.tags.rename(COMMAND_LINE, tag.slug, 'Harbour repairs')
      assert.match(await storyOf(reader, article), /Harbour repairs/)

      const [author] = article.bylines
      assert.ok(author)
      await writer.services.authorEditing.updateProfile(COMMAND_LINE, author.slug, {
        name: 'Ada Brekke-Vik',
        bio: '',
        links: [],
      })
      assert.match(await storyOf(reader, article), /Ada Brekke-Vik/)

      // The article's own changes: the writer keeps the new story, and the reader finds it.
      const editor = await staffActor(writer, 'editor')
      await saveEdit(writer, editor, article.id, { headline: 'Harbour wall work begins at dawn' })
      assert.ok(await isKept(reader, article))
      assert.match(await storyOf(reader, article), /<h1>Harbour wall work begins at dawn<\/h1>/)
    })

    test('a story rendered from an older state is never shown, however late it is written', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { article } = await importArticle(ctx, { headline: 'Bridge tolls to end' })
      const before = (await ctx.stores.stories.generations([article.id])).get(article.id)
      assert.ok(before)
      // Written straight to the store, as a process that stopped before keeping the new story.
      await ctx.stores.articles.insertCorrection(article.id, {
        id: '019300f0-0000-7000-8000-00000000c0c0',
        note: 'The tolls end in March, not in May.',
        createdAt: ctx.clock.now(),
        createdBy: null,
      })
      assert.equal(await isKept(ctx, article), false, 'the generations moved in its transaction')
      const late = {
        articleId: article.id,
        generations: before,
        stamp: await ctx.services.stories.stamp(),
        meta: '{}',
        top: '<h1>Stale</h1>',
        footer: '',
      }
      // Rendered before the change, written after it: kept, and never current.
      await ctx.stores.stories.save([late])
      assert.equal(await isKept(ctx, article), false)
      assert.match(await storyOf(ctx, article), /The tolls end in March, not in May\./)
      // The story rendered on that read is kept, and a late one does not replace it.
      await ctx.services.stories.flush()
      assert.ok(await isKept(ctx, article))
      await ctx.stores.stories.save([late])
      assert.ok(await isKept(ctx, article))
      assert.doesNotMatch(await storyOf(ctx, article), /Stale/)
    })

    test('stories left unrendered, or rendered by another version, are filled in, oldest first', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const articles: Article[] = []
      for (const headline of ['Tram line extended', 'Tram fares frozen', 'Tram depot sold']) {
        ctx.clock.advance(60_000)
        articles.push((await importArticle(ctx, { headline })).article)
      }
      const generations = await ctx.stores.stories.generations(articles.map(({ id }) => id))
      await ctx.stores.stories.save(
        articles.map((article) => ({
          articleId: article.id,
          generations: generations.get(article.id) ?? { article: 0, site: 0 },
          stamp: 'an older version',
          meta: '{}',
          top: '',
          footer: '',
        })),
      )
      assert.equal(await ctx.services.stories.fillMissing(2), 2)
      assert.deepEqual(await Promise.all(articles.map((article) => isKept(ctx, article))), [
        true,
        true,
        false,
      ])
      assert.equal(await ctx.services.stories.fillMissing(), 1)
      assert.ok(await isKept(ctx, articles[2] as Article))
      assert.equal(await ctx.services.stories.fillMissing(), 0)
    })

    test('an unpublished story is not found, whatever is kept of it', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const { article } = await importArticle(ctx)
      assert.ok(await isKept(ctx, article))
      await ctx.services.workflow.transition(editor, article.id, { transition: 'unpublish' })
      await assert.rejects(ctx.services.stories.page(article.slug), NotFoundError)
    })
  })
}
