// The home page and listings outside the page cache (cache off, and a signed-in
// editor, who is never served a cached page) over real HTTP on both databases.
// Their stories are read once per change of the site and their cards kept as
// HTML (web/public/public-reads.ts, web/ui/fragments.tsx): every change
// readers can see shows on the next page all the same, and pins run out by
// the injected clock.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import type { TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle, inputOf } from '../helpers/factories.js'
import { photo } from '../helpers/images.js'
import { createMediaContext } from '../helpers/media.js'
import { AdminClient, createStaff, SESSION_COOKIE } from './admin-session.js'
import { textOf } from './html.js'

const HOUR = 3_600_000

interface Site {
  ctx: TestAppContext
  server: TestServer
  /** The Cookie header of a signed-in editor. */
  editorCookie: string
  /** Oldest first. */
  stories: Article[]
  /** Statements run since the count was last reset. */
  queries: { count: number }
}

async function setup(t: TestContext, dialect: DialectName, count = 9): Promise<Site> {
  const queries = { count: 0 }
  const { ctx } = await createMediaContext(
    t,
    dialect,
    'folder',
    { PAGE_CACHE_MB: '0' },
    { onQuery: () => queries.count++ },
  )
  const server = await startTestServer(t, ctx)
  const sections = ['news', 'politics', 'sport']
  const stories: Article[] = []
  for (let index = 0; index < count; index++) {
    ctx.clock.advance(60_000)
    const { article } = await importArticle(
      ctx,
      { headline: `Story ${index} from the quay`, dateLine: '' },
      { sectionSlug: sections[index % sections.length] ?? 'news', tags: ['Harbours'] },
    )
    stories.push(article)
  }
  const editor = new AdminClient(server.url)
  await editor.signInAs(await createStaff(ctx, 'editor'))
  const session = editor.cookies.get(SESSION_COOKIE)
  assert.ok(session, 'the editor is signed in')
  return { ctx, server, editorCookie: `${SESSION_COOKIE}=${session}`, stories, queries }
}

/** A page as a reader gets it and as the signed-in editor does: the same page, uncached. */
async function both(site: Site, path: string) {
  const reader = await site.server.page(path)
  const editor = await site.server.page(path, { headers: { cookie: site.editorCookie } })
  assert.equal(reader.response.status, 200, path)
  assert.equal(editor.response.status, 200, path)
  assert.equal(editor.response.headers.get('cache-control'), 'private, no-store')
  assert.equal(editor.html, reader.html, `${path}: the editor reads what readers read`)
  return reader
}

/** The home page's lead, top stories, section blocks and every headline on it. */
async function front(site: Site) {
  const { document, html } = await both(site, '/')
  return {
    html,
    lead: textOf(document.querySelector('.lead-story h2')),
    top: document.querySelectorAll('.top-stories h3').map((h) => textOf(h)),
    kickers: document.querySelectorAll('.top-stories .kicker').map((p) => textOf(p)),
    blocks: document.querySelectorAll('.section-block h2').map((h) => textOf(h)),
  }
}

/** Headlines on a listing page, in order. */
async function listed(site: Site, path: string): Promise<string[]> {
  const { document } = await both(site, path)
  return document.querySelectorAll('.stack h2').map((h) => textOf(h))
}

const LISTINGS = ['/news', '/authors/ada-brekke', '/tags/harbours']

function story(site: Site, index: number): Article {
  const found = site.stories[index]
  assert.ok(found)
  return found
}

async function publishNew(site: Site, headline: string, extra: { leadImageId?: string } = {}) {
  site.ctx.clock.advance(60_000)
  const draft = await site.ctx.services.editing.createDraft(COMMAND_LINE, {
    headline,
    standfirst: 'Fresh off the quay.',
    dateline: '',
    body: 'The tide came in.',
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: ['Harbours'],
    slug: '',
    ...extra,
  })
  return site.ctx.services.workflow.transition(COMMAND_LINE, draft.id, {
    transition: 'publish',
    baseVersion: draft.version,
  })
}

