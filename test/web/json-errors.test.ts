// One JSON error shape for every JSON answer, on the public site and in the
// newsroom: {"error": {"code", "message", "field"?}}, with the status from the
// one error → status mapping (web/plugins/problems.ts), never cached. Each
// case here is a refusal a script or a program really meets, over real HTTP.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { AdminClient, createStaff, type FormFields } from './admin-session.js'
import { from, loadForm, postForm } from './comment-client.js'
import { pathOf } from './html.js'

interface JsonError {
  status: number
  code: string
  field?: string
  headers: Headers
}

/** Reads a JSON refusal, asserting its shape: only `error`, holding code, message and maybe field. */
async function jsonError(response: Response, body?: string): Promise<JsonError> {
  const text = body ?? (await response.text())
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, text)
  const parsed = JSON.parse(text) as { error?: { code: string; message: string; field?: string } }
  assert.deepEqual(Object.keys(parsed), ['error'], text)
  const error = parsed.error
  assert.ok(error, text)
  const keys = Object.keys(error)
  assert.ok(
    keys.every((key) => ['code', 'message', 'field'].includes(key)) && keys.length >= 2,
    `unexpected keys: ${keys.join(', ')}`,
  )
  assert.match(error.code, /^[a-z][a-z_]*$/)
  assert.ok(error.message.trim().length > 0, 'a message for people')
  assert.match(response.headers.get('cache-control') ?? '', /no-store/)
  return {
    status: response.status,
    code: error.code,
    field: error.field,
    headers: response.headers,
  }
}

/** The editor form's fields for an article, as the page sends them back. */
function editorFields(article: Article, changes: FormFields = {}): FormFields {
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    body: article.body,
    key_points: article.keyPoints.join('\n'),
    section: article.section.slug,
    byline: article.bylines.map((author) => author.name),
    tags: article.tags.map((tag) => tag.name).join(', '),
    slug: article.slug,
    version: article.version,
    ...changes,
  }
}

const JSON_ACCEPT = { accept: 'application/json' }

async function setup(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect, { TRUST_PROXY: 'true', PAGE_CACHE_MB: '0' })
  const server: TestServer = await startTestServer(t, ctx)
  const { article } = await importArticle(ctx)
  return { ctx, server, article, path: pathOf(article) }
}

