// The rendered-page cache (src/web/page-cache/) over real HTTP: hits with their
// HTTP caching headers, conditional requests and precompressed variants; no
// stale page after any acknowledged change, in this process or another; keys
// that cannot be poisoned; what is never cached; TTL; and the cache turned off.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, test, type TestContext } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { Article } from '../../src/domain/articles/article.js'
import type { ArticleInput } from '../../src/domain/articles/article-writes.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { postComment } from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { type ArticleTextFields, importArticle, inputOf } from '../helpers/factories.js'
import { eventually } from '../helpers/eventually.js'
import { createSharedDatabase } from '../helpers/shared-database.js'
import {
  AdminClient,
  createStaff,
  editorForm,
  SESSION_COOKIE,
  type Staff,
} from './admin-session.js'
import { pathOf, textOf, textsOf } from './html.js'
import { header, rawRequest, type RawResponse } from './http.js'

const MINUTE = 60_000

/** Distinct numbers, so that the header is known to come from the configuration. */
const CACHE_ENV = {
  CACHE_MAX_AGE: '61',
  CACHE_S_MAXAGE: '301',
  CACHE_STALE_WHILE_REVALIDATE: '601',
}
const PUBLIC_CACHE_CONTROL = 'public, max-age=61, s-maxage=301, stale-while-revalidate=601'

const AUTHOR = 'Ada Brekke'
const AUTHOR_PATH = '/authors/ada-brekke'
const TAG_PATH = '/tags/floods'

interface Site {
  ctx: TestAppContext
  server: TestServer
  /** How many pages the app has rendered so far: every render asks for the navigation once. */
  renders(): number
  /** Entries in the page cache (the test-only app.pageCache). */
  cachedPages(): number
}

async function setup(
  t: TestContext,
  dialect: DialectName,
  env: Record<string, string> = {},
): Promise<Site> {
  const ctx = await createTestContext(t, dialect, { ...CACHE_ENV, ...env })
  return siteOn(t, ctx)
}

async function siteOn(t: TestContext, ctx: TestAppContext): Promise<Site> {
  const server = await startTestServer(t, ctx)
  return {
    ctx,
    server,
    renders: () => server.app.renderedPages(),
    cachedPages: () => server.app.pageCache.size.pages,
  }
}

/** A published story by AUTHOR in News, tagged Floods. */
async function story(
  ctx: TestAppContext,
  overrides: Partial<ArticleTextFields> = {},
): Promise<Article> {
  const { article } = await importArticle(
    ctx,
    { bylines: [AUTHOR], ...overrides },
    { sectionSlug: 'news', tags: ['Floods'] },
  )
  return article
}

/** Every public page that shows a story by AUTHOR in News tagged Floods. */
function pagesShowing(article: Article): string[] {
  return ['/', pathOf(article), '/news', AUTHOR_PATH, TAG_PATH]
}

interface Fetched {
  status: number
  etag: string
  text: string
  response: Response
}

async function fetchPage(site: Site, path: string, init: RequestInit = {}): Promise<Fetched> {
  const { response, document } = await site.server.page(path, init)
  return {
    status: response.status,
    etag: response.headers.get('etag') ?? '',
    text: textOf(document),
    response,
  }
}

/**
 * GETs a page twice and asserts the second answer came from the cache: the
 * same entity, and nothing rendered for it. Returns the second answer.
 */
async function cached(site: Site, path: string): Promise<Fetched> {
  const first = await fetchPage(site, path)
  assert.equal(first.status, 200, `GET ${path}`)
  assert.match(first.etag, /^W\/".+"$/, `${path} was stored with an ETag`)
  const before = site.renders()
  const second = await fetchPage(site, path)
  assert.equal(second.status, 200, `GET ${path} again`)
  assert.equal(second.etag, first.etag, `${path} is the same entity`)
  assert.equal(site.renders(), before, `${path} came from the cache, not a new render`)
  return second
}

async function signedIn(site: Site, staff: Staff): Promise<AdminClient> {
  const browser = new AdminClient(site.server.url)
  await browser.signInAs(staff)
  return browser
}

/** Saves an article through the newsroom's editor form, as an editor pressing a button. */
async function submitEditor(
  browser: AdminClient,
  article: Pick<Article, 'id'>,
  changes: Record<string, string>,
): Promise<void> {
  const page = await browser.get(`/admin/articles/${article.id}`)
  assert.equal(page.status, 200)
  const saved = await browser.submit(editorForm(page), changes)
  assert.equal(saved.status, 303, `the editor's ${changes.intent ?? 'save'} was acknowledged`)
}

function draftInput(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: `Night ferry returns to the islands ${randomUUID().slice(0, 6)}`,
    standfirst: 'The winter timetable brings back the late crossing.',
    dateline: 'TROMSØ, NORWAY',
    body: 'The night ferry returns on Monday.\n\nIslanders had asked for it for three winters.',
    keyPoints: ['The late crossing is back.'],
    sectionSlug: 'news',
    bylines: [AUTHOR],
    tags: ['Floods'],
    slug: '',
    ...overrides,
  }
}

