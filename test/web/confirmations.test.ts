// Asking first, over HTTP on both databases: Unpublish, Delete and Restore on
// a published story show what will happen and act only on the confirmed
// form (a stray POST changes nothing); a restore from before a published
// correction says so and keeps what the correction changed unless asked not to.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { DialectName } from '../../src/storage/dialect.js'
import type { ArticleInput } from '../../src/domain/articles/article-writes.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import {
  AdminClient,
  createStaff,
  editorForm,
  type AdminPage,
  type Staff,
} from './admin-session.js'
import { textOf } from './html.js'

const WRONG = 'The new wall will cost 4 million crowns.'
const RIGHT = 'The new wall will cost 40 million crowns.'

function input(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: 'Council approves the sea wall',
    standfirst: '',
    dateline: '',
    body: ['The council voted on Tuesday.', WRONG, 'Work starts in spring.'].join('\n\n'),
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: [],
    slug: '',
    ...overrides,
  }
}

interface Desk {
  ctx: TestAppContext
  server: TestServer
  editor: Staff
  browser: AdminClient
}

async function desk(t: TestContext, dialect: DialectName): Promise<Desk> {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const editor = await createStaff(ctx, 'editor', 'Eda Editor')
  const browser = new AdminClient(server.url)
  await browser.signInAs(editor)
  return { ctx, server, editor, browser }
}

async function published(d: Desk, overrides: Partial<ArticleInput> = {}) {
  const draft = await d.ctx.services.editing.createDraft(d.editor.actor, input(overrides))
  return d.ctx.services.workflow.transition(d.editor.actor, draft.id, {
    transition: 'publish',
    baseVersion: draft.version,
  })
}

const stored = async (d: Desk, id: string) => d.ctx.stores.articles.findById(id)

/** The confirmation page's form (the one that carries the confirmed field). */
function confirmForm(page: AdminPage) {
  const form = page.document.querySelector('.confirm-page form')
  assert.ok(form, 'a confirmation form')
  assert.equal(form.querySelector('input[name=confirm]')?.getAttribute('value'), 'yes')
  return form
}