for (const dialect of testDialects()) {
  describe(`JSON errors have one shape (${dialect})`, () => {
    test('the public site: comments, their token, missing pages, bodies too large', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const { fields } = await loadForm(server, path)
      ctx.clock.advance(5000)

      const empty = await postForm(
        server,
        `${path}/comments`,
        { ...fields, name: 'Ann', body: ' ' },
        from('10.9.0.1', true),
      )
      assert.deepEqual(await jsonError(empty.response, empty.text), {
        status: 422,
        code: 'empty_comment',
        field: 'body',
        headers: empty.response.headers,
      })

      const missing = await postForm(
        server,
        '/2026/11/17/no-such-story/comments',
        fields,
        from('10.9.0.2', true),
      )
      const gone = await jsonError(missing.response, missing.text)
      assert.equal(gone.status, 404)
      assert.equal(gone.code, 'article_not_found')
      assert.equal(gone.field, undefined)

      const token = await server.get('/2026/11/17/no-such-story/comments/token', {
        headers: JSON_ACCEPT,
      })
      assert.deepEqual(
        { ...(await jsonError(token)), headers: undefined },
        { status: 404, code: 'article_not_found', field: undefined, headers: undefined },
      )

      const huge = await fetch(`${server.url}${path}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...from('10.9.0.3', true),
        },
        body: new URLSearchParams({ ...fields, name: 'Big', body: 'x'.repeat(100_000) }).toString(),
      })
      const tooLarge = await jsonError(huge)
      assert.equal(tooLarge.status, 413)
      assert.equal(tooLarge.code, 'payload_too_large')

      const page = await server.get('/news?page=99', { headers: JSON_ACCEPT })
      const noPage = await jsonError(page)
      assert.equal(noPage.status, 404)
      assert.equal(noPage.code, 'page_not_found')
    })

    test('the newsroom: autosave, suggestions and preview, with and without a session', async (t) => {
      const { ctx, server, article: published } = await setup(t, dialect)
      const editor = await createStaff(ctx, 'editor')
      const browser = new AdminClient(server.url)
      await browser.openSession(ctx, editor.user)
      // The script posts with the token of the page it runs on, bound to this session.
      await browser.get('/admin')
      const draft = await ctx.services.editing.createDraft(editor.actor, {
        headline: 'Harbour wall vote',
        standfirst: '',
        dateline: '',
        body: 'The council votes on Tuesday.',
        keyPoints: [],
        sectionSlug: 'news',
        bylines: ['Ada Brekke'],
        tags: [],
        slug: '',
      })
      const autosave = (article: Article, fields: FormFields, client = browser) =>
        client.request('POST', `/admin/articles/${article.id}/autosave`, {
          form: { _csrf: client.csrf, ...fields },
          headers: JSON_ACCEPT,
        })

      // Accepted: what the script needs, and no error.
      const saved = await autosave(draft, editorFields(draft, { body: 'Changed once.' }))
      assert.equal(saved.status, 200)
      const answer = JSON.parse(saved.html) as { version: number; savedAt: string; error?: unknown }
      assert.equal(answer.error, undefined)
      assert.equal(answer.version, draft.version + 1)

      // Someone else saved in between: a conflict.
      const staleSave = await autosave(
        draft,
        editorFields(draft, { body: 'Changed from an old form.' }),
      )
      const stale = await jsonError(staleSave.response, staleSave.html)
      assert.equal(stale.status, 409)
      assert.equal(stale.code, 'stale_version')

      // Published articles are saved by hand only.
      const live = await ctx.stores.articles.findById(published.id)
      assert.ok(live)
      const byHand = await autosave(live, editorFields(live, { body: 'Typed on a live story.' }))
      assert.deepEqual(
        { status: byHand.status, code: (await jsonError(byHand.response, byHand.html)).code },
        { status: 409, code: 'published_not_autosaved' },
      )

      // A field the domain refuses names the field.
      const headless = await autosave(
        draft,
        editorFields(draft, { headline: '', version: answer.version }),
      )
      const noHeadline = await jsonError(headless.response, headless.html)
      assert.equal(noHeadline.status, 422)
      assert.equal(noHeadline.field, 'headline')

      // A forged or expired form, on each endpoint a script posts to.
      for (const endpoint of [
        `/admin/articles/${draft.id}/autosave`,
        '/admin/key-points/suggest',
        '/admin/preview',
      ]) {
        const forged = await browser.request('POST', endpoint, {
          form: { ...editorFields(draft), _csrf: 'not-the-token' },
          headers: JSON_ACCEPT,
        })
        const refused = await jsonError(forged.response, forged.html)
        assert.deepEqual([refused.status, refused.code], [403, 'bad_csrf_token'], endpoint)
      }

      // No such article: the newsroom's error handler answers a script in JSON too.
      const nowhere = await browser.request('POST', '/admin/articles/not-an-id/autosave', {
        form: { _csrf: browser.csrf },
        headers: JSON_ACCEPT,
      })
      assert.deepEqual(
        [nowhere.status, (await jsonError(nowhere.response, nowhere.html)).code],
        [404, 'article_not_found'],
      )

      // The session has ended: the script is told so, and nothing is saved.
      const signedOut = new AdminClient(server.url)
      const ended = await signedOut.request('POST', `/admin/articles/${draft.id}/autosave`, {
        form: editorFields(draft, { body: 'Typed after the session ended.' }),
        headers: JSON_ACCEPT,
      })
      assert.deepEqual(
        [ended.status, (await jsonError(ended.response, ended.html)).code],
        [401, 'session_ended'],
      )
      assert.notEqual(
        (await ctx.stores.articles.findById(draft.id))?.body,
        'Typed after the session ended.',
      )
      // Without asking for JSON, a browser still gets the sign-in page that keeps the form.
      const page = await signedOut.post(`/admin/articles/${draft.id}/autosave`, editorFields(draft))
      assert.equal(page.status, 401)
      assert.match(page.response.headers.get('content-type') ?? '', /^text\/html/)
    })
  })
}
