// Related coverage through the real service and stores, on every database.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Article } from '../../src/domain/articles/article.js'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { createRelatedService } from '../../src/domain/related/related-service.js'
import type { RelatedStore } from '../../src/domain/related/related-store.js'
import { staffActor } from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import {
  buildArticleText,
  importArticle,
  saveEdit,
  type ArticleTextFields,
} from '../helpers/factories.js'

const MINUTE = 60_000

/** Unrelated wording, so that only what a test gives two stories in common relates them. */
const PLAIN: Partial<ArticleTextFields> = {
  standfirst: '',
  keyPoints: [],
  dateLine: '',
}

async function story(
  ctx: TestAppContext,
  headline: string,
  {
    tags = [],
    section = 'news',
    standfirst = '',
  }: { tags?: string[]; section?: string; standfirst?: string } = {},
): Promise<Article> {
  ctx.clock.advance(MINUTE)
  const { article } = await importArticle(
    ctx,
    { ...PLAIN, headline, standfirst },
    { tags, sectionSlug: section },
  )
  return article
}

const ids = (items: { id: string }[]) => items.map((item) => item.id)

for (const dialect of testDialects()) {
  describe(`related coverage (${dialect})`, () => {
    test('stories sharing tags are listed; unrelated ones and the story itself are not', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const subject = await story(ctx, 'River bursts its banks in the valley', {
        tags: ['Mondego floods', 'Weather'],
      })
      const sharesTag = await story(ctx, 'Volunteers clear mud from the school', {
        tags: ['Mondego floods'],
        section: 'society',
      })
      const unrelated = await story(ctx, 'Orchestra opens its season with a premiere', {
        tags: ['Music'],
        section: 'arts',
      })
      const related = await ctx.services.related.forArticle(subject)
      assert.ok(ids(related).includes(sharesTag.id))
      assert.ok(!ids(related).includes(unrelated.id))
      assert.ok(!ids(related).includes(subject.id))
    })

    test('a rarer shared tag ranks higher; shared headline words add to it', async (t) => {
      const ctx = await createTestContext(t, dialect)
      // "Weather" is on many stories; "Mondego floods" on few.
      for (let i = 0; i < 6; i++) {
        await story(ctx, `Forecast number ${i} for the weekend`, {
          tags: ['Weather'],
          section: 'sport',
        })
      }
      const subject = await story(ctx, 'Mondego river floods thousands of homes', {
        tags: ['Mondego floods', 'Weather'],
      })
      const common = await story(ctx, 'Cold snap expected on Friday', { tags: ['Weather'] })
      const rare = await story(ctx, 'Relief convoys reach the hill villages', {
        tags: ['Mondego floods'],
      })
      const rareAndWords = await story(ctx, 'Mondego floods: the homes that were lost', {
        tags: ['Mondego floods'],
      })
      const related = ids(await ctx.services.related.forArticle(subject))
      assert.equal(related[0], rareAndWords.id)
      assert.ok(
        related.indexOf(rare.id) < related.indexOf(common.id) || !related.includes(common.id),
      )
      assert.ok(related.length <= 5)
    })

    test('shared significant words relate untagged stories in the same section', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const subject = await story(ctx, 'Harbour council approves sea wall', {
        standfirst: 'The vote ends two years of argument over flood defences.',
      })
      const words = await story(ctx, 'Sea wall costs split between harbour city and fund')
      const other = await story(ctx, 'Tram depot to close for the winter')
      const related = ids(await ctx.services.related.forArticle(subject))
      assert.deepEqual(related, [words.id])
      assert.ok(!related.includes(other.id))
    })

    test('drafts and stories of the same thread are left out', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const subject = await story(ctx, 'River bursts its banks', { tags: ['Mondego floods'] })
      const threadMate = await story(ctx, 'Evacuation begins in low villages', {
        tags: ['Mondego floods'],
      })
      const outsider = await story(ctx, 'Insurers count the cost of the floods', {
        tags: ['Mondego floods'],
      })
      await importArticle(
        ctx,
        { ...PLAIN, headline: 'Draft about the Mondego floods' },
        { tags: ['Mondego floods'], draft: true },
      )
      await ctx.services.threads.create(editor, { title: 'Mondego floods' })
      await ctx.services.threads.addArticle(editor, 'mondego-floods', subject.id)
      await ctx.services.threads.addArticle(editor, 'mondego-floods', threadMate.id)
      // Read again: the article as read says which thread it is in.
      const inThread = await ctx.stores.articles.findById(subject.id)
      assert.ok(inThread?.threadId)
      const related = await ctx.services.related.forArticle(inThread)
      assert.deepEqual(ids(related), [outsider.id])
    })

    test('what is kept between reads follows the site: a new story appears, a withdrawn one goes', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const subject = await story(ctx, 'Ferry strike enters its second week', {
        tags: ['Ferry strike'],
      })
      const earlier = await story(ctx, 'Ferry crews vote to strike', { tags: ['Ferry strike'] })
      assert.deepEqual(ids(await ctx.services.related.forArticle(subject)), [earlier.id])
      // Read again from what was kept, then the site changes under it.
      assert.deepEqual(ids(await ctx.services.related.forArticle(subject)), [earlier.id])
      const later = await story(ctx, 'Ferry talks resume at dawn', { tags: ['Ferry strike'] })
      // The earlier shares two headline words with the subject, the later one.
      assert.deepEqual(ids(await ctx.services.related.forArticle(subject)), [earlier.id, later.id])
      await ctx.services.workflow.transition(COMMAND_LINE, later.id, { transition: 'unpublish' })
      assert.deepEqual(ids(await ctx.services.related.forArticle(subject)), [earlier.id])
    })

    test('a listed story reads as it now stands: after its own edit and its section renamed, not after an edit elsewhere', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const subject = await story(ctx, 'Harbour dredging begins', { tags: ['Harbour works'] })
      const listed = await story(ctx, 'Harbour dredging contract signed', {
        tags: ['Harbour works'],
      })
      const elsewhere = await story(ctx, 'Market report', { tags: ['Markets'] })
      const shown = async () =>
        (await ctx.services.related.forArticle(subject)).map(
          (item) => `${item.headline} (${item.section.name})`,
        )
      assert.deepEqual(await shown(), ['Harbour dredging contract signed (News)'])
      await saveEdit(ctx, editor, elsewhere.id, { headline: 'Markets close higher' })
      assert.deepEqual(await shown(), ['Harbour dredging contract signed (News)'])
      await saveEdit(ctx, editor, listed.id, {
        headline: 'Harbour dredging contract signed at last',
      })
      assert.deepEqual(await shown(), ['Harbour dredging contract signed at last (News)'])
      await ctx.services.sections.rename(COMMAND_LINE, 'news', 'Local news')
      assert.deepEqual(await shown(), ['Harbour dredging contract signed at last (Local news)'])
    })

    test("a tag's candidates are its published articles most recently published or updated", async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const [oldest, older, newer, newest] = [
        await story(ctx, 'Quarry opens', { tags: ['Quarries'] }),
        await story(ctx, 'Quarry expands', { tags: ['Quarries'] }),
        await story(ctx, 'Quarry floods', { tags: ['Quarries'] }),
        await story(ctx, 'Quarry closes', { tags: ['Quarries'] }),
      ]
      const tagId = oldest.tags[0]?.id
      assert.ok(tagId)
      const candidates = (limit: number) => ctx.stores.related.publishedIdsWithTag(tagId, limit)
      assert.deepEqual(await candidates(2), [newest.id, newer.id])

      // Corrected now, the oldest story is the tag's latest change.
      ctx.clock.advance(MINUTE)
      await saveEdit(ctx, editor, oldest.id, { standfirst: 'With a correction.' })
      assert.deepEqual(await candidates(2), [oldest.id, newest.id])

      // Unpublished, a story is no candidate, however recent its change.
      ctx.clock.advance(MINUTE)
      await ctx.services.workflow.transition(editor, newest.id, { transition: 'unpublish' })
      assert.deepEqual(await candidates(10), [oldest.id, newer.id, older.id])
    })

    test('each list is kept when articles change, and read with the article', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const subject = await story(ctx, 'Ferry strike enters its second week', {
        tags: ['Ferry strike'],
      })
      const kept = () => ctx.stores.related.keptList(subject.id)
      // Computed when it was published: nothing shared anything with it yet.
      assert.deepEqual(await kept(), [])
      // A story published later enters the lists of the stories it relates to.
      const earlier = await story(ctx, 'Ferry crews vote to strike', { tags: ['Ferry strike'] })
      const later = await story(ctx, 'Ferry talks resume at dawn', { tags: ['Ferry strike'] })
      assert.deepEqual(await kept(), [earlier.id, later.id])
      assert.deepEqual(ids(await ctx.services.related.forArticle(subject)), [earlier.id, later.id])
      // Unpublished, a story leaves the lists that named it, and its own list goes.
      await ctx.services.workflow.transition(COMMAND_LINE, later.id, { transition: 'unpublish' })
      assert.deepEqual(await kept(), [earlier.id])
      assert.equal(await ctx.stores.related.keptList(later.id), null)
      // Edited to share nothing, a story leaves the lists too.
      const editor = await staffActor(ctx, 'editor')
      await saveEdit(ctx, editor, earlier.id, { headline: 'Orchestra tours the islands', tags: [] })
      assert.deepEqual(await kept(), [])
    })

    test('a page reads the kept list as it stands, showing only published stories outside its thread', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const subject = await story(ctx, 'Harbour dredging begins', { tags: ['Harbour works'] })
      const shown = await story(ctx, 'Orchestra opens its season', { section: 'arts' })
      const draft = await importArticle(
        ctx,
        { ...PLAIN, headline: 'Draft about the harbour' },
        { draft: true },
      )
      const threadMate = await story(ctx, 'Tram depot to close', { section: 'arts' })
      // A list says what it says: nothing is scored again when the article is read.
      await ctx.stores.related.saveLists(
        new Map([[subject.id, [draft.article.id, shown.id, threadMate.id]]]),
      )
      await ctx.services.threads.create(editor, { title: 'Harbour works' })
      await ctx.services.threads.addArticle(editor, 'harbour-works', subject.id)
      await ctx.services.threads.addArticle(editor, 'harbour-works', threadMate.id)
      const article = await ctx.stores.articles.findById(subject.id)
      assert.ok(article)
      assert.deepEqual(ids(await ctx.services.related.forArticle(article)), [shown.id])
    })

    test('lists missing are filled in, oldest first, and an import keeps the lists it alters', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const first = await story(ctx, 'Quarry opens', { tags: ['Quarries'] })
      const second = await story(ctx, 'Quarry expands', { tags: ['Quarries'] })
      await ctx.stores.related.dropLists([first.id, second.id])
      const kept = (id: string) => ctx.stores.related.keptList(id)
      assert.equal(await kept(first.id), null)
      assert.equal(await ctx.services.related.fillMissing(1), 1)
      assert.deepEqual(await kept(first.id), [second.id])
      assert.equal(await kept(second.id), null)
      assert.equal(await ctx.services.related.fillMissing(), 1)
      assert.deepEqual(await kept(second.id), [first.id])
      assert.equal(await ctx.services.related.fillMissing(), 0)

      // Many stories in one import: each has its list, and older lists take them in.
      const results = await ctx.services.importer.importBatch(
        ['Quarry floods', 'Quarry closes'].map((headline) => ({
          text: buildArticleText({ ...PLAIN, headline }),
          options: { sectionSlug: 'news', draft: false, tags: ['Quarries'] },
        })),
      )
      const imported = results.flatMap((result) => ('article' in result ? [result.article.id] : []))
      assert.equal(imported.length, 2)
      for (const id of imported) assert.equal((await kept(id))?.length, 3)
      assert.deepEqual(new Set(await kept(first.id)), new Set([second.id, ...imported]))
    })

    test('the store answers for thousands of ids at once, as an import asks', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const first = await story(ctx, 'Quarry opens', { tags: ['Quarries'] })
      const second = await story(ctx, 'Quarry expands', { tags: ['Quarries'] })
      // More than either database takes as parameters of one statement (SQLite 32,766, PostgreSQL 65,535).
      const many = [
        ...Array.from({ length: 70_000 }, (_, i) => `no-such-${i}`),
        first.id,
        second.id,
      ]
      assert.deepEqual(
        (await ctx.stores.related.subjects(many)).map((row) => row.id).sort(),
        [first.id, second.id].sort(),
      )
      assert.equal((await ctx.stores.related.candidates(many)).length, 2)
      await ctx.stores.related.dropLists(many)
      assert.equal(await ctx.stores.related.keptList(first.id), null)
    })

    test('a recomputation that fails leaves the changed article to be scored when read', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const subject = await story(ctx, 'Ferry strike enters its second week', {
        tags: ['Ferry strike'],
      })
      const other = await story(ctx, 'Ferry crews vote to strike', { tags: ['Ferry strike'] })
      assert.deepEqual(await ctx.stores.related.keptList(subject.id), [other.id])
      const related: RelatedStore = {
        ...ctx.stores.related,
        saveLists: () => Promise.reject(new Error('disk full')),
      }
      const failing = createRelatedService({ stores: { ...ctx.stores, related } })
      // The change was made: announcing it does not fail for a list.
      await failing.keepUpWith({ scope: 'site', article: subject.id })
      assert.equal(await ctx.stores.related.keptList(subject.id), null)
      assert.deepEqual(ids(await failing.forArticle(subject)), [other.id])
    })

    test('a story with nothing in common with any other has no related coverage', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const subject = await story(ctx, 'Lone story about quarries', { section: 'features' })
      await story(ctx, 'Orchestra opens its season', { section: 'arts', tags: ['Music'] })
      assert.deepEqual(await ctx.services.related.forArticle(subject), [])
    })
  })
}
