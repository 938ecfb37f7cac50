// The site's structure over HTTP: pages written in the newsroom and served at
// /pages/SLUG (not in feeds or search), menus arranged by editors, sections
// deleted into another, authors edited and merged, and the site's identity
// (name, accent, time zone) shown at once, on both databases.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { articlePath } from '../../src/web/ui/urls.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { photo } from '../helpers/images.js'
import { uuidv7 } from '../../src/domain/ids.js'
import { AdminClient, createStaff } from './admin-session.js'

type Shown = { body: { html: string } }

async function setup(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const editor = new AdminClient(server.url)
  await editor.signInAs(await createStaff(ctx, 'editor'))
  const admin = new AdminClient(server.url)
  await admin.signInAs(await createStaff(ctx, 'admin'))
  return { ctx, server, editor, admin }
}

async function redirectOf(server: TestServer, path: string): Promise<string> {
  const response = await server.get(path)
  await response.arrayBuffer()
  return response.status === 301 ? (response.headers.get('location') ?? '') : ''
}

/** The words of a public page's menu, in order. */
async function menuWords(server: TestServer, label: string): Promise<string[]> {
  const { document } = await server.page('/')
  const nav = document.querySelector(`nav[aria-label="${label}"]`)
  return (nav?.querySelectorAll('a') ?? []).map((link) => link.text.trim())
}

async function newPage(ctx: TestAppContext, slug: string, published = true) {
  return ctx.services.pages.create(COMMAND_LINE, {
    title: `The ${slug} page`,
    slug,
    description: '',
    body: `All about ${slug}: **plainly** put.`,
    published,
  })
}

