// Article pages' related coverage boxes, rendered from their kept lists and
// kept beside them (web/public/related-box.tsx, storage/story-store.ts): a
// first read uses a kept box only while the database says it is still true
// (the same list, the listed stories and the site at the same generations,
// the same renderer), whichever process made the change, and the page is the
// one rendered without it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import type { KeptRelatedBox } from '../../src/domain/stories/story-store.js'
import { startUncachedSite } from '../helpers/app.js'
import { staffActor } from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle, saveEdit } from '../helpers/factories.js'
import { createSharedDatabase } from '../helpers/shared-database.js'
import { pathOf } from './html.js'

/** The related list's own statement (storage/related-store.ts): what a kept box spares a read. */
const LIST_STATEMENT = /select "related_ids" from "related_lists"/

/** The article's related coverage box, when kept and still true for this process. */
async function boxOf(ctx: TestAppContext, article: Article): Promise<KeptRelatedBox | undefined> {
  const stamp = await ctx.services.stories.stamp()
  return (await ctx.stores.stories.pageBySlug(article.slug, stamp))?.relatedBox
}

/** Two stories related by a tag: the second's box lists the first. */
async function relatedPair(ctx: TestAppContext): Promise<{ first: Article; second: Article }> {
  const { article: first } = await importArticle(
    ctx,
    { headline: 'Ferry crews vote on a new rota' },
    { tags: ['Ferries'] },
  )
  ctx.clock.advance(60_000)
  const { article: second } = await importArticle(
    ctx,
    { headline: 'Night ferry timetable agreed' },
    { tags: ['Ferries'] },
  )
  return { first, second }
}

/** A page's HTML with its comment form's token, different on each render, left out. */
const withoutToken = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '')

