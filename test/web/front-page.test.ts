// The arranged front page over real HTTP on both databases, with the page
// cache on: every change an editor makes shows on the next GET, and pins and
// banners run out by the injected clock.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { AdminClient, createStaff } from './admin-session.js'
import { pathOf, textOf } from './html.js'

const HOUR = 3_600_000

interface Site {
  ctx: TestAppContext
  server: TestServer
  editor: AdminClient
  /** Oldest first: stories[0] is the oldest, the last the newest. */
  stories: Article[]
}

async function setup(
  t: TestContext,
  dialect: DialectName,
  count = 8,
  pageCacheMb = '8',
): Promise<Site> {
  const ctx = await createTestContext(t, dialect, { PAGE_CACHE_MB: pageCacheMb })
  const server = await startTestServer(t, ctx)
  const sections = ['news', 'politics', 'sport']
  const stories: Article[] = []
  for (let index = 0; index < count; index++) {
    ctx.clock.advance(60_000)
    const { article } = await importArticle(
      ctx,
      { headline: `Story ${index} from the quay`, dateLine: '' },
      { sectionSlug: sections[index % sections.length] ?? 'news' },
    )
    stories.push(article)
  }
  const editor = new AdminClient(server.url)
  await editor.signInAs(await createStaff(ctx, 'editor'))
  return { ctx, server, editor, stories }
}

/** The home page as a reader gets it: the lead's headline, the top stories', the blocks'. */
async function front(site: Site) {
  const { document, response, html } = await site.server.page('/')
  assert.equal(response.status, 200)
  return {
    html,
    lead: textOf(document.querySelector('.lead-story h2')),
    top: document.querySelectorAll('.top-stories h3').map((h) => textOf(h)),
    blocks: document.querySelectorAll('.section-block h2').map((h) => textOf(h)),
    banner: textOf(document.querySelector('.breaking')),
  }
}

function story(site: Site, index: number): Article {
  const found = site.stories[index]
  assert.ok(found)
  return found
}

