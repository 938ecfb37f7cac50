// How many SQL statements an article write costs, on both databases. Counted
// is every statement the app's database runs from the call to its return, as
// createContext's onQuery sees them: BEGIN, COMMIT and any SAVEPOINT included,
// and on PostgreSQL the pg_notify that tells other app processes' page caches
// after the commit. Measured at the editing and workflow services, where a
// write's statements are decided: the newsroom's route, the CLI and the
// scheduler all call them. The route's own share is checked too: it adds the
// session lookup every newsroom request makes, and nothing else.
//
// Each write is a real change, and the test checks that nothing was skipped to
// fit the budget: the version check refuses a stale save, every change is a
// revision, publishing is audited, and the search index follows.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Article } from '../../src/domain/articles/article.js'
import type { ArticleInput } from '../../src/domain/articles/article-writes.js'
import { StaleEditError } from '../../src/domain/articles/article-writes.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { inputOf } from '../helpers/factories.js'
import { photo } from '../helpers/images.js'
import { createMediaContext } from '../helpers/media.js'
import type { MediaItem } from '../../src/domain/media/media.js'
import { AdminClient, createStaff, editorForm } from './admin-session.js'

/**
 * What a save or a publish of an article with bylines and tags costs for the
 * sitemaps: one UPDATE of its byline rows and one of its tag rows, which keep
 * its updated_at while it is published (ArticleLastModified in
 * storage/schema-columns.ts), in the same transaction.
 */
const SITEMAP_LASTMOD = 2
/** The most statements saving an article's changes may cost. */
const SAVE_BUDGET = 8 + SITEMAP_LASTMOD
/**
 * The most publishing may cost, with or without changes saved first: one more
 * than before webhooks, for the outbox's one INSERT … SELECT (article.published
 * to every endpoint that hears it, none or many), in the same transaction.
 */
const PUBLISH_BUDGET = 9 + SITEMAP_LASTMOD
/**
 * A save that changes which pictures an article shows may cost three more:
 * reading the pictures it adds (to check they exist and know their fields),
 * and rewriting its rows in media_usages (one delete, one insert), which is
 * what keeps an image in use from being deleted. A save that leaves its
 * pictures as they were costs nothing more; publishing never does (the
 * article's pictures are read with it, in its one statement).
 */
const IMAGE_CHANGE_EXTRA = 3
/**
 * A change readers see costs more after its commit: the process that made it
 * recomputes the related lists around the article once it is announced
 * (domain/related). For an article with two tags, in no thread, alone on the
 * site: its row and tags (2), how common its tags are (1), its section's and
 * each tag's newest (3), and one upsert of the lists. With a story sharing
 * them, that story's row and tags (2), the candidates' rows and tags (2), and
 * how common its own tags are and their newest, when not yet kept. What many
 * articles share is kept until the site changes, so most changes read less.
 */
const RELATED_LISTS = 13
/**
 * Then its story is rendered and kept (web/public/story-keeper.ts): the
 * generations it is rendered at (1), the article whole (1), the upsert (1).
 */
const KEPT_STORY = 3
/**
 * And its related coverage box (web/public/related-box.tsx): its list with the
 * generations it is rendered at (1), the stories it lists and their bylines
 * (2, none when it lists none), the update (1).
 */
const KEPT_BOX = 4
const AFTER_COMMIT = RELATED_LISTS + KEPT_STORY + KEPT_BOX

const MINUTE = 60_000

function draftInput(headline: string): ArticleInput {
  return {
    headline,
    standfirst: 'The quay closes for the winter works.',
    dateline: 'BERGEN, NORWAY',
    body: 'The harbour board closed the old quay on Monday.\n\nWork starts in December.',
    keyPoints: ['The old quay is closed.'],
    sectionSlug: 'news',
    bylines: ['Ada Brekke', 'Jonas Vik'],
    tags: ['Harbours', 'Floods'],
    slug: '',
  }
}

/** Records the statements run while `work` runs. */
function statementLog() {
  let log: string[] | undefined
  return {
    onQuery: (sql: string) => log?.push(sql.replace(/\s+/g, ' ').slice(0, 90)),
    async count<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
      log = []
      try {
        const result = await work()
        return { result, statements: log }
      } finally {
        log = undefined
      }
    },
  }
}

function assertWithin(what: string, statements: string[], budget: number): void {
  assert.ok(
    statements.length <= budget,
    `${what}: ${statements.length} statements, over the budget of ${budget}:\n${statements.join('\n')}`,
  )
}

