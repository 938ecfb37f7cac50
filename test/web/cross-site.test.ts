// Issue 10, finding 2: a request sent by another site's page is refused before
// anything else happens, in the newsroom and on the public site, and a form
// replayed after signing in says plainly what it will do.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { ArticleInput } from '../../src/domain/articles/article-writes.js'
import { startTestServer } from '../helpers/app.js'
import { freshIp } from '../helpers/comments.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { from, loadForm, postForm } from './comment-client.js'
import { pathOf } from './html.js'
import {
  AdminClient,
  createStaff,
  editorForm,
  formFields,
  replayedValues,
  type FormFields,
} from './admin-session.js'

function draftInput(headline: string): ArticleInput {
  return {
    headline,
    standfirst: 'A standfirst.',
    dateline: 'OSLO, NORWAY',
    body: 'A body with enough words to publish.',
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Kari Nordmann'],
    tags: [],
    slug: '',
  }
}

async function setup(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect, { TRUST_PROXY: 'true', PAGE_CACHE_MB: '0' })
  const server = await startTestServer(t, ctx)
  const editor = await createStaff(ctx, 'editor')
  const draft = await ctx.services.editing.createDraft(
    editor.actor,
    draftInput('Harbour plans kept under wraps'),
  )
  return { ctx, server, editor, draft }
}

const CROSS_SITE: [string, Record<string, string>][] = [
  ['another origin', { origin: 'https://evil.example' }],
  ['an opaque origin', { origin: 'null' }],
  ['a sibling host', { origin: 'https://news.example.evil.example' }],
  ['no Origin, Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ['no Origin, Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
]

for (const dialect of testDialects()) {
  describe(`cross-site requests (${dialect})`, () => {
    test('a cross-site post without a session is refused, not kept to be replayed after sign-in', async (t) => {
      const { ctx, server, draft } = await setup(t, dialect)
      const victim = new AdminClient(server.url)
      await victim.get('/admin/login')
      const path = `/admin/articles/${draft.id}`
      for (const [what, headers] of CROSS_SITE) {
        const page = await victim.request('POST', path, {
          form: { headline: draft.headline, version: 1, intent: 'publish' },
          headers,
        })
        assert.equal(page.status, 403, what)
        assert.deepEqual(replayedValues(page), {}, `${what}: nothing is kept for replay`)
        assert.equal(page.document.querySelector('input[name=replay_to]'), null, what)
        assert.equal(page.response.headers.get('cache-control'), 'private, no-store')
      }
      assert.equal((await ctx.stores.articles.findById(draft.id))?.status, 'draft')
    })

    test('a cross-site post is refused even with a session and a valid token', async (t) => {
      const { ctx, server, editor, draft } = await setup(t, dialect)
      const client = new AdminClient(server.url)
      await client.signInAs(editor)
      const path = `/admin/articles/${draft.id}`
      const fields: FormFields = { ...formFields(editorForm(await client.get(path))) }
      for (const [what, headers] of CROSS_SITE) {
        const page = await client.request('POST', path, {
          form: { ...fields, intent: 'publish' },
          headers,
        })
        assert.equal(page.status, 403, what)
      }
      assert.equal((await ctx.stores.articles.findById(draft.id))?.status, 'draft')
      // Signing out from another site is refused too; the session goes on.
      const out = await client.request('POST', '/admin/logout', {
        form: { _csrf: String(fields._csrf) },
        headers: { origin: 'https://evil.example' },
      })
      assert.equal(out.status, 403)
      assert.equal((await client.get('/admin')).status, 200)

      // From this site's own pages, or from a client that sends neither header, it works.
      const allowed: Record<string, string>[] = [
        { origin: server.url },
        { origin: 'https://news.example' },
        { 'sec-fetch-site': 'same-origin' },
        {},
      ]
      for (const headers of allowed) {
        const page = await client.request('POST', path, {
          form: { ...formFields(editorForm(await client.get(path))), intent: 'save' },
          headers,
        })
        assert.equal(page.status, 303, JSON.stringify(headers))
      }
    })

    test('a cross-site sign-in is refused: no session is made for another site', async (t) => {
      const { server, editor } = await setup(t, dialect)
      const client = new AdminClient(server.url)
      const login = await client.get('/admin/login')
      const token = login.document.querySelector('input[name=_csrf]')?.getAttribute('value') ?? ''
      const page = await client.request('POST', '/admin/login', {
        form: { _csrf: token, email: editor.email, password: editor.password, next: '/admin' },
        headers: { origin: 'https://evil.example' },
      })
      assert.equal(page.status, 403)
      assert.equal(
        page.setCookies.filter((line) => line.startsWith('dl_session=')).length,
        0,
        'no session cookie',
      )
    })

    test('the comment form: a post that Sec-Fetch-Site says is cross-site is refused too', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const { article } = await importArticle(ctx)
      const path = pathOf(article)
      const loaded = await loadForm(server, path)
      const sent = { ...loaded.fields, name: 'Ola', body: 'A comment from elsewhere.' }
      ctx.clock.advance(5000)
      const comment = await postForm(server, `${path}/comments`, sent, {
        ...from(freshIp()),
        'sec-fetch-site': 'cross-site',
      })
      assert.equal(comment.status, 403)
      assert.match(comment.text, /only be posted from this site/)
      assert.equal((await ctx.stores.comments.countByStatus()).pending ?? 0, 0)
    })

    test('a form replayed after signing in says plainly what it will do before it is sent', async (t) => {
      const { ctx, server, editor, draft } = await setup(t, dialect)
      const client = new AdminClient(server.url)
      await client.signInAs(editor)
      const path = `/admin/articles/${draft.id}`
      const open = await client.get(path)
      // The session ends; the editor presses "Publish now" on the open page.
      await ctx.services.accounts.signOut(client.cookies.get('dl_session') ?? '')
      const expired = await client.submit(editorForm(open), { intent: 'publish' })
      assert.equal(expired.status, 401)
      const loginForm = expired.document.querySelector('form[action="/admin/login"]')
      assert.ok(loginForm)
      const signedIn = await client.submit(loginForm, {
        email: editor.email,
        password: editor.password,
      })
      assert.equal(signedIn.status, 200)
      const main = signedIn.document.querySelector('main')?.text ?? ''
      assert.match(main, /This will publish ‘Harbour plans kept under wraps’/)
      const form = signedIn.document.querySelector(`main form[action="${path}"]`)
      assert.ok(form)
      const button = form.querySelector('button[type=submit]')?.text ?? ''
      assert.notEqual(button, 'Save my changes', 'the button names what it does')
      assert.match(button, /Publish/)
      assert.equal((await ctx.stores.articles.findById(draft.id))?.status, 'draft')
      const sent = await client.submit(form)
      assert.equal(sent.status, 303)
      assert.equal((await ctx.stores.articles.findById(draft.id))?.status, 'published')
    })
  })
}