for (const dialect of testDialects()) {
  describe(`the arranged front page (${dialect})`, () => {
    test('untended, the newest leads; a placed story leads at once, and the rest fill by recency', async (t) => {
      const site = await setup(t, dialect)
      assert.equal((await front(site)).lead, 'Story 7 from the quay')

      const old = story(site, 1)
      const placed = await site.editor.post('/admin/front-page/stories', {
        article_id: old.id,
        hours: '',
      })
      assert.equal(placed.status, 303)
      const after = await front(site)
      assert.equal(after.lead, old.headline)
      assert.deepEqual(after.top, [
        'Story 7 from the quay',
        'Story 6 from the quay',
        'Story 5 from the quay',
        'Story 4 from the quay',
      ])

      // A second placed story, made the lead with the no-JavaScript button.
      const other = story(site, 2)
      await site.editor.post('/admin/front-page/stories', { article_id: other.id, hours: '' })
      assert.equal((await front(site)).top[0], other.headline)
      const moved = await site.editor.post(`/admin/front-page/stories/${other.id}/move`, {
        direction: 'lead',
      })
      assert.equal(moved.status, 303)
      const now = await front(site)
      assert.equal(now.lead, other.headline)
      assert.equal(now.top[0], old.headline)

      // The whole order at once, as the page's script sends it.
      await site.editor.post('/admin/front-page/order', { order: `${old.id},${other.id}` })
      assert.equal((await front(site)).lead, old.headline)

      const audit = await site.ctx.services.audit.list(COMMAND_LINE, 1)
      const actions = audit.items.map((event) => event.action)
      assert.ok(actions.filter((action) => action === 'front_page_arranged').length >= 4)
    })

    test('a pinned story leaves the front page when its pin runs out, cached or not', async (t) => {
      const site = await setup(t, dialect)
      const old = story(site, 0)
      await site.editor.post('/admin/front-page/stories', { article_id: old.id, hours: '1' })
      assert.equal((await front(site)).lead, old.headline)
      // Served from the cache now.
      assert.equal((await front(site)).lead, old.headline)
      site.ctx.clock.advance(HOUR - 1000)
      assert.equal((await front(site)).lead, old.headline)
      site.ctx.clock.advance(2000)
      const after = await front(site)
      assert.equal(after.lead, 'Story 7 from the quay')
      assert.ok(!after.top.includes(old.headline))
    })

    test('unpublished and deleted placed stories drop out; published again, it comes back', async (t) => {
      const site = await setup(t, dialect)
      const [first, second] = [story(site, 0), story(site, 1)]
      for (const { id } of [first, second]) {
        await site.ctx.services.frontPage.place(COMMAND_LINE, id, null)
      }
      assert.equal((await front(site)).lead, first.headline)
      const off = await site.ctx.services.workflow.transition(COMMAND_LINE, first.id, {
        transition: 'unpublish',
        baseVersion: first.version,
      })
      assert.equal((await front(site)).lead, second.headline)
      await site.ctx.services.workflow.transition(COMMAND_LINE, first.id, {
        transition: 'publish',
        baseVersion: off.version,
      })
      assert.equal((await front(site)).lead, first.headline)
      const current = await site.ctx.stores.articles.findById(second.id)
      await site.ctx.services.workflow.transition(COMMAND_LINE, second.id, {
        transition: 'unpublish',
        baseVersion: current?.version ?? 0,
      })
      await site.ctx.services.editing.remove(COMMAND_LINE, second.id)
      const after = await front(site)
      assert.ok(!after.html.includes(second.headline))
      assert.equal((await site.ctx.stores.frontPage.placements()).length, 1)
    })

    // With the page cache off, every page is still kept whole per banner (plugins/render.tsx).
    for (const [cache, megabytes] of [
      ['on', '8'],
      ['off', '0'],
    ] as const) {
      test(`the breaking-news banner shows on every page at once and goes when it expires (page cache ${cache})`, async (t) => {
        const site = await setup(t, dialect, 8, megabytes)
        const linked = story(site, 3)
        const article = pathOf(linked)
        // Cached before the banner goes up.
        await site.server.page(article)
        await site.server.page('/news')
        const raised = await site.editor.post('/admin/front-page/banner', {
          text: 'Sea wall breached at the north quay',
          article_id: linked.id,
          hours: '2',
        })
        assert.equal(raised.status, 303)
        for (const path of ['/', '/news', article, '/search?q=quay']) {
          const { document } = await site.server.page(path)
          const banner = document.querySelector('.breaking')
          assert.match(textOf(banner), /Breaking Sea wall breached at the north quay/, path)
          assert.equal(banner?.querySelector('a')?.getAttribute('href'), article, path)
        }
        site.ctx.clock.advance(2 * HOUR)
        for (const path of ['/', '/news', article]) {
          const { document } = await site.server.page(path)
          assert.equal(document.querySelector('.breaking'), null, path)
        }

        // Lowered by hand before it expires (signed in again: two idle hours ended the session).
        await site.editor.signInAs(await createStaff(site.ctx, 'editor'))
        await site.editor.post('/admin/front-page/banner', {
          text: 'Again',
          article_id: '',
          hours: '1',
        })
        assert.match((await front(site)).banner, /Again/)
        assert.equal((await site.editor.post('/admin/front-page/banner/lower', {})).status, 303)
        assert.equal((await front(site)).banner, '')
      })
    }

    test("section blocks: the editors' order, and hidden ones left out", async (t) => {
      const site = await setup(t, dialect, 24)
      const before = (await front(site)).blocks
      assert.deepEqual(before, ['News', 'Politics', 'Sport'])
      const moved = await site.editor.post('/admin/front-page/sections/politics/move', {
        direction: 'up',
      })
      assert.equal(moved.status, 303)
      assert.deepEqual((await front(site)).blocks, ['Politics', 'News', 'Sport'])
      await site.editor.post('/admin/front-page/sections/news/show', { shown: 'no' })
      assert.deepEqual((await front(site)).blocks, ['Politics', 'Sport'])
      // The section's own page and the navigation stay.
      assert.equal((await site.server.get('/news')).status, 200)
      const desk = await site.editor.request('GET', '/admin/front-page')
      assert.match(textOf(desk.document.querySelector('#block-news')), /hidden/)
    })

    test('bad input is a clear 4xx, and changes nothing', async (t) => {
      const site = await setup(t, dialect, 7)
      const draft = await site.ctx.services.editing.createDraft(COMMAND_LINE, {
        headline: 'A draft',
        standfirst: '',
        dateline: '',
        body: 'Notes.',
        keyPoints: [],
        sectionSlug: 'news',
        bylines: ['Ada Brekke'],
        tags: [],
        slug: '',
      })
      const cases: [string, Record<string, string>, number][] = [
        ['/admin/front-page/stories', { article_id: 'nonsense', hours: '' }, 422],
        ['/admin/front-page/stories', { article_id: draft.id, hours: '' }, 422],
        ['/admin/front-page/stories', { article_id: story(site, 0).id, hours: '0' }, 422],
        ['/admin/front-page/stories', { article_id: story(site, 0).id, hours: '9999' }, 422],
        ['/admin/front-page/stories', { article_id: story(site, 0).id, hours: 'soon' }, 422],
        ['/admin/front-page/banner', { text: '', article_id: '', hours: '1' }, 422],
        ['/admin/front-page/banner', { text: 'x'.repeat(161), article_id: '', hours: '1' }, 422],
        ['/admin/front-page/banner', { text: 'Fine', article_id: draft.id, hours: '1' }, 422],
        ['/admin/front-page/banner', { text: 'Fine', article_id: '', hours: '' }, 422],
        ['/admin/front-page/banner/lower', {}, 404],
        [`/admin/front-page/stories/${story(site, 0).id}/move`, { direction: 'up' }, 404],
        ['/admin/front-page/stories/not-an-id/pin', { hours: '1' }, 404],
        ['/admin/front-page/sections/nowhere/move', { direction: 'up' }, 404],
        ['/admin/front-page/sections/news/move', { direction: 'sideways' }, 422],
        ['/admin/front-page/sections/news/show', { shown: 'maybe' }, 422],
      ]
      for (const [path, form, status] of cases) {
        const answer = await site.editor.post(path, form)
        assert.equal(answer.status, status, `${path} ${JSON.stringify(form)}`)
        if (status !== 404) {
          assert.ok(answer.document.querySelector('[role=alert]'), `${path}: says what is wrong`)
        }
      }
      // Without the CSRF token, nothing happens.
      const forged = await site.editor.post('/admin/front-page/stories', {
        _csrf: 'forged',
        article_id: story(site, 0).id,
        hours: '',
      })
      assert.equal(forged.status, 403)

      // The front page holds five arranged stories; a sixth is refused.
      for (let index = 0; index < 5; index++) {
        await site.ctx.services.frontPage.place(COMMAND_LINE, story(site, index).id, null)
      }
      const sixth = await site.editor.post('/admin/front-page/stories', {
        article_id: story(site, 5).id,
        hours: '',
      })
      assert.equal(sixth.status, 409)
      // An order naming other stories than those arranged (another editor changed them) is refused.
      const stale = await site.editor.post('/admin/front-page/order', {
        order: `${story(site, 0).id},${story(site, 1).id}`,
      })
      assert.equal(stale.status, 409)
      assert.equal((await site.ctx.stores.frontPage.placements()).length, 5)
      assert.equal(await site.ctx.stores.frontPage.banner(), undefined)
    })

    test('the home page has one page: /?page=2 and on are missing, like past the end of a listing', async (t) => {
      const site = await setup(t, dialect, 2)
      for (const path of ['/?page=2', '/?page=99', '/?page=abc', '/news?page=99']) {
        assert.equal((await site.server.get(path)).status, 404, path)
      }
      assert.equal((await site.server.get('/?page=1')).status, 200)
    })
  })
}