for (const dialect of testDialects()) {
  describe(`site structure (${dialect})`, () => {
    test("a page's text shows library pictures as the article body does; a deleted one is left out", async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const { item } = await ctx.services.media.upload(COMMAND_LINE, {
        bytes: await photo({ width: 900, height: 600 }),
        fileName: 'newsroom.jpg',
        fields: { alt: 'The newsroom at night', caption: 'Where the paper is made.' },
      })
      await ctx.services.pages.create(COMMAND_LINE, {
        title: 'Our newsroom',
        slug: 'newsroom',
        description: '',
        body: `We work here.\n\n![The newsroom at night](media:${item.id})\n\n![Gone](media:${uuidv7(0)})`,
        published: true,
      })
      const { response, document } = await server.page('/pages/newsroom')
      assert.equal(response.status, 200)
      const pictures = document.querySelectorAll('.site-page picture')
      assert.equal(pictures.length, 1, 'the library picture, and not the missing one')
      const img = pictures[0]?.querySelector('img')
      assert.equal(img?.getAttribute('alt'), 'The newsroom at night')
      assert.match(img?.getAttribute('srcset') ?? '', /\/media\/[0-9a-f]{20}-640\.jpg 640w/)
      assert.equal(img?.getAttribute('width'), '900')
      assert.match(
        document.querySelector('.site-page figcaption')?.text ?? '',
        /Where the paper is made/,
      )
      // The Content API shows the same picture, one page or the list.
      const one = (await (await server.get('/api/v1/pages/newsroom')).json()) as Shown
      const list = (await (await server.get('/api/v1/pages')).json()) as { items: Shown[] }
      for (const shown of [one, ...list.items]) {
        assert.match(shown.body.html, /<picture>.*alt="The newsroom at night"/s)
        assert.doesNotMatch(shown.body.html, /Gone/)
      }
    })

    test('a page written in the newsroom is served at /pages/SLUG, with its versions, and stays out of feeds and search', async (t) => {
      const { ctx, server, editor } = await setup(t, dialect)
      const created = await editor.post('/admin/pages', {
        title: 'About us',
        slug: '',
        description: 'Who we are.',
        body: 'We report the *news*.',
        published: 'yes',
        version: 0,
      })
      assert.equal(created.status, 303)
      const id = /\/admin\/pages\/([^?]+)/.exec(created.location)?.[1] ?? ''
      const first = await server.page('/pages/about-us')
      assert.equal(first.response.status, 200)
      assert.equal(first.document.querySelector('h1')?.text, 'About us')
      assert.equal(first.document.querySelector('.story-body em')?.text, 'news')

      const saved = await editor.post(`/admin/pages/${id}`, {
        title: 'About us',
        description: '',
        body: 'We report the news, every day.',
        published: 'yes',
        version: 1,
      })
      assert.equal(saved.status, 303)
      assert.match((await server.page('/pages/about-us')).html, /every day/)
      // A save from the version before is refused, and says so.
      const stale = await editor.post(`/admin/pages/${id}`, {
        title: 'About us',
        description: '',
        body: 'Old text.',
        version: 1,
      })
      assert.equal(stale.status, 409)
      const restored = await editor.post(`/admin/pages/${id}/restore`, { version: 1 })
      assert.equal(restored.status, 303)
      assert.match((await server.page('/pages/about-us')).html, /report the <em>news<\/em>/)
      const history = await editor.get(`/admin/pages/${id}`)
      assert.match(history.html, /Version 3/)

      // Not in the feeds, nor search, nor the news sitemap; a draft page is not found.
      for (const path of ['/feed.rss', '/feed.json', '/sitemaps/news.xml', '/search?q=report']) {
        const body = await (await server.get(path)).text()
        assert.doesNotMatch(body, /About us|every day|pages\/about-us/, path)
      }
      await newPage(ctx, 'unfinished', false)
      assert.equal((await server.get('/pages/unfinished')).status, 404)
      assert.equal((await server.get('/pages/no-such-page')).status, 404)
    })

    test('bad page input is a 4xx naming what is wrong', async (t) => {
      const { ctx, editor } = await setup(t, dialect)
      const base = { title: 'T', slug: '', description: '', body: 'Text.', version: 0 }
      for (const [form, code] of [
        [{ ...base, title: '   ' }, 422],
        [{ ...base, title: 'x'.repeat(151) }, 422],
        [{ ...base, body: '' }, 422],
        [{ ...base, slug: 'Not A Slug' }, 422],
      ] as const) {
        const page = await editor.post('/admin/pages', form)
        assert.equal(page.status, code, JSON.stringify(form).slice(0, 60))
        assert.ok(page.document.querySelector('.problem'))
      }
      await newPage(ctx, 'taken')
      assert.equal((await editor.post('/admin/pages', { ...base, slug: 'taken' })).status, 409)
    })

    test('editors arrange the menus: order, pages and links show on the site at once; javascript: is refused', async (t) => {
      const { ctx, server, editor } = await setup(t, dialect)
      const words = await menuWords(server, 'Sections')
      assert.deepEqual(words.slice(0, 2), ['News', 'Politics'])
      const entries = await ctx.services.menus.entries(COMMAND_LINE)
      const politics = entries.find((e) => e.menu === 'main' && e.name === 'Politics')
      assert.ok(politics)
      assert.equal(
        (await editor.post(`/admin/menus/${politics.id}/move`, { direction: 'up' })).status,
        303,
      )
      assert.deepEqual((await menuWords(server, 'Sections')).slice(0, 2), ['Politics', 'News'])

      // Hiding a section: out of the navigation, its page still there.
      const sport = entries.find((e) => e.menu === 'main' && e.name === 'Sport')
      assert.ok(sport)
      assert.equal((await editor.post(`/admin/menus/${sport.id}/remove`, {})).status, 303)
      assert.ok(!(await menuWords(server, 'Sections')).includes('Sport'))
      assert.equal((await server.get('/sport')).status, 200)

      const page = await newPage(ctx, 'contact')
      const added = await editor.post('/admin/menus', {
        menu: 'footer',
        kind: 'page',
        target: page.id,
        label: '',
      })
      assert.equal(added.status, 303)
      const link = await editor.post('/admin/menus', {
        menu: 'footer',
        kind: 'link',
        label: 'Shop',
        url: 'https://shop.example.com/',
      })
      assert.equal(link.status, 303)
      const footer = await menuWords(server, 'Site (footer)')
      assert.deepEqual(footer.slice(-2), ['The contact page', 'Shop'])

      for (const url of [
        'javascript:alert(1)',
        'java\tscript:alert(1)',
        'data:text/html,x',
        '//evil.example',
      ]) {
        const refused = await editor.post('/admin/menus', {
          menu: 'main',
          kind: 'link',
          label: 'X',
          url,
        })
        assert.equal(refused.status, 422, url)
      }
      const noWords = await editor.post('/admin/menus', {
        menu: 'main',
        kind: 'link',
        label: '',
        url: '/x',
      })
      assert.equal(noWords.status, 422)
      const badMenu = await editor.post('/admin/menus', {
        menu: 'side',
        kind: 'link',
        label: 'X',
        url: '/x',
      })
      assert.equal(badMenu.status, 422)
    })

    test('deleting a section moves its articles to the one chosen, and its page and feeds redirect there', async (t) => {
      const { ctx, server, admin } = await setup(t, dialect)
      const { article } = await importArticle(
        ctx,
        { headline: 'Cup final tickets go on sale' },
        { sectionSlug: 'sport' },
      )
      const into = await admin.post('/admin/sections/delete', {
        slug: 'sport',
        into: 'sport',
        confirm: 'yes',
      })
      assert.equal(into.status, 422)
      const unconfirmed = await admin.post('/admin/sections/delete', {
        slug: 'sport',
        into: 'news',
      })
      assert.equal(unconfirmed.status, 422)
      const deleted = await admin.post('/admin/sections/delete', {
        slug: 'sport',
        into: 'news',
        confirm: 'yes',
      })
      assert.equal(deleted.status, 303)
      assert.equal((await ctx.stores.articles.findById(article.id))?.section.slug, 'news')
      assert.equal(await redirectOf(server, '/sport'), '/news')
      assert.equal(await redirectOf(server, '/sport/feed.atom'), '/news/feed.atom')
      assert.ok(!(await menuWords(server, 'Sections')).includes('Sport'))
      const news = await server.page('/news')
      assert.match(news.html, /Cup final tickets go on sale/)
    })

    test('editors edit any author; merging a typo moves its bylines and redirects its page', async (t) => {
      const { ctx, server, editor } = await setup(t, dialect)
      const { article } = await importArticle(ctx, {
        headline: 'Tide tables',
        bylines: ['Ada Brekkke'],
      })
      await importArticle(ctx, { headline: 'Harbour news', bylines: ['Ada Brekke'] })
      const profile = await editor.post('/admin/authors/ada-brekke/profile', {
        name: 'Ada Brekke',
        bio: 'Covers the harbour.',
        link_label: ['Her site', ''],
        link_url: ['https://ada.example.com/', ''],
      })
      assert.equal(profile.status, 303)
      const page = await server.page('/authors/ada-brekke')
      assert.match(page.html, /Covers the harbour/)

      assert.equal(
        (await editor.post('/admin/authors/ada-brekke/profile', { name: ' ', bio: '' })).status,
        422,
      )
      assert.equal(
        (
          await editor.post('/admin/authors/ada-brekke/profile', {
            name: 'Ada',
            bio: 'x'.repeat(2001),
          })
        ).status,
        422,
      )
      const badLink = await editor.post('/admin/authors/ada-brekke/profile', {
        name: 'Ada Brekke',
        bio: '',
        link_label: 'Mine',
        link_url: 'javascript:alert(1)',
      })
      assert.equal(badLink.status, 422)
      const self = await editor.post('/admin/authors/ada-brekkke/merge', {
        into: 'ada-brekkke',
        confirm: 'yes',
      })
      assert.equal(self.status, 422)

      const merged = await editor.post('/admin/authors/ada-brekkke/merge', {
        into: 'ada-brekke',
        confirm: 'yes',
      })
      assert.equal(merged.status, 303)
      const moved = await ctx.stores.articles.findById(article.id)
      assert.deepEqual(
        moved?.bylines.map((b) => b.slug),
        ['ada-brekke'],
      )
      assert.equal(await redirectOf(server, '/authors/ada-brekkke'), '/authors/ada-brekke')
      assert.equal(
        await redirectOf(server, '/authors/ada-brekkke/feed.rss'),
        '/authors/ada-brekke/feed.rss',
      )
      assert.match((await server.page('/authors/ada-brekke')).html, /Tide tables/)
      const found = await (await server.get('/search?q=Tide+tables')).text()
      assert.match(found, /Ada Brekke\b/)
    })

    test('staff edit their own profile', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const writer = await createStaff(ctx, 'contributor')
      const client = new AdminClient(server.url)
      await client.signInAs(writer)
      const saved = await client.post('/admin/account/profile', {
        name: writer.user.displayName,
        bio: 'I write about rivers.',
        link_label: 'Mastodon',
        link_url: 'https://social.example/@me',
        photo: '',
        intent: 'save',
      })
      assert.equal(saved.status, 303)
      const author = await ctx.services.authorEditing.ownProfile(writer.actor)
      assert.equal(author?.bio, 'I write about rivers.')
      assert.deepEqual(author?.links, [{ label: 'Mastodon', url: 'https://social.example/@me' }])
      const empty = await client.post('/admin/account/profile', {
        name: '',
        bio: '',
        photo: '',
        intent: 'save',
      })
      assert.equal(empty.status, 422)
    })

    test("the site's identity shows at once; a colour that fails AA or is no colour is refused; a new time zone keeps old links", async (t) => {
      const { ctx, server } = await setup(t, dialect)
      // Published at 23:30 in London: the 20th there, the 21st in Tokyo.
      ctx.clock.set('2026-11-20T23:30:00.000Z')
      // Signed in after the clock moved, so the session is fresh.
      const admin = new AdminClient(server.url)
      await admin.signInAs(await createStaff(ctx, 'admin'))
      const { article } = await importArticle(ctx, { headline: 'Late sitting ends', dateLine: '' })
      const oldPath = articlePath(article, 'Europe/London')
      assert.equal((await server.get(oldPath)).status, 200)
      await server.page('/')

      const base = {
        name: 'The Harbour Post',
        tagline: 'News from the coast',
        accent: '#0a5c8f',
        language: 'en-GB',
        time_zone: 'Asia/Tokyo',
        logo: '',
        intent: 'save',
      }
      for (const [change, code] of [
        [{ accent: 'not-a-colour' }, 422],
        [{ accent: '#ffee00' }, 422],
        [{ name: '' }, 422],
        [{ time_zone: 'Nowhere/Land' }, 422],
        [{ tagline: 'x'.repeat(201) }, 422],
      ] as const) {
        const refused = await admin.post('/admin/settings/identity', { ...base, ...change })
        assert.equal(refused.status, code, JSON.stringify(change))
      }
      assert.equal((await admin.post('/admin/settings/identity', base)).status, 303)
      const home = await server.page('/')
      assert.equal(home.document.querySelector('.site-name span')?.text, 'The Harbour Post')
      assert.equal(home.document.querySelector('.site-tagline')?.text, 'News from the coast')
      assert.match(home.document.querySelector('.colophon')?.text ?? '', /^The Harbour Post/)
      assert.equal(home.document.querySelector('html')?.getAttribute('lang'), 'en-GB')
      const accent =
        home.document.querySelector('link[href^="/theme/"]')?.getAttribute('href') ?? ''
      assert.equal(accent, '/theme/accent-0a5c8f.css')
      assert.match(await (await server.get(accent)).text(), /--accent:#0a5c8f/)

      const newPath = articlePath(article, 'Asia/Tokyo')
      assert.notEqual(newPath, oldPath)
      assert.equal((await server.get(newPath)).status, 200)
      const old = await server.get(oldPath)
      assert.equal(old.status, 301)
      assert.equal(old.headers.get('location'), newPath)
    })
  })
}