for (const dialect of testDialects()) {
  describe(`confirmations (${dialect})`, () => {
    test("the editor's Unpublish asks first, keeps what was typed, then acts", async (t) => {
      const d = await desk(t, dialect)
      const article = await published(d)
      const editor = await d.browser.get(`/admin/articles/${article.id}`)
      const button = editor.document.querySelector('button[value=unpublish]')
      assert.ok(button?.getAttribute('data-confirm'), 'the dialog has its question')
      const typed = 'The council voted on Tuesday evening.'
      const asked = await d.browser.submit(editorForm(editor), { body: typed, intent: 'unpublish' })
      assert.equal(asked.status, 200)
      assert.match(textOf(asked.document.querySelector('h1')), /^Unpublish “Council approves/)
      assert.equal((await stored(d, article.id))?.status, 'published', 'nothing happened yet')
      const form = confirmForm(asked)
      assert.equal(form.getAttribute('action'), `/admin/articles/${article.id}`)
      assert.equal(form.querySelector('input[name=body]')?.getAttribute('value'), typed)

      const done = await d.browser.submit(form)
      assert.equal(done.status, 303)
      const after = await stored(d, article.id)
      assert.equal(after?.status, 'unpublished')
      assert.equal(after?.body, typed, 'what was typed was saved with it')
      const notice = await d.browser.get(done.location)
      assert.equal(textOf(notice.document.querySelector('.notice-ok')), 'Saved and unpublished.')
    })

    test('the unpublish page: GET asks, a POST without the confirmation only asks again', async (t) => {
      const d = await desk(t, dialect)
      const article = await published(d)
      const path = `/admin/articles/${article.id}/unpublish`
      const page = await d.browser.get(path)
      assert.equal(page.status, 200)
      assert.match(page.html, /comes off the site at once/)
      const stray = await d.browser.post(path, { version: article.version })
      assert.equal(stray.status, 200)
      assert.equal((await stored(d, article.id))?.status, 'published')
      const forged = await d.browser.post(path, {
        version: article.version,
        confirm: 'yes',
        _csrf: 'x'.repeat(43),
      })
      assert.equal(forged.status, 403)
      assert.equal((await stored(d, article.id))?.status, 'published')
      const done = await d.browser.submit(confirmForm(page))
      assert.equal(done.status, 303)
      assert.equal((await stored(d, article.id))?.status, 'unpublished')
      const again = await d.browser.get(path)
      assert.equal(again.status, 409, 'no longer published')
    })

    test('deleting acts only on the confirmed form', async (t) => {
      const d = await desk(t, dialect)
      const { article: draft } = await importArticle(d.ctx, {}, { draft: true })
      const path = `/admin/articles/${draft.id}/delete`
      const stray = await d.browser.post(path, {})
      assert.equal(stray.status, 200)
      assert.ok(await stored(d, draft.id), 'still there')
      const done = await d.browser.submit(confirmFormOf(await d.browser.get(path)))
      assert.equal(done.status, 303)
      assert.equal(await stored(d, draft.id), undefined)
    })

    test('restoring from before a correction says so and keeps the corrected text', async (t) => {
      const d = await desk(t, dialect)
      const article = await published(d)
      const { editing } = d.ctx.services
      const corrected = await editing.save(
        d.editor.actor,
        article.id,
        input({ body: article.body.replace(WRONG, RIGHT), slug: article.slug }),
        { baseVersion: article.version, correction: 'The cost is 40 million crowns, not 4.' },
      )
      const retitled = await editing.save(
        d.editor.actor,
        article.id,
        input({
          headline: 'Sea wall approved',
          body: corrected.body,
          slug: article.slug,
        }),
        { baseVersion: corrected.version },
      )
      const restorePath = `/admin/articles/${article.id}/restore`
      const history = await d.browser.get(`/admin/articles/${article.id}/history`)
      assert.equal(history.status, 200)
      const asked = await d.browser.post(restorePath, {
        version: 1,
        base_version: retitled.version,
      })
      assert.equal(asked.status, 200)
      assert.match(asked.html, /from before a correction/)
      assert.match(asked.html, /The cost is 40 million crowns, not 4\./)
      assert.ok(asked.document.querySelector('input[name=drop_corrections]'))
      assert.equal((await stored(d, article.id))?.version, retitled.version, 'nothing yet')
      const viaGet = await d.browser.get(`${restorePath}?version=1`)
      assert.match(viaGet.html, /from before a correction/)

      const kept = await d.browser.submit(confirmForm(asked))
      assert.equal(kept.status, 303)
      const afterKeep = await stored(d, article.id)
      assert.equal(afterKeep?.headline, 'Council approves the sea wall', 'the old headline is back')
      assert.ok(afterKeep?.body.includes(RIGHT), afterKeep?.body)
      assert.ok(!afterKeep?.body.includes(WRONG))
      assert.equal(afterKeep?.corrections.length, 1, 'the note stays')

      const again = await d.browser.post(restorePath, {
        version: 1,
        base_version: afterKeep?.version ?? 0,
      })
      const dropped = await d.browser.submit(confirmForm(again), { drop_corrections: 'yes' })
      assert.equal(dropped.status, 303)
      const afterDrop = await stored(d, article.id)
      assert.ok(afterDrop?.body.includes(WRONG), 'the editor chose the old text')
      const { revisions } = await editing.history(d.editor.actor, article.id)
      assert.match(revisions[0]?.note ?? '', /undoing a correction/)
      assert.match(revisions[1]?.note ?? '', /keeping the corrections/)
    })

    test('a bad version to restore is a 422, not a 500', async (t) => {
      const d = await desk(t, dialect)
      const article = await published(d)
      const bad = await d.browser.get(`/admin/articles/${article.id}/restore?version=abc`)
      assert.equal(bad.status, 422)
      const missing = await d.browser.get(`/admin/articles/${article.id}/restore?version=99`)
      assert.equal(missing.status, 404)
    })
  })
}

function confirmFormOf(page: AdminPage) {
  const form = page.document.querySelector(`form[action$="/delete"]`)
  assert.ok(form)
  assert.equal(form.querySelector('input[name=confirm]')?.getAttribute('value'), 'yes')
  return form
}