/** Raw request through node:http: exactly these headers, body not decompressed. */
function raw(site: Site, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return rawRequest(site.server.url, path, { method, headers })
}

function decoded(response: RawResponse): Buffer {
  const encoding = header(response, 'content-encoding')
  if (encoding === 'gzip') return gunzipSync(response.body)
  if (encoding === 'br') return brotliDecompressSync(response.body)
  assert.equal(encoding, '', `unexpected content-encoding ${encoding}`)
  return response.body
}

for (const dialect of testDialects()) {
  describe(`page cache: hits and HTTP caching (${dialect})`, () => {
    test('the second GET of an article, home, section, author and tag page comes from the cache, with the same headers', async (t) => {
      const site = await setup(t, dialect)
      const article = await story(site.ctx)
      for (const path of pagesShowing(article)) {
        const first = await raw(site, path)
        assert.equal(first.status, 200, path)
        const before = site.renders()
        const hit = await raw(site, path)
        assert.equal(site.renders(), before, `${path} was not rendered again`)
        assert.deepEqual(hit.body, first.body, `${path}: the same bytes`)
        for (const response of [first, hit]) {
          assert.match(header(response, 'etag'), /^W\/"[A-Za-z0-9_-]{22}"$/, path)
          assert.equal(header(response, 'etag'), header(first, 'etag'), path)
          assert.equal(header(response, 'last-modified'), header(first, 'last-modified'), path)
          assert.ok(!Number.isNaN(Date.parse(header(response, 'last-modified'))), path)
          assert.equal(header(response, 'cache-control'), PUBLIC_CACHE_CONTROL, path)
          assert.equal(header(response, 'vary').toLowerCase(), 'accept-encoding', path)
          assert.equal(header(response, 'content-type'), 'text/html; charset=utf-8', path)
          assert.equal(header(response, 'content-length'), String(first.body.length), path)
          // The security headers are on hits too: they are answered before Fastify's hooks.
          assert.match(header(response, 'content-security-policy'), /default-src 'self'/, path)
          assert.equal(header(response, 'x-content-type-options'), 'nosniff', path)
          assert.equal(header(response, 'x-frame-options'), 'DENY', path)
          assert.match(header(response, 'strict-transport-security'), /max-age=/, path)
          assert.equal(header(response, 'set-cookie'), '', path)
        }
      }
      assert.equal(site.cachedPages(), 5)
    })

    test('If-None-Match with the ETag, weak or strong, alone or in a list, is a 304 with no body', async (t) => {
      const site = await setup(t, dialect)
      const path = pathOf(await story(site.ctx))
      const { etag } = await cached(site, path)
      const strong = etag.slice(2)
      for (const ifNoneMatch of [
        etag,
        strong,
        `"not-this-one", ${etag}`,
        `W/"other", ${strong}, "third"`,
        '*',
      ]) {
        const response = await raw(site, path, { 'if-none-match': ifNoneMatch })
        assert.equal(response.status, 304, ifNoneMatch)
        assert.equal(response.body.length, 0, `${ifNoneMatch}: no body`)
        assert.equal(header(response, 'etag'), etag)
        assert.equal(header(response, 'cache-control'), PUBLIC_CACHE_CONTROL)
        assert.equal(header(response, 'vary').toLowerCase(), 'accept-encoding')
        assert.match(header(response, 'content-security-policy'), /default-src 'self'/)
      }
      for (const ifNoneMatch of ['W/"something-else"', '"x", "y"', '']) {
        const response = await raw(site, path, { 'if-none-match': ifNoneMatch })
        assert.equal(response.status, 200, `"${ifNoneMatch}" does not match`)
        assert.ok(response.body.length > 0)
      }
    })

    test('If-Modified-Since at or after Last-Modified is a 304; an older date is a 200', async (t) => {
      const site = await setup(t, dialect)
      const { response } = await cached(site, '/news')
      const lastModified = response.headers.get('last-modified') ?? ''
      const at = Date.parse(lastModified)
      const same = await raw(site, '/news', { 'if-modified-since': lastModified })
      assert.equal(same.status, 304)
      assert.equal(same.body.length, 0)
      const later = await raw(site, '/news', {
        'if-modified-since': new Date(at + 60_000).toUTCString(),
      })
      assert.equal(later.status, 304)
      const earlier = await raw(site, '/news', {
        'if-modified-since': new Date(at - 60_000).toUTCString(),
      })
      assert.equal(earlier.status, 200)
      assert.ok(earlier.body.length > 0)
      const nonsense = await raw(site, '/news', { 'if-modified-since': 'yesterday-ish' })
      assert.equal(nonsense.status, 200)
      // If-None-Match decides when both are sent (RFC 9110 §13.1.3).
      const both = await raw(site, '/news', {
        'if-none-match': '"stale"',
        'if-modified-since': lastModified,
      })
      assert.equal(both.status, 200)
    })

    test('gzip and brotli variants decompress to exactly the identity body, hit or miss', async (t) => {
      const site = await setup(t, dialect)
      const article = await story(site.ctx)
      for (const path of pagesShowing(article)) {
        // The first request of each page asks for brotli: the miss is compressed as well.
        const missed = await raw(site, path, { 'accept-encoding': 'br' })
        assert.equal(header(missed, 'content-encoding'), 'br', path)
        const identity = await raw(site, path)
        assert.equal(header(identity, 'content-encoding'), '', path)
        for (const acceptEncoding of ['gzip', 'br', 'gzip, deflate, br', 'deflate, gzip;q=0.5']) {
          const response = await raw(site, path, { 'accept-encoding': acceptEncoding })
          const expected = acceptEncoding.includes('br') ? 'br' : 'gzip'
          assert.equal(header(response, 'content-encoding'), expected, acceptEncoding)
          assert.equal(header(response, 'content-length'), String(response.body.length))
          assert.ok(response.body.length < identity.body.length, `${expected} is smaller`)
          assert.deepEqual(decoded(response), identity.body, `${path} ${acceptEncoding}`)
          assert.equal(header(response, 'etag'), header(identity, 'etag'))
          assert.equal(header(response, 'vary').toLowerCase(), 'accept-encoding')
        }
        assert.deepEqual(decoded(missed), identity.body, `${path}: the brotli miss`)
      }
    })

    test('HEAD gets the headers of the page and no body', async (t) => {
      const site = await setup(t, dialect)
      const path = pathOf(await story(site.ctx))
      const page = await raw(site, path)
      for (const encoding of ['', 'gzip', 'br']) {
        const before = site.renders()
        const head = await raw(site, path, encoding ? { 'accept-encoding': encoding } : {}, 'HEAD')
        assert.equal(site.renders(), before, 'HEAD is answered from the cache')
        assert.equal(head.status, 200)
        assert.equal(head.body.length, 0)
        assert.equal(header(head, 'etag'), header(page, 'etag'))
        assert.equal(header(head, 'content-encoding'), encoding)
        if (!encoding) assert.equal(header(head, 'content-length'), String(page.body.length))
        assert.equal(header(head, 'cache-control'), PUBLIC_CACHE_CONTROL)
      }
      // HEAD of a page not cached yet: headers only, and a later GET still works.
      const cold = await raw(site, '/politics', {}, 'HEAD')
      assert.equal(cold.status, 200)
      assert.equal(cold.body.length, 0)
      const get = await raw(site, '/politics')
      assert.equal(get.status, 200)
      assert.ok(get.text.includes('<h1 class="page-title">Politics</h1>'))
    })
  })

  describe(`page cache: no stale page after an acknowledged change (${dialect})`, () => {
    test('an editor saves a published article: its new headline is on every page at once', async (t) => {
      const site = await setup(t, dialect)
      const article = await story(site.ctx, { headline: 'Harbour wall plan approved' })
      const pages = pagesShowing(article)
      for (const path of pages) {
        assert.ok((await cached(site, path)).text.includes('Harbour wall plan approved'), path)
      }
      const editor = await signedIn(site, await createStaff(site.ctx, 'editor'))
      await submitEditor(editor, article, {
        headline: 'Council backs the sea wall after an all-night vote',
        intent: 'save',
      })
      for (const path of pages) {
        const { status, text } = await fetchPage(site, path)
        assert.equal(status, 200, path)
        assert.ok(text.includes('Council backs the sea wall after an all-night vote'), path)
        assert.ok(!text.includes('Harbour wall plan approved'), `${path}: the old headline is gone`)
      }
    })

    test('an editor publishes a new article: home, its section, author and tag pages list it', async (t) => {
      const site = await setup(t, dialect)
      const existing = await story(site.ctx)
      const pages = ['/', '/news', AUTHOR_PATH, TAG_PATH]
      for (const path of pages) await cached(site, path)
      const staff = await createStaff(site.ctx, 'editor')
      const draft = await site.ctx.services.editing.createDraft(staff.actor, draftInput())
      const editor = await signedIn(site, staff)
      await submitEditor(editor, draft, { intent: 'publish' })
      for (const path of pages) {
        const { text } = await fetchPage(site, path)
        assert.ok(text.includes(draft.headline), `${path} lists the new article`)
        assert.ok(text.includes(existing.headline), `${path} still lists the old one`)
      }
    })

    test('an editor unpublishes an article: its page is 404 and it is gone from every listing', async (t) => {
      const site = await setup(t, dialect)
      const article = await story(site.ctx)
      const pages = pagesShowing(article)
      for (const path of pages) await cached(site, path)
      const editor = await signedIn(site, await createStaff(site.ctx, 'editor'))
      await submitEditor(editor, article, { intent: 'unpublish', confirm: 'yes' })
      const gone = await fetchPage(site, pathOf(article))
      assert.equal(gone.status, 404)
      assert.equal(gone.response.headers.get('cache-control'), 'no-store')
      for (const path of ['/', '/news', AUTHOR_PATH, TAG_PATH]) {
        const { text } = await fetchPage(site, path)
        assert.ok(!text.includes(article.headline), `${path} no longer lists it`)
      }
    })

    test('an editor corrects an article: the correction note shows at once', async (t) => {
      const site = await setup(t, dialect)
      const article = await story(site.ctx)
      await cached(site, pathOf(article))
      const editor = await signedIn(site, await createStaff(site.ctx, 'editor'))
      const note = 'An earlier version gave the wrong number of homes.'
      await submitEditor(editor, article, { correction: note, intent: 'save' })
      const { status, response } = await fetchPage(site, pathOf(article))
      assert.equal(status, 200)
      const { document } = await site.server.page(pathOf(article))
      assert.ok(textOf(document.querySelector('#corrections')).includes(note))
      assert.ok(response.headers.get('etag'))
    })

    test('a moderator approves a comment: it is on the article page and in its feeds', async (t) => {
      const site = await setup(t, dialect)
      const article = await story(site.ctx)
      const path = pathOf(article)
      const before = await cached(site, path)
      const comment = await postComment(site.ctx, {
        articleId: article.id,
        body: 'The wall should go all the way to the ferry terminal.',
      })
      assert.equal(comment.status, 'pending')
      // A comment held for moderation changes nothing readers see: the page stays cached.
      const held = await cached(site, path)
      assert.equal(held.etag, before.etag)
      assert.ok(!held.text.includes('all the way to the ferry terminal'))
      await fetchPage(site, `${path}/comments.json`)

      const moderator = await signedIn(site, await createStaff(site.ctx, 'editor'))
      const approved = await moderator.post('/admin/comments?status=pending', {
        single: `approve:${comment.id}`,
      })
      assert.equal(approved.status, 303)

      const page = await site.server.page(path)
      assert.ok(page.document.querySelector(`#comment-${comment.id}`), 'the comment is shown')
      assert.ok(textOf(page.document).includes('all the way to the ferry terminal'))
      const atom = await site.server.get(`${path}/comments.atom`)
      assert.ok((await atom.text()).includes(`urn:uuid:${comment.id}`))
      const json = (await (await site.server.get(`${path}/comments.json`)).json()) as {
        comments: { id: string }[]
      }
      assert.deepEqual(
        json.comments.map((item) => item.id),
        [comment.id],
      )
    })

    test('an admin renames and reorders sections: the navigation changes on every page', async (t) => {
      const site = await setup(t, dialect)
      const article = await story(site.ctx)
      const pages = [...pagesShowing(article), '/sport']
      for (const path of pages) await cached(site, path)
      const admin = await signedIn(site, await createStaff(site.ctx, 'admin'))
      assert.equal(
        (await admin.post('/admin/sections/sport/rename', { name: 'Sports' })).status,
        303,
      )
      assert.equal(
        (await admin.post('/admin/sections/sport/move', { direction: 'up' })).status,
        303,
      )
      for (const path of pages) {
        const { document } = await site.server.page(path)
        const names = textsOf(document.querySelectorAll('body > header nav a'))
        assert.deepEqual(
          names,
          ['News', 'Politics', 'Features', 'Arts', 'Entertainment', 'Sports', 'Society'],
          path,
        )
      }
    })

    test('the 404 page is rendered once, and again after a change to the navigation', async (t) => {
      const site = await setup(t, dialect)
      const navOf = async (path: string) => {
        const { response, document } = await site.server.page(path)
        assert.equal(response.status, 404, path)
        assert.equal(response.headers.get('cache-control'), 'no-store', path)
        return textsOf(document.querySelectorAll('body > header nav a'))
      }
      const before = await navOf('/no-such-page')
      const rendered = site.renders()
      assert.deepEqual(await navOf('/another/missing/page'), before)
      assert.deepEqual(await navOf('/no-such-page?x=1'), before)
      assert.equal(site.renders(), rendered, 'the same page, not rendered again')

      const admin = await signedIn(site, await createStaff(site.ctx, 'admin'))
      assert.equal(
        (await admin.post('/admin/sections/sport/rename', { name: 'Sports' })).status,
        303,
      )
      assert.ok((await navOf('/no-such-page')).includes('Sports'))
    })

    test("an author's bio changes: the author page shows the new one", async (t) => {
      const site = await setup(t, dialect)
      await story(site.ctx)
      await site.ctx.services.authors.setBio('ada-brekke', 'Ada covers the harbour.')
      assert.ok((await cached(site, AUTHOR_PATH)).text.includes('Ada covers the harbour.'))
      await site.ctx.services.authors.setBio('ada-brekke', 'Ada now covers the council.')
      const { text } = await fetchPage(site, AUTHOR_PATH)
      assert.ok(text.includes('Ada now covers the council.'))
      assert.ok(!text.includes('Ada covers the harbour.'))
    })

    test('an admin closes comments: the comment form is gone from article pages', async (t) => {
      const site = await setup(t, dialect)
      const article = await story(site.ctx)
      const path = pathOf(article)
      await cached(site, path)
      assert.ok((await site.server.page(path)).document.querySelector('form#comment-form'))
      const admin = await signedIn(site, await createStaff(site.ctx, 'admin'))
      const saved = await admin.post('/admin/settings/comments', {
        mode: 'closed',
        days: '14',
        moderation: 'pre',
        blocked_words: '',
      })
      assert.equal(saved.status, 303)
      const { document } = await site.server.page(path)
      assert.equal(document.querySelector('form#comment-form'), null)
    })

    test('the scheduler publishes a due article: home lists it', async (t) => {
      const site = await setup(t, dialect)
      await story(site.ctx)
      const staff = await createStaff(site.ctx, 'editor')
      const draft = await site.ctx.services.editing.createDraft(staff.actor, draftInput())
      await site.ctx.services.workflow.transition(staff.actor, draft.id, {
        transition: 'schedule',
        at: new Date(site.ctx.clock.now().getTime() + 30 * MINUTE),
      })
      for (const path of ['/', '/news']) {
        assert.ok(!(await cached(site, path)).text.includes(draft.headline))
      }
      site.ctx.clock.advance(31 * MINUTE)
      const published = await site.ctx.services.workflow.publishDue()
      assert.deepEqual(
        published.map((article) => article.id),
        [draft.id],
      )
      for (const path of ['/', '/news']) {
        assert.ok((await fetchPage(site, path)).text.includes(draft.headline), path)
      }
    })

    test('a re-import updates an article: its page shows the new text', async (t) => {
      const site = await setup(t, dialect)
      const fields = { headline: 'Sea wall costs rise again' }
      const article = await story(site.ctx, fields)
      const path = pathOf(article)
      assert.ok((await cached(site, path)).text.includes('The vote ends two years of argument'))
      const again = await importArticle(
        site.ctx,
        {
          ...fields,
          bylines: [AUTHOR],
          standfirst: 'The council now expects the bill to double.',
        },
        { sectionSlug: 'news' },
      )
      assert.equal(again.action, 'updated')
      assert.equal(again.article.id, article.id)
      for (const page of [path, '/', '/news']) {
        const { text } = await fetchPage(site, page)
        assert.ok(text.includes('The council now expects the bill to double.'), page)
      }
    })

    test('a page rendered while a change commits is not kept: the next GET shows the change', async (t) => {
      const site = await setup(t, dialect)
      await story(site.ctx)
      // Hold the home page's render after it has read the front page, until the change is made.
      const { frontPage } = site.ctx.services
      let readDone!: () => void
      const read = new Promise<void>((resolve) => (readDone = resolve))
      let release!: () => void
      const gate = new Promise<void>((resolve) => (release = resolve))
      const original = frontPage.home.bind(frontPage)
      const held = t.mock.method(frontPage, 'home', async () => {
        const front = await original()
        readDone()
        await gate
        return front
      })
      const slow = site.server.page('/')
      await read
      const late = await story(site.ctx, { headline: 'Late news from the harbour' })
      release()
      const rendered = await slow
      assert.equal(rendered.response.status, 200)
      assert.ok(!rendered.html.includes(late.headline), 'rendered from before the change')
      held.mock.restore()

      const next = await fetchPage(site, '/')
      assert.ok(
        next.text.includes(late.headline),
        'the page rendered before the change was not kept',
      )
    })
  })

  describe(`page cache: changes made by another process (${dialect})`, () => {
    test("a change through another process's services is seen by the next request", async (t) => {
      const shared = await createSharedDatabase(t, dialect, CACHE_ENV)
      const a = await shared.open()
      const b = await shared.open()
      const site = await siteOn(t, a)
      const article = await story(a)
      for (const path of ['/', pathOf(article)]) await cached(site, path)

      const fresh = await story(b, { headline: 'Ferry strike called off' })
      const seen = async () => (await fetchPage(site, '/')).text.includes(fresh.headline)
      if (dialect === 'sqlite') {
        // PRAGMA data_version tells the next request that another connection committed.
        assert.ok(await seen(), 'the next GET shows it')
      } else {
        // NOTIFY from the other process reaches this one a moment later.
        assert.ok(await eventually(seen), 'seen within 3 s')
      }

      await cached(site, pathOf(article))
      const editor = await createStaff(b, 'editor')
      const current = await b.services.editing.get(editor.actor, article.id)
      await b.services.editing.save(
        editor.actor,
        article.id,
        inputOf(current, { headline: 'Harbour wall plan approved, says the other process' }),
        { baseVersion: current.version },
      )
      const changed = async () =>
        (await fetchPage(site, pathOf(article))).text.includes('says the other process')
      assert.ok(dialect === 'sqlite' ? await changed() : await eventually(changed))
    })

    test('a write by another process that announces nothing: SQLite notices, PostgreSQL waits for an announcement', async (t) => {
      const shared = await createSharedDatabase(t, dialect, CACHE_ENV)
      const a = await shared.open()
      const b = await shared.open()
      const site = await siteOn(t, a)
      await story(a)
      await a.services.authors.setBio('ada-brekke', 'Ada covers the harbour.')
      await cached(site, AUTHOR_PATH)

      // Straight to the store: no service, so no announcement (a script, a manual fix…).
      const author = await b.stores.authors.findBySlug('ada-brekke')
      assert.ok(author)
      await b.stores.authors.updateBio(author.id, 'Ada edits the weekend paper.')
      const next = await fetchPage(site, AUTHOR_PATH)
      if (dialect === 'sqlite') {
        assert.ok(next.text.includes('Ada edits the weekend paper.'), 'data_version noticed it')
        return
      }
      // PostgreSQL has no data_version: other processes learn of changes only from NOTIFY,
      // which the services send. A silent write stays unseen until something announces.
      assert.ok(next.text.includes('Ada covers the harbour.'), 'still the cached page')
      await b.changes.announce({ scope: 'site' })
      assert.ok(
        await eventually(async () =>
          (await fetchPage(site, AUTHOR_PATH)).text.includes('Ada edits the weekend paper.'),
        ),
        'seen once announced',
      )
    })
  })

  describe(`page cache: keys cannot be poisoned (${dialect})`, () => {
    test('query parameters that are not part of the page neither add entries nor serve another page', async (t) => {
      const site = await setup(t, dialect)
      const article = await story(site.ctx)
      const news = await cached(site, '/news')
      const canonical = await raw(site, '/news')
      await cached(site, '/politics')
      const entries = site.cachedPages()

      for (const query of [
        '?utm_source=newsletter',
        '?utm_source=x&utm_medium=email&utm_campaign=y',
        '?fbclid=IwAR0abcdefghijklmnop',
        '?gclid=abc&ref=home',
        '?unknown=1',
        '?utm_source=a&utm_source=b',
        '?',
        '?&&',
      ]) {
        const before = site.renders()
        const response = await raw(site, `/news${query}`)
        assert.equal(response.status, 200, query)
        assert.equal(header(response, 'etag'), news.etag, `${query}: the News page`)
        assert.equal(site.renders(), before, `${query}: served from the entry of /news`)
      }
      // Parameters the page reads but that name the page it already is: rendered, never stored.
      for (const query of ['?page=1', '?page=01', '?page=1&utm_source=x', '?pag%65=1']) {
        const response = await raw(site, `/news${query}`)
        assert.equal(response.status, 200, query)
        assert.deepEqual(response.body, canonical.body, `${query}: the News page`)
      }
      // Repeated page numbers are ambiguous: not a page.
      for (const query of ['?page=2&page=2', '?page=1&page=2']) {
        const response = await raw(site, `/news${query}`)
        assert.equal(response.status, 404, query)
      }
      // The home page is one page: a later one is missing, as past the end of /news.
      assert.equal((await raw(site, '/?page=2')).status, 404)
      // Identity parameters on a page that has none.
      for (const path of ['/?q=x', `${pathOf(article)}?page=3`, '/politics?q=x']) {
        const response = await raw(site, path)
        assert.equal(response.status, 200, path)
      }
      assert.equal(site.cachedPages(), entries, 'no entry was added')
      // And the pages themselves are untouched.
      assert.equal((await fetchPage(site, '/news')).etag, news.etag)
      assert.ok((await fetchPage(site, '/politics')).text.includes('Politics'))
    })

    test('odd Host headers neither split nor poison the cache', async (t) => {
      const site = await setup(t, dialect)
      const article = await story(site.ctx)
      const path = pathOf(article)
      // The first render of the page is for a request with a forged host.
      const forged = await raw(site, path, {
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
      })
      assert.equal(forged.status, 200)
      assert.ok(!forged.text.includes('evil.example'), 'the host never reaches the page')
      const entries = site.cachedPages()
      assert.equal(entries, 1)
      for (const host of [
        'EVIL.example:443',
        'localhost',
        '127.0.0.1:1',
        'a'.repeat(300),
        '[::1]',
      ]) {
        const response = await raw(site, path, { host })
        assert.equal(response.status, 200, host)
        assert.equal(header(response, 'etag'), header(forged, 'etag'), host)
      }
      const reader = await raw(site, path)
      assert.equal(header(reader, 'etag'), header(forged, 'etag'))
      assert.ok(reader.text.includes('href="https://news.example'), 'links use SITE_URL')
      assert.ok(!reader.text.includes('evil.example'))
      assert.equal(site.cachedPages(), entries)
    })

    test('odd Accept-Encoding headers neither split nor poison the cache', async (t) => {
      const site = await setup(t, dialect)
      const path = pathOf(await story(site.ctx))
      // The first request, the one that fills the entry, has a garbled header.
      const first = await raw(site, path, { 'accept-encoding': ';;q=abc, ,gzip;q=nope' })
      assert.equal(first.status, 200)
      const identity = await raw(site, path)
      assert.deepEqual(decoded(first), identity.body)
      const entries = site.cachedPages()
      const cases: [string, string][] = [
        ['*', 'br'],
        ['br;q=0', ''],
        ['br;q=0, gzip', 'gzip'],
        ['gzip;q=0, br;q=0', ''],
        ['identity', ''],
        ['compress, deflate', ''],
        ['GZIP', 'gzip'],
        ['x-gzip', 'gzip'],
        ['garbage, \u00ff\u00fe', ''],
        ['br;q=0.1, gzip;q=0.9', 'gzip'],
        ['*;q=0', ''],
      ]
      for (const [acceptEncoding, expected] of cases) {
        const response = await raw(site, path, { 'accept-encoding': acceptEncoding })
        assert.equal(response.status, 200, acceptEncoding)
        assert.equal(header(response, 'content-encoding'), expected, acceptEncoding)
        assert.deepEqual(decoded(response), identity.body, acceptEncoding)
        assert.equal(header(response, 'etag'), header(identity, 'etag'), acceptEncoding)
      }
      assert.equal(site.cachedPages(), entries)
    })

    test('very long URLs are never cached; a long path is a 404', async (t) => {
      const site = await setup(t, dialect)
      await story(site.ctx)
      const longPath = `/${'a'.repeat(2100)}`
      const longSlug = `/2026/11/17/${'b'.repeat(2100)}`
      const longQuery = `/news?utm_source=${'x'.repeat(2100)}`
      for (const path of [longPath, longSlug]) {
        for (let round = 0; round < 2; round++) {
          const response = await raw(site, path)
          assert.equal(response.status, 404, path.slice(0, 20))
          assert.equal(header(response, 'cache-control'), 'no-store')
        }
      }
      const before = site.renders()
      for (let round = 0; round < 2; round++) {
        const response = await raw(site, longQuery)
        assert.equal(response.status, 200)
        assert.equal(header(response, 'etag'), '', 'not stored')
      }
      assert.equal(site.renders(), before + 2, 'rendered each time')
      assert.equal(site.cachedPages(), 0)
    })

    test('?reply=<unknown id> and ?comments=<no such page> are never cached', async (t) => {
      const site = await setup(t, dialect)
      const path = pathOf(await story(site.ctx))
      await cached(site, path)
      const entries = site.cachedPages()
      for (let round = 0; round < 3; round++) {
        const reply = await raw(site, `${path}?reply=${randomUUID()}`)
        assert.equal(reply.status, 200)
        assert.equal(header(reply, 'etag'), '')
        const comments = await raw(site, `${path}?comments=99`)
        assert.equal(comments.status, 404)
        assert.equal(header(comments, 'cache-control'), 'no-store')
      }
      assert.equal(site.cachedPages(), entries)
    })

    test('a page rendered for a signed-in editor is never stored, nor served to readers', async (t) => {
      const site = await setup(t, dialect)
      const path = pathOf(await story(site.ctx))
      const editor = await signedIn(site, await createStaff(site.ctx, 'editor'))
      const session = editor.cookies.get(SESSION_COOKIE)
      assert.ok(session)
      // The editor's browser sends its cookies to the public site too (another path, a proxy…).
      const cookie = [...editor.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
      for (const sent of [
        cookie,
        `${SESSION_COOKIE}=${session}`,
        `theme=dark;${SESSION_COOKIE}=x`,
      ]) {
        const forEditor = await raw(site, path, { cookie: sent })
        assert.equal(forEditor.status, 200)
        assert.equal(header(forEditor, 'etag'), '', 'not stored')
        assert.equal(header(forEditor, 'cache-control'), 'private, no-store')
        assert.equal(site.cachedPages(), 0, "the editor's request added nothing")
      }
      // A reader's first request is a render of its own, then cached for readers.
      const before = site.renders()
      const reader = await raw(site, path)
      assert.equal(site.renders(), before + 1, "the reader did not get the editor's page")
      assert.equal(header(reader, 'cache-control'), PUBLIC_CACHE_CONTROL)
      assert.ok(header(reader, 'etag'))
      assert.equal(site.cachedPages(), 1)
      // Once cached, the editor still gets a page rendered for the request, never stored.
      const again = await raw(site, path, { cookie })
      assert.equal(site.renders(), before + 2)
      assert.equal(header(again, 'cache-control'), 'private, no-store')
      assert.equal(header(await raw(site, path), 'etag'), header(reader, 'etag'))
      assert.equal(site.cachedPages(), 1)
    })

    test('answers to POSTs and error pages are no-store and never cached; admin pages are private', async (t) => {
      const site = await setup(t, dialect)
      const path = pathOf(await story(site.ctx))
      await cached(site, path)
      const entries = site.cachedPages()

      // A comment without a form token is refused, re-showing the form: private, not stored.
      const refused = await fetch(`${site.server.url}${path}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Ingrid&body=Hello+there&_csrf=nope',
        redirect: 'manual',
      })
      assert.ok(refused.status >= 400, `refused (${refused.status})`)
      assert.equal(refused.headers.get('cache-control'), 'private, no-store')
      assert.equal(refused.headers.get('etag'), null)
      // A POST to the address of a page.
      const posted = await fetch(`${site.server.url}/news`, { method: 'POST', redirect: 'manual' })
      assert.equal(posted.status, 404)
      assert.match(posted.headers.get('cache-control') ?? '', /no-store/)

      for (const missing of [
        '/no-such-section',
        '/authors/nobody',
        '/tags/none',
        '/2026/11/17/none',
      ]) {
        for (let round = 0; round < 2; round++) {
          const response = await raw(site, missing)
          assert.equal(response.status, 404, missing)
          assert.equal(header(response, 'cache-control'), 'no-store', missing)
          assert.equal(header(response, 'etag'), '', missing)
        }
      }
      assert.equal(site.cachedPages(), entries, 'nothing was added')
      // The cached page is still what it was.
      assert.equal((await raw(site, path)).status, 200)

      const login = await raw(site, '/admin/login')
      assert.equal(login.status, 200)
      assert.equal(header(login, 'cache-control'), 'private, no-store')
      const admin = await signedIn(site, await createStaff(site.ctx, 'editor'))
      for (const adminPath of ['/admin', '/admin/comments', `/admin/articles/new`]) {
        const page = await admin.get(adminPath)
        assert.equal(page.status, 200, adminPath)
        assert.equal(page.response.headers.get('cache-control'), 'private, no-store', adminPath)
        assert.equal(page.response.headers.get('etag'), null, adminPath)
      }
      assert.equal(site.cachedPages(), entries)
    })

    test('the comment token endpoint answers a fresh token each time, private and never cached', async (t) => {
      const site = await setup(t, dialect)
      const path = pathOf(await story(site.ctx))
      await cached(site, path)
      const entries = site.cachedPages()
      const tokens: string[] = []
      for (let round = 0; round < 3; round++) {
        site.ctx.clock.advance(1000)
        const response = await raw(site, `${path}/comments/token`)
        assert.equal(response.status, 200)
        assert.equal(header(response, 'cache-control'), 'private, no-store')
        assert.equal(header(response, 'etag'), '')
        const { token } = JSON.parse(response.text) as { token: string }
        assert.ok(token)
        tokens.push(token)
      }
      assert.equal(new Set(tokens).size, 3, 'each token is made for its request')
      assert.equal(site.cachedPages(), entries)
      const missing = await raw(site, '/2026/11/17/no-such-story/comments/token')
      assert.equal(missing.status, 404)
    })
  })

  describe(`page cache: lifetime and size (${dialect})`, () => {
    test('a page older than PAGE_CACHE_TTL_SECONDS is rendered again', async (t) => {
      const site = await setup(t, dialect, { PAGE_CACHE_TTL_SECONDS: '1' })
      await story(site.ctx)
      await cached(site, '/news')
      // The cache keeps time by the context's clock: a second later is still fresh, past it is not.
      site.ctx.clock.advance(1000)
      const fresh = site.renders()
      await fetchPage(site, '/news')
      assert.equal(site.renders(), fresh, 'served from the cache up to the TTL')
      site.ctx.clock.advance(1)
      const before = site.renders()
      const again = await fetchPage(site, '/news')
      assert.equal(again.status, 200)
      assert.equal(site.renders(), before + 1, 'rendered again after the TTL')
      const after = await fetchPage(site, '/news')
      assert.equal(site.renders(), before + 1, 'and cached again')
      assert.equal(after.etag, again.etag)
    })

    test('a clock set back does not keep a page longer: it is rendered again', async (t) => {
      const site = await setup(t, dialect, { PAGE_CACHE_TTL_SECONDS: '60' })
      await story(site.ctx)
      await cached(site, '/news')
      site.ctx.clock.advance(-1000)
      const before = site.renders()
      assert.equal((await fetchPage(site, '/news')).status, 200)
      assert.equal(site.renders(), before + 1, 'rendered again')
    })

    test('PAGE_CACHE_MB=0 turns the cache off: every GET renders, with no ETag', async (t) => {
      const site = await setup(t, dialect, { PAGE_CACHE_MB: '0' })
      const article = await story(site.ctx)
      for (const path of pagesShowing(article)) {
        const before = site.renders()
        for (let round = 0; round < 2; round++) {
          const response = await raw(site, path, { 'accept-encoding': 'gzip, br' })
          assert.equal(response.status, 200, path)
          assert.equal(header(response, 'etag'), '', path)
          assert.equal(header(response, 'content-encoding'), '', path)
          assert.equal(header(response, 'cache-control'), PUBLIC_CACHE_CONTROL, path)
          const conditional = await raw(site, path, { 'if-none-match': '*' })
          assert.equal(conditional.status, 200, path)
        }
        assert.equal(site.renders(), before + 4, `${path} rendered every time`)
      }
      assert.equal(site.cachedPages(), 0)
    })

    test('the cache holds no more than PAGE_CACHE_MB: the least recently used go first', async (t) => {
      // 8 KiB: an empty section page takes a few KiB, with the compressed copy its reader asked for.
      const limit = 8 * 1024
      const site = await setup(t, dialect, { PAGE_CACHE_MB: String(limit / (1024 * 1024)) })
      const paths = [
        '/news',
        '/politics',
        '/features',
        '/arts',
        '/entertainment',
        '/society',
        '/sport',
      ]
      for (const path of paths) {
        await fetchPage(site, path)
        assert.ok(site.server.app.pageCache.size.bytes <= limit, `${path}: within the limit`)
      }
      const held = site.cachedPages()
      assert.ok(held > 0 && held < paths.length, `${held} of ${paths.length} pages kept`)
      // The most recent is kept; the first has gone.
      const before = site.renders()
      await fetchPage(site, '/sport')
      assert.equal(site.renders(), before)
      await fetchPage(site, '/news')
      assert.equal(site.renders(), before + 1)
    })
  })
}
