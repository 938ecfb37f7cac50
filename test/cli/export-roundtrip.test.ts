// Leaving Dateline and coming back: a site exported and imported into an
// empty one serves the same public pages, byte for byte over HTTP, and holds
// the same newsroom content (drafts, every revision, held comments).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test, type TestContext } from 'node:test'
import { loadConfig } from '../../src/config.js'
import { createContext, type AppContext } from '../../src/context.js'
import { articlePath } from '../../src/text/article-path.js'
import { startTestServer } from '../helpers/app.js'
import { testDialects } from '../helpers/dialects.js'
import { inputOf } from '../helpers/factories.js'
import { photo } from '../helpers/images.js'
import { compareSites } from '../helpers/site-crawl.js'
import { createStaff } from '../web/admin-session.js'
import { tempDir } from './cli.js'
import { cliSite, type CliSite } from './in-process.js'

/**
 * What the demo lacks: a correction, a schedule, a draft, a page, a redirect, a menu edit, a held
 * comment, an image, an arranged front page (a pinned lead, an unpinned top story) and a banner.
 */
async function addCases(ctx: AppContext): Promise<void> {
  const { actor } = await createStaff(ctx, 'admin')
  const { editing, media, pages, redirects, menus, comments, frontPage, identity } = ctx.services
  const { item } = await media.upload(actor, {
    bytes: await photo({ width: 1600, height: 900 }),
    fileName: 'harbour.jpg',
    fields: { alt: 'The harbour wall at low tide', caption: 'Low tide', credit: 'Ada Brekke' },
  })
  const [summary] = await ctx.stores.articles.listPublished({}, { limit: 1, offset: 0 })
  assert.ok(summary, 'the demo has published articles')
  const story = await editing.get(actor, summary.id)
  const body = `${story.body}\n\n![The harbour wall at low tide](media:${item.id})`
  const corrected = await editing.save(
    actor,
    story.id,
    inputOf(story, { body, leadImageId: item.id }),
    { baseVersion: story.version, correction: 'The wall is 300 metres long, not 400.' },
  )
  const draftInput = inputOf(corrected, { headline: 'A draft nobody has seen', slug: '' })
  await editing.createDraft(actor, { ...draftInput, body: 'Still being written.' })
  const later = await editing.createDraft(actor, { ...draftInput, headline: 'Out next year' })
  await editing.saveAndMove(actor, later.id, {
    input: inputOf(later),
    baseVersion: later.version,
    move: 'schedule',
    scheduledFor: '2099-01-01T09:00',
  })
  const page = await pages.create(actor, {
    slug: 'ethics',
    title: 'Our ethics',
    description: 'How we report.',
    body: 'We correct our mistakes in the open.',
    published: true,
  })
  await pages.save(actor, page.id, page.version, {
    title: 'Our ethics',
    description: 'How we report, and how we correct.',
    body: 'We correct our mistakes in the open, at the foot of the story.',
    published: true,
  })
  await menus.add(actor, { menu: 'footer', kind: 'page', target: page.id, label: '' })
  await menus.add(actor, { menu: 'main', kind: 'link', target: '/pages/ethics', label: 'Ethics' })
  const [author] = corrected.bylines
  assert.ok(author)
  const links = [{ label: 'Website', url: 'https://ada.example/' }]
  await ctx.services.authorEditing.updateProfile(actor, author.slug, {
    name: author.name,
    bio: 'Ports.',
    links,
  })
  const [, second, third] = await ctx.stores.articles.listPublished({}, { limit: 3, offset: 0 })
  assert.ok(second && third, 'the demo has three published articles')
  await frontPage.place(actor, third.id, 24)
  await frontPage.place(actor, second.id, null)
  await frontPage.move(actor, third.id, 'lead')
  await frontPage.raiseBanner(actor, {
    text: 'Harbour wall closed after storm damage',
    articleId: second.id,
    hours: 6,
  })
  await frontPage.showSection(actor, 'arts', false)
  await frontPage.moveSection(actor, 'sport', 'up')
  await identity.update(actor, {
    name: 'The Harbour Post',
    tagline: 'News from the coast',
    logoId: item.id,
    accent: '#1d4ed8',
    language: 'en-GB',
    timeZone: 'Europe/London',
  })
  const path = articlePath(corrected, ctx.config.siteTimeZone)
  await redirects.save(actor, { from: '/2014/old-harbour-story/', to: path })
  const createdAt = ctx.clock.now()
  const shown = await comments.addDirectly(actor, {
    articleId: corrected.id,
    parentId: null,
    name: 'Reader One',
    body: 'Good to see the correction.',
    status: 'approved',
    createdAt,
  })
  await comments.addDirectly(actor, {
    articleId: corrected.id,
    parentId: shown.id,
    name: 'Reader Two',
    body: 'Held for a moderator.',
    status: 'pending',
    createdAt,
  })
}

/**
 * The one thing masked: the comment form's token is signed with each site's
 * own secret (DATA_DIR/secret.key), so its MAC differs; its time part is kept.
 */
