// Preview links over real HTTP on both databases: an editor makes one in the
// newsroom (CSRF, a chosen lifetime), someone with no account and no cookies
// opens it and sees the draft as saved, marked as a preview, noindex, never
// cached; expiry (by the test clock), revoking, tampering and deletion all
// answer the site's one 404; only a hash of the token is stored.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test, type TestContext } from 'node:test'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { inputOf } from '../helpers/factories.js'
import { assertValidHtml } from '../helpers/html-validity.js'
import { AdminClient, createStaff, type AdminPage, type Staff } from './admin-session.js'
import { pathOf } from './html.js'

const HOUR = 60 * 60 * 1000

interface World {
  ctx: TestAppContext
  server: TestServer
  editor: Staff
  browser: AdminClient
}

async function world(
  t: TestContext,
  dialect: DialectName,
  role: 'editor' | 'contributor' = 'editor',
): Promise<World> {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const editor = await createStaff(ctx, role)
  const browser = new AdminClient(server.url)
  await browser.openSession(ctx, editor.user)
  return { ctx, server, editor, browser }
}

async function draftOf(
  ctx: TestAppContext,
  owner: Staff,
  body = 'The harbour council will vote on Tuesday.',
): Promise<Article> {
  return ctx.services.editing.createDraft(owner.actor, {
    headline: `Sea wall plan ${Math.random().toString(36).slice(2, 8)}`,
    standfirst: 'Not out yet.',
    dateline: 'BERGEN, NORWAY',
    body,
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: [],
    slug: '',
  })
}

/** Makes a link through the newsroom's form; returns the page and the link's path on the site. */
async function makeLink(
  browser: AdminClient,
  article: Article,
  duration = '24h',
): Promise<{ page: AdminPage; path: string }> {
  const page = await browser.post(`/admin/articles/${article.id}/previews`, { duration })
  const url = page.document.querySelector('#preview-url')?.getAttribute('value') ?? ''
  return { page, path: url.replace('https://news.example', '') }
}

/** A request as from someone who has never signed in: no cookies at all. */
const stranger = (server: TestServer, path: string) => server.page(path, { headers: {} })

async function notFoundBody(server: TestServer): Promise<string> {
  const { response, html } = await stranger(server, '/preview/not-a-token')
  assert.equal(response.status, 404)
  return html
}