async function revisionNotes(ctx: TestAppContext, article: Article): Promise<string[]> {
  const { revisions } = await ctx.services.editing.history(
    { id: null, displayName: 'Test', role: 'admin' },
    article.id,
  )
  return revisions.map((revision) => `${revision.version} ${revision.note}`)
}

const found = async (ctx: TestAppContext, words: string) =>
  (await ctx.services.search.search(words, 1)).items.map((hit) => hit.article.id)

for (const dialect of testDialects()) {
  describe(`statements per article write (${dialect})`, () => {
    test('saving and publishing stay within their budgets and skip nothing', async (t) => {
      const sql = statementLog()
      const ctx = await createTestContext(t, dialect, {}, { onQuery: sql.onQuery })
      const editor = await createStaff(ctx, 'editor', 'Eda Editor')
      const { editing, workflow } = ctx.services
      const report: string[] = []

      // Saving a draft: a new body and headline, the bylines and tags as they were.
      let draft = await editing.createDraft(editor.actor, draftInput('Old quay closes'))
      ctx.clock.advance(MINUTE)
      const save = await sql.count(() =>
        editing.save(
          editor.actor,
          draft.id,
          inputOf(draft, { headline: 'Old quay closes for winter', body: 'Rewritten lead.' }),
          { baseVersion: draft.version },
        ),
      )
      report.push(`save a draft: ${save.statements.length}`)
      assertWithin('saving a draft', save.statements, SAVE_BUDGET)
      const stored = await ctx.stores.articles.findById(draft.id)
      assert.equal(stored?.headline, 'Old quay closes for winter')
      assert.equal(stored?.version, 2)
      assert.deepEqual(save.result, stored, 'the saved article is returned as stored')
      await assert.rejects(
        editing.save(editor.actor, draft.id, inputOf(draft, { body: 'Stale.' }), {
          baseVersion: draft.version,
        }),
        StaleEditError,
      )
      draft = save.result

      // Publishing it as it is.
      ctx.clock.advance(MINUTE)
      const publish = await sql.count(() =>
        workflow.transition(editor.actor, draft.id, {
          transition: 'publish',
          baseVersion: draft.version,
        }),
      )
      report.push(`publish: ${publish.statements.length}`)
      assertWithin('publishing', publish.statements, PUBLISH_BUDGET + AFTER_COMMIT)
      const live = publish.result
      assert.equal(live.status, 'published')
      assert.deepEqual(await found(ctx, 'quay winter'), [live.id], 'published is searchable')

      // Saving a change to the published article: the index follows the new text.
      ctx.clock.advance(MINUTE)
      const update = await sql.count(() =>
        editing.save(editor.actor, live.id, inputOf(live, { body: 'Cormorants nest there.' }), {
          baseVersion: live.version,
        }),
      )
      report.push(`save a published article: ${update.statements.length}`)
      assertWithin('saving a published article', update.statements, SAVE_BUDGET + AFTER_COMMIT)
      assert.deepEqual(await found(ctx, 'cormorants'), [live.id], 'the index has the new text')

      // The editor's "Publish now" with changes: the save and the move, as one operation.
      const second = await editing.createDraft(editor.actor, draftInput('New pier opens'))
      ctx.clock.advance(MINUTE)
      const both = await sql.count(() =>
        editing.saveAndMove(editor.actor, second.id, {
          input: inputOf(second, { body: 'Ferries moor at the new pier from today.' }),
          baseVersion: second.version,
          move: 'publish',
        }),
      )
      report.push(`save and publish: ${both.statements.length}`)
      assertWithin('saving and publishing', both.statements, PUBLISH_BUDGET + AFTER_COMMIT)
      assert.equal(both.result.status, 'published')
      assert.deepEqual(await found(ctx, 'ferries moor'), [second.id])

      assert.deepEqual(await revisionNotes(ctx, live), [
        '4 Saved',
        '3 Publish now',
        '2 Saved',
        '1 Created',
      ])
      assert.deepEqual(await revisionNotes(ctx, second), ['3 Publish now', '2 Saved', '1 Created'])
      const audit = await ctx.stores.audit.list({ limit: 10, offset: 0 })
      assert.equal(audit.filter((event) => event.action === 'article_published').length, 2)
      t.diagnostic(`statements (${dialect}): ${report.join('; ')}`)
    })

    test('pictures: a save that changes them has its own budget; keeping them, and publishing, costs nothing more', async (t) => {
      const sql = statementLog()
      const { ctx } = await createMediaContext(t, dialect, 'folder', {}, { onQuery: sql.onQuery })
      const editor = await createStaff(ctx, 'editor', 'Eda Editor')
      const { editing, workflow } = ctx.services
      const images = []
      for (const seed of [40, 80, 120]) {
        const { item } = await ctx.services.media.upload(editor.actor, {
          bytes: await photo({ width: 64, height: 48, seed }),
          fileName: `p${seed}.jpg`,
          fields: { alt: `Picture ${seed}` },
        })
        images.push(item)
      }
      const [first, second, third] = images as [MediaItem, MediaItem, MediaItem]
      const report: string[] = []
      const draft = await editing.createDraft(editor.actor, draftInput('Pictured quay'))

      // Adding a lead picture and two in the body, to an article that had none.
      ctx.clock.advance(MINUTE)
      const add = await sql.count(() =>
        editing.save(
          editor.actor,
          draft.id,
          inputOf(draft, {
            body: `Lead.\n\n![](media:${second.id})\n\nMore.\n\n![](media:${third.id})`,
            leadImageId: first.id,
          }),
          { baseVersion: draft.version },
        ),
      )
      report.push(`save adding pictures: ${add.statements.length}`)
      assertWithin('saving new pictures', add.statements, SAVE_BUDGET + IMAGE_CHANGE_EXTRA)
      const withImages = add.result
      assert.deepEqual(
        (await ctx.services.media.get(editor.actor, third.id)).usages.map((u) => u.kind),
        ['article_inline'],
      )

      // Changing the words only: the pictures stay, and so does the budget.
      ctx.clock.advance(MINUTE)
      const words = await sql.count(() =>
        editing.save(
          editor.actor,
          withImages.id,
          inputOf(withImages, { headline: 'Pictured quay, reopened' }),
          { baseVersion: withImages.version },
        ),
      )
      report.push(`save keeping them: ${words.statements.length}`)
      assertWithin('saving with the same pictures', words.statements, SAVE_BUDGET)
      assert.ok(
        !words.statements.some((statement) =>
          /media_usages|media_items/.test(statement.split(' from ')[0] ?? ''),
        ),
        `no picture statement:\n${words.statements.join('\n')}`,
      )

      // Publishing checks every picture's alt text from the article's own read.
      ctx.clock.advance(MINUTE)
      const publish = await sql.count(() =>
        workflow.transition(editor.actor, withImages.id, {
          transition: 'publish',
          baseVersion: words.result.version,
        }),
      )
      report.push(`publish: ${publish.statements.length}`)
      assertWithin('publishing with pictures', publish.statements, PUBLISH_BUDGET + AFTER_COMMIT)
      assert.equal(publish.result.status, 'published')
      t.diagnostic(`statements with pictures (${dialect}): ${report.join('; ')}`)
    })

    test("the editor's route adds only the newsroom's session lookup to a save", async (t) => {
      const sql = statementLog()
      const ctx = await createTestContext(t, dialect, {}, { onQuery: sql.onQuery })
      const server = await startTestServer(t, ctx)
      const editor = await createStaff(ctx, 'editor', 'Eda Editor')
      const browser = new AdminClient(server.url)
      await browser.signInAs(editor)
      const draft = await ctx.services.editing.createDraft(editor.actor, draftInput('Quay'))

      // What any newsroom POST costs before its action: the live preview touches no article.
      // The first fetches a page for this session's CSRF token; the second is counted.
      await browser.post('/admin/preview', { body: 'Text.' })
      const guard = await sql.count(() => browser.post('/admin/preview', { body: 'Text.' }))
      assert.equal(guard.result.status, 200)

      const direct = await sql.count(() =>
        ctx.services.editing.save(editor.actor, draft.id, inputOf(draft, { body: 'Once.' }), {
          baseVersion: draft.version,
        }),
      )
      const page = await browser.get(`/admin/articles/${draft.id}`)
      const routed = await sql.count(() =>
        browser.submit(editorForm(page), { body: 'Twice.', intent: 'save' }),
      )
      assert.equal(routed.result.status, 303)
      assert.equal((await ctx.stores.articles.findById(draft.id))?.body, 'Twice.')
      assert.equal(
        routed.statements.length,
        guard.statements.length + direct.statements.length,
        `the route ran more than the session lookup and the save:\n${routed.statements.join('\n')}`,
      )
    })
  })
}