for (const dialect of testDialects()) {
  describe(`kept related coverage boxes (${dialect})`, () => {
    test('a box is kept with its list, and a first read shows it without reading the list', async (t) => {
      const { ctx, server, statements } = await startUncachedSite(t, dialect)
      const { first, second } = await relatedPair(ctx)
      assert.deepEqual((await boxOf(ctx, second))?.ids, [first.id], 'kept when published')
      statements.length = 0
      const { response, document } = await server.page(pathOf(second))
      assert.equal(response.status, 200)
      assert.match(
        document.querySelector('.related-coverage')?.textContent ?? '',
        /Ferry crews vote on a new rota/,
      )
      assert.doesNotMatch(statements.join('\n'), LIST_STATEMENT)
    })

    test('the page made from a kept box is the page rendered from the list, byte for byte', async (t) => {
      const { ctx, server, statements } = await startUncachedSite(t, dialect)
      const { first, second } = await relatedPair(ctx)
      const path = pathOf(second)
      const fromKept = await (await server.get(path)).text()
      // The list saved again clears its box: the next read renders it from the list.
      await ctx.stores.related.saveLists(new Map([[second.id, [first.id]]]))
      assert.equal(await boxOf(ctx, second), undefined)
      statements.length = 0
      const afresh = await (await server.get(path)).text()
      assert.match(statements.join('\n'), LIST_STATEMENT, 'rendered from the list')
      assert.equal(withoutToken(afresh), withoutToken(fromKept))
      assert.match(fromKept, /class="related related-coverage"/)
      // The box rendered on that read is kept for the next.
      await ctx.services.stories.flush()
      assert.deepEqual((await boxOf(ctx, second))?.ids, [first.id])
    })

    test('what another process changes in a listed story is never shown from a kept box', async (t) => {
      const shared = await createSharedDatabase(t, dialect)
      const reader = await shared.open()
      const writer = await shared.open()
      const { first, second } = await relatedPair(writer)
      assert.ok(await boxOf(reader, second), 'the writer kept it, for every process')
      /** The box the reader renders and keeps on a read, once written. */
      const readAndKeep = async () => {
        await reader.services.stories.page(second.slug)
        await reader.services.stories.flush()
        return boxOf(reader, second)
      }

      const editor = await staffActor(writer, 'editor')
      await saveEdit(writer, editor, first.id, { headline: 'Ferry crews accept the new rota' })
      assert.equal(await boxOf(reader, second), undefined, "the listed story's generation moved")
      assert.match((await readAndKeep())?.html ?? '', /Ferry crews accept the new rota/)

      // Whole-site changes: the writer renders nothing, the site's generation moves.
      await writer.services.sections.rename(COMMAND_LINE, 'news', 'Coast news')
      assert.equal(await boxOf(reader, second), undefined, "the site's generation moved")
      assert.match((await readAndKeep())?.html ?? '', /Coast news/)

      await writer.services.workflow.transition(editor, first.id, { transition: 'unpublish' })
      assert.equal(await boxOf(reader, second), undefined, 'unpublished: never shown')
      assert.deepEqual((await readAndKeep())?.ids ?? [], [])
    })

    test('a box rendered from an older list, or at older generations, is never shown', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { first, second } = await relatedPair(ctx)
      const [source] = await ctx.stores.stories.boxSources([second.id])
      assert.ok(source)
      const late = {
        ...source,
        stamp: await ctx.services.stories.stamp(),
        ids: [first.id],
        html: '<li>Stale</li>',
      }
      // Written straight to the store, as a process that stopped before keeping the new box.
      await ctx.stores.articles.insertCorrection(first.id, {
        id: '019300f0-0000-7000-8000-00000000c0c1',
        note: 'The vote is on Friday.',
        createdAt: ctx.clock.now(),
        createdBy: null,
      })
      await ctx.stores.stories.saveBoxes([late])
      assert.equal(await boxOf(ctx, second), undefined, 'rendered before the change: never true')

      // A list saved since: a box rendered from the one before is not written at all.
      await ctx.stores.related.saveLists(new Map([[second.id, []]]))
      const [now] = await ctx.stores.stories.boxSources([second.id])
      assert.ok(now)
      await ctx.stores.stories.saveBoxes([{ ...late, listed: now.listed, site: now.site }])
      assert.equal(await boxOf(ctx, second), undefined)
      assert.equal(await ctx.services.stories.fillMissingBoxes(), 2, 'both were left to fill')
      assert.deepEqual((await boxOf(ctx, second))?.ids, [])
    })

    test('an article in a story thread never shows a kept box', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { first, second } = await relatedPair(ctx)
      const [source] = await ctx.stores.stories.boxSources([second.id])
      assert.ok(source)
      const thread = await ctx.services.threads.create(COMMAND_LINE, {
        title: 'Ferry timetables',
        description: 'The ferries through the year.',
      })
      await ctx.services.threads.addArticle(COMMAND_LINE, thread.slug, second.id)
      await ctx.stores.stories.saveBoxes([
        { ...source, stamp: await ctx.services.stories.stamp(), ids: [first.id], html: '' },
      ])
      assert.equal(await boxOf(ctx, second), undefined)
      assert.deepEqual(await ctx.stores.stories.boxSources([second.id]), [])
    })

    test('boxes cleared by a new list, or rendered by another version, are filled in, oldest first', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { first, second } = await relatedPair(ctx)
      // The second story's arrival changed the first's list, which cleared its box.
      assert.equal(await boxOf(ctx, first), undefined)
      const [source] = await ctx.stores.stories.boxSources([second.id])
      assert.ok(source)
      await ctx.stores.stories.saveBoxes([
        { ...source, stamp: 'an older version', ids: [first.id], html: '' },
      ])
      assert.equal(await boxOf(ctx, second), undefined)
      assert.equal(await ctx.services.stories.fillMissingBoxes(1), 1)
      assert.deepEqual((await boxOf(ctx, first))?.ids, [second.id], 'the oldest first')
      assert.equal(await boxOf(ctx, second), undefined)
      assert.equal(await ctx.services.stories.fillMissingBoxes(), 1)
      assert.deepEqual((await boxOf(ctx, second))?.ids, [first.id])
      assert.equal(await ctx.services.stories.fillMissingBoxes(), 0)
    })
  })
}