for (const dialect of testDialects()) {
  describe(`preview links (${dialect})`, () => {
    test('made in the newsroom, opened with no cookies: the saved draft, marked, noindex, never cached', async (t) => {
      const { ctx, server, editor, browser } = await world(t, dialect)
      const article = await draftOf(
        ctx,
        editor,
        'The council will vote.\n\nhttps://youtu.be/dQw4w9WgXcQ',
      )
      const { page, path } = await makeLink(browser, article, '3d')
      assert.equal(page.status, 200)
      assert.match(path, /^\/preview\/[A-Za-z0-9_-]{43}$/)
      assert.match(
        page.document.querySelector('.preview-created')?.text ?? '',
        /works until Monday, November 23rd 2026, 09:00 GMT\./,
      )

      const { response, html, document } = await stranger(server, path)
      assert.equal(response.status, 200)
      assert.equal(response.headers.get('set-cookie'), null)
      assert.match(response.headers.get('cache-control') ?? '', /no-store/)
      assert.equal(response.headers.get('x-robots-tag'), 'noindex')
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer')
      assert.equal(document.querySelector('meta[name=robots]')?.getAttribute('content'), 'noindex')
      assert.match(
        document.querySelector('.preview-notice')?.text ?? '',
        /^Preview — not published/,
      )
      assert.equal(document.querySelector('h1')?.text, article.headline)
      assert.match(
        document.querySelector('.story-body')?.text ?? '',
        /BERGEN, NORWAY — The council will vote\./,
      )
      // Rendered as readers get it: the embed is a placeholder, and the page allows its player.
      assert.ok(document.querySelector('.story-body figure.embed'))
      assert.match(
        response.headers.get('content-security-policy') ?? '',
        /frame-src https:\/\/www\.youtube-nocookie\.com/,
      )
      assert.equal(document.querySelector('#comments'), null)
      assert.doesNotMatch(html, /rel="canonical"/)
      await assertValidHtml(html, 'preview page')
      await assertValidHtml(page.html, 'a new preview link')

      // Never in the page cache, so a second visit renders the draft as it is saved now.
      assert.equal(server.app.pageCache.size.pages, 0)
      await ctx.services.editing.save(
        editor.actor,
        article.id,
        inputOf(article, { body: 'The vote moved to Thursday.' }),
        {
          baseVersion: article.version,
        },
      )
      const again = await stranger(server, path)
      assert.match(
        again.document.querySelector('.story-body')?.text ?? '',
        /The vote moved to Thursday\./,
      )
      assert.equal(server.app.pageCache.size.pages, 0)

      // Listed with its expiry in the site's zone.
      const list = await browser.get(`/admin/articles/${article.id}/previews`)
      assert.equal(list.status, 200)
      const items = list.document.querySelectorAll('.preview-links li')
      assert.equal(items.length, 1)
      assert.match(items[0]?.text ?? '', /works until Monday, November 23rd 2026, 09:00 GMT\./)
    })

    test('only the hash of the token is stored', async (t) => {
      const { ctx, browser, editor } = await world(t, dialect)
      const article = await draftOf(ctx, editor)
      const { path } = await makeLink(browser, article)
      const token = path.split('/').at(-1) ?? ''
      const hash = createHash('sha256').update(token).digest('hex')
      const row = await ctx.stores.previewLinks.findByTokenHash(hash)
      assert.equal(row?.articleId, article.id)
      assert.equal(row?.createdBy, editor.user.id)
      assert.equal(await ctx.stores.previewLinks.findByTokenHash(token), undefined)
    })

    test('expired (by the clock), revoked, tampered, malformed, or of a deleted article: the same 404', async (t) => {
      const { ctx, server, browser, editor } = await world(t, dialect)
      const plain404 = await notFoundBody(server)
      const article = await draftOf(ctx, editor)

      const hour = await makeLink(browser, article, '1h')
      ctx.clock.advance(HOUR - 1000)
      assert.equal((await stranger(server, hour.path)).response.status, 200)
      ctx.clock.advance(1000)
      const expired = await stranger(server, hour.path)
      assert.equal(expired.response.status, 404)
      assert.equal(expired.html, plain404)
      assert.match(expired.response.headers.get('cache-control') ?? '', /no-store/)

      // An hour on, the newsroom session has gone idle: sign in again.
      await browser.openSession(ctx, editor.user)
      const revokedLink = await makeLink(browser, article)
      const list = await browser.get(`/admin/articles/${article.id}/previews`)
      const form = list.document.querySelector('.preview-links form')
      assert.ok(form)
      const revoked = await browser.submit(form)
      assert.equal(revoked.status, 303)
      const after = await browser.get(revoked.location)
      assert.match(after.document.querySelector('.notice-ok')?.text ?? '', /Revoked/)
      assert.equal(after.document.querySelectorAll('.preview-links li').length, 0)
      assert.equal((await stranger(server, revokedLink.path)).html, plain404)
      // Revoking it again: there is no such live link.
      assert.equal((await browser.submit(form)).status, 404)

      const live = await makeLink(browser, article)
      const token = live.path.split('/').at(-1) ?? ''
      const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')
      for (const bad of [
        flipped,
        token.slice(1),
        `${token}x`,
        '~',
        '%00',
        'x'.repeat(5000),
        `${token}%22%3E`,
      ]) {
        const answer = await stranger(server, `/preview/${bad}`)
        assert.equal(answer.response.status, 404, bad.slice(0, 50))
        assert.equal(answer.html, plain404)
      }
      assert.equal((await stranger(server, live.path)).response.status, 200)

      await ctx.services.editing.remove(editor.actor, article.id)
      const gone = await stranger(server, live.path)
      assert.equal(gone.response.status, 404)
      assert.equal(gone.html, plain404)
    })

    test('once the story is published its link leads to the story; a published story gets no new link', async (t) => {
      const { ctx, server, browser, editor } = await world(t, dialect)
      const article = await draftOf(ctx, editor)
      const { path } = await makeLink(browser, article)
      const published = await ctx.services.workflow.transition(editor.actor, article.id, {
        transition: 'publish',
        baseVersion: article.version,
      })
      const answer = await server.get(path)
      assert.equal(answer.status, 303)
      assert.equal(answer.headers.get('location'), pathOf(published))

      const refused = await browser.post(`/admin/articles/${article.id}/previews`, {
        duration: '1h',
      })
      assert.equal(refused.status, 409)
      assert.match(refused.document.querySelector('.problem')?.text ?? '', /published/)
      assert.equal(refused.document.querySelector('#preview-url'), null)
    })

    test('bad input: an unknown lifetime is a 422 on the field; no CSRF token is a 403; nothing is made', async (t) => {
      const { ctx, browser, editor } = await world(t, dialect)
      const article = await draftOf(ctx, editor)
      for (const duration of ['2h', '', '7d ', 'constructor', '__proto__']) {
        const page = await browser.post(`/admin/articles/${article.id}/previews`, { duration })
        assert.equal(page.status, 422, JSON.stringify(duration))
        assert.match(
          page.document.querySelector('.field.has-error .field-error')?.text ?? '',
          /1 hour, 24 hours, 3 days or 7 days/,
        )
      }
      const forged = await browser.postRaw(`/admin/articles/${article.id}/previews`, {
        duration: '1h',
        _csrf: 'forged',
      })
      assert.equal(forged.status, 403)
      assert.deepEqual(await ctx.services.previews.live(editor.actor, article.id), [])
      const badId = await browser.post('/admin/articles/not-an-id/previews', { duration: '1h' })
      assert.equal(badId.status, 404)
    })

    test("a contributor shares their own draft, never someone else's", async (t) => {
      const { ctx, server, browser, editor: writer } = await world(t, dialect, 'contributor')
      const own = await draftOf(ctx, writer)
      const mine = await makeLink(browser, own, '1h')
      assert.equal((await stranger(server, mine.path)).response.status, 200)

      const colleague = await createStaff(ctx, 'contributor')
      const theirs = await draftOf(ctx, colleague)
      const theirLink = await ctx.services.previews.create(colleague.actor, theirs.id, '7d')
      assert.equal((await browser.get(`/admin/articles/${theirs.id}/previews`)).status, 404)
      assert.equal(
        (await browser.post(`/admin/articles/${theirs.id}/previews`, { duration: '1h' })).status,
        404,
      )
      const revoke = await browser.post(
        `/admin/articles/${theirs.id}/previews/${theirLink.link.id}/revoke`,
      )
      assert.equal(revoke.status, 404)
      assert.equal((await ctx.services.previews.live(colleague.actor, theirs.id)).length, 1)
    })
  })
}