const FORM_TOKEN_MAC = /(name="_csrf" value="[0-9a-z]+\.)[0-9a-f]+"/g
const maskFormToken = (body: string) => body.replace(FORM_TOKEN_MAC, '$1(mac)"')

async function openSite(t: TestContext, site: CliSite): Promise<AppContext> {
  const ctx = await createContext(loadConfig(site.env), { clock: site.clock })
  t.after(() => ctx.close())
  return ctx
}

/** The newsroom's view of every article and page: fields, history and comments. */
async function newsroomContent(ctx: AppContext) {
  const articles = await ctx.stores.articles.listForNewsroom({}, { limit: 500, offset: 0 })
  return Promise.all(
    [...articles]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map(async ({ id }) => ({
        // Staff accounts are not exported: who created an article is not carried over.
        article: { ...(await ctx.stores.articles.findById(id)), createdBy: null },
        revisions: (await ctx.stores.revisions.list(id)).map(({ id: _id, ...rest }) => rest),
        comments: await ctx.stores.comments.listForArticle(id),
      })),
  )
}

async function pageHistory(ctx: AppContext) {
  const pages = await ctx.stores.pages.list()
  return Promise.all(
    pages.map(async (page) => ({
      page: { ...page, createdBy: null },
      revisions: (await ctx.stores.pages.revisions(page.id)).map(({ id: _id, ...rest }) => rest),
    })),
  )
}

for (const dialect of testDialects()) {
  describe(`export, then import into an empty site (${dialect})`, () => {
    test('the copy serves the same public pages and holds the same newsroom content', async (t) => {
      const original = await cliSite(t, dialect)
      const copy = await cliSite(t, dialect)
      assert.equal((await original.run(['demo'])).code, 0)
      await original.inspect(addCases)
      const folder = join(tempDir(t), 'export')
      const exported = await original.run(['export', folder])
      assert.equal(exported.code, 0, exported.stderr)
      const imported = await copy.run(['import', folder])
      assert.equal(imported.code, 0, imported.stderr)

      const [a, b] = [await openSite(t, original), await openSite(t, copy)]
      const [serverA, serverB] = [await startTestServer(t, a), await startTestServer(t, b)]
      const { paths, differences } = await compareSites(serverA, serverB, {
        start: ['/', '/sitemap.xml', '/feed.rss', '/feed.atom', '/feed.json', '/robots.txt'],
        siteUrl: a.config.siteUrl,
        limit: 800,
        mask: maskFormToken,
      })
      t.diagnostic(`${paths.length} addresses compared`)
      assert.ok(paths.length < 800, 'the crawl reached every address, not just the first 800')
      assert.deepEqual(differences, [])
      const published = await a.stores.articles.listPublished({}, { limit: 500, offset: 0 })
      const expected = [
        ...published.map((story) => articlePath(story, a.config.siteTimeZone)),
        ...(await a.stores.sections.list()).map((section) => `/${section.slug}`),
      ]
      assert.ok(published.length > 10)
      assert.deepEqual(
        expected.filter((path) => !paths.includes(path)),
        [],
        'every story and section compared',
      )
      for (const kind of [/^\/pages\//, /^\/authors\//, /^\/tags\//, /^\/sitemaps\//, /\/feed\./]) {
        assert.ok(
          paths.some((path) => kind.test(path)),
          `the crawl reached ${String(kind)}`,
        )
      }

      // The pictures: the copy makes its renditions again from the originals, the same bytes.
      const story = await serverA.page(paths.find((path) => /^\/\d{4}\//.test(path)) ?? '/')
      const pictures = [...story.html.matchAll(/src="(\/media\/[^"]+)"/g)].map((m) => m[1] ?? '')
      assert.ok(pictures.length > 0, 'the story shows a picture')
      for (const picture of pictures.slice(0, 3)) {
        const [fromA, fromB] = [await serverA.get(picture), await serverB.get(picture)]
        assert.equal(fromB.status, 200, picture)
        assert.match(fromB.headers.get('content-type') ?? '', /^image\//)
        assert.deepEqual(
          Buffer.from(await fromB.arrayBuffer()),
          Buffer.from(await fromA.arrayBuffer()),
        )
      }

      assert.deepEqual(await newsroomContent(b), await newsroomContent(a))
      // The desk's arrangement: the same stories in the same places, the pin's expiry and the banner.
      const arrangement = async (ctx: AppContext) => ({
        placements: await ctx.stores.frontPage.placements(),
        banner: await ctx.stores.frontPage.banner(),
      })
      const arranged = await arrangement(a)
      assert.equal(arranged.placements.length, 2)
      assert.ok(arranged.placements[0]?.pinnedUntil, 'the lead is pinned')
      assert.equal(arranged.banner?.text, 'Harbour wall closed after storm damage')
      assert.deepEqual(await arrangement(b), arranged)
      assert.deepEqual(await pageHistory(b), await pageHistory(a))
    })
  })
}