for (const dialect of testDialects()) {
  describe(`the home page and listings outside the page cache (${dialect})`, () => {
    test('their stories are read once per change, not once per page', async (t) => {
      const site = await setup(t, dialect)
      for (const path of ['/', ...LISTINGS]) {
        await both(site, path)
        site.queries.count = 0
        await both(site, path)
        assert.equal(site.queries.count, 0, `${path}: read again though nothing changed`)
      }
      await publishNew(site, 'Ferry timetable changes')
      site.queries.count = 0
      assert.equal((await front(site)).lead, 'Ferry timetable changes')
      assert.ok(site.queries.count > 0, 'a change reads the stories again')
    })

    test('a story published, edited and unpublished shows at once, on the home page and every listing', async (t) => {
      const site = await setup(t, dialect)
      for (const path of ['/', ...LISTINGS]) await both(site, path)

      const published = await publishNew(site, 'Ferry timetable changes')
      assert.equal((await front(site)).lead, 'Ferry timetable changes')
      for (const path of LISTINGS) {
        assert.equal((await listed(site, path))[0], 'Ferry timetable changes', path)
      }

      const edited = await site.ctx.services.editing.save(
        COMMAND_LINE,
        published.id,
        inputOf(published, { headline: 'Ferry timetable changes from Monday' }),
        { baseVersion: published.version },
      )
      const after = await front(site)
      assert.equal(after.lead, 'Ferry timetable changes from Monday')
      assert.ok(!after.html.includes('Ferry timetable changes<'), 'no card keeps the old headline')
      for (const path of LISTINGS) {
        assert.equal((await listed(site, path))[0], 'Ferry timetable changes from Monday', path)
      }

      await site.ctx.services.workflow.transition(COMMAND_LINE, published.id, {
        transition: 'unpublish',
        baseVersion: edited.version,
      })
      const gone = await front(site)
      assert.equal(gone.lead, 'Story 8 from the quay')
      assert.ok(!gone.html.includes('Ferry timetable'))
      for (const path of LISTINGS) {
        assert.ok(!(await listed(site, path)).some((h) => h.startsWith('Ferry')), path)
      }
    })

    test('a story placed, pinned and its pin run out: the clock ends the pin without a change', async (t) => {
      const site = await setup(t, dialect)
      const old = story(site, 0)
      assert.equal((await front(site)).lead, 'Story 8 from the quay')

      await site.ctx.services.frontPage.place(COMMAND_LINE, old.id, 1)
      assert.equal((await front(site)).lead, old.headline)
      site.ctx.clock.advance(HOUR - 1000)
      assert.equal((await front(site)).lead, old.headline, 'still pinned a second before')
      site.ctx.clock.advance(1000)
      const after = await front(site)
      assert.equal(after.lead, 'Story 8 from the quay')
      assert.ok(!after.top.includes(old.headline))

      // Placed again for good, then moved below a second story made the lead.
      await site.ctx.services.frontPage.place(COMMAND_LINE, old.id, null)
      const other = story(site, 1)
      await site.ctx.services.frontPage.place(COMMAND_LINE, other.id, null)
      assert.deepEqual((await front(site)).top.slice(0, 1), [other.headline])
      await site.ctx.services.frontPage.move(COMMAND_LINE, other.id, 'lead')
      const moved = await front(site)
      assert.equal(moved.lead, other.headline)
      assert.equal(moved.top[0], old.headline)
      // A pin set on a placed story runs out the same way.
      await site.ctx.services.frontPage.pin(COMMAND_LINE, other.id, 2)
      site.ctx.clock.advance(2 * HOUR)
      assert.equal((await front(site)).lead, old.headline)
    })

    test('section blocks moved and hidden, and a section renamed on every card that names it', async (t) => {
      const site = await setup(t, dialect, 24)
      assert.deepEqual((await front(site)).blocks, ['News', 'Politics', 'Sport'])
      await site.ctx.services.frontPage.moveSection(COMMAND_LINE, 'politics', 'up')
      assert.deepEqual((await front(site)).blocks, ['Politics', 'News', 'Sport'])
      await site.ctx.services.frontPage.showSection(COMMAND_LINE, 'news', false)
      assert.deepEqual((await front(site)).blocks, ['Politics', 'Sport'])

      // A rename changes no story's version: the cards that show the section's name still change.
      const before = await front(site)
      assert.ok(before.kickers.includes('Politics'))
      const tagged = await both(site, '/tags/harbours')
      assert.ok(
        tagged.document.querySelectorAll('.stack .kicker').some((p) => textOf(p) === 'Politics'),
      )
      await site.ctx.services.sections.rename(COMMAND_LINE, 'politics', 'Government')
      const after = await front(site)
      assert.deepEqual(after.blocks, ['Government', 'Sport'])
      assert.ok(after.kickers.includes('Government'))
      assert.ok(!after.kickers.includes('Politics'))
      const retagged = await both(site, '/tags/harbours')
      const kickers = retagged.document.querySelectorAll('.stack .kicker').map((p) => textOf(p))
      assert.ok(kickers.includes('Government') && !kickers.includes('Politics'))
    })

    test('a lead image given to a story, and its caption changed in the library, show at once', async (t) => {
      const site = await setup(t, dialect)
      const editor = await createStaff(site.ctx, 'editor', 'Eda Editor')
      const { item } = await site.ctx.services.media.upload(editor.actor, {
        bytes: await photo({ width: 1600, height: 1000, seed: 41 }),
        fileName: 'quay.jpg',
        fields: { alt: 'Boats at the quay', caption: 'The quay at dawn' },
      })
      const lead = story(site, 8)
      assert.equal((await front(site)).lead, lead.headline)
      assert.ok(!(await front(site)).html.includes('The quay at dawn'))

      await site.ctx.services.editing.save(
        COMMAND_LINE,
        lead.id,
        inputOf(lead, { leadImageId: item.id }),
        { baseVersion: lead.version },
      )
      const pictured = await both(site, '/')
      const figure = pictured.document.querySelector('.lead-story figure')
      assert.ok(figure, 'the lead story shows its picture')
      assert.equal(figure.querySelector('img')?.getAttribute('alt'), 'Boats at the quay')
      assert.match(textOf(figure), /The quay at dawn/)
      const listing = await both(site, '/tags/harbours')
      assert.ok(
        listing.document.querySelector('.stack .card-picture'),
        'its card in the listing too',
      )

      // The library's edit changes no story: the page still shows the new caption.
      await site.ctx.services.media.update(
        editor.actor,
        item.id,
        {
          alt: 'Boats at the quay',
          decorative: false,
          caption: 'The quay at low tide',
          credit: '',
          copyright: '',
          focalPoint: { x: 0.5, y: 0.5 },
        },
        { baseVersion: item.version },
      )
      const recaptioned = await both(site, '/')
      assert.match(textOf(recaptioned.document.querySelector('.lead-story figure')), /low tide/)
      assert.ok(!recaptioned.html.includes('The quay at dawn'))
    })
  })
}
