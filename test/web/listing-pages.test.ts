import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { HTMLElement } from 'node-html-parser'
import { startTestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import {
  SECTIONS,
  assertSectionNavigation,
  hrefsOf,
  pathOf,
  publishInOrder,
  textOf,
  textsOf,
} from './html.js'

/** The article links of a listing page, in order. */
const listed = (document: HTMLElement) => hrefsOf(document.querySelectorAll('main ul.stack h2 a'))

/** Twenty stories in four sections, published one minute apart; paths newest first. */
async function publishFrontPageStories(ctx: TestAppContext) {
  const bySection = new Map<string, string[]>()
  const newestFirst: string[] = []
  for (const [name, count] of [
    ['Sport', 5],
    ['News', 8],
    ['Arts', 5],
    ['Politics', 2],
  ] as const) {
    const paths = (await publishInOrder(ctx, count, { sectionSlug: name.toLowerCase() })).map(
      pathOf,
    )
    bySection.set(name, [...paths].reverse())
    newestFirst.unshift(...[...paths].reverse())
  }
  return { newestFirst, bySection }
}

/** The lead's path, and every story path above the section blocks (lead, top stories, rail). */
function frontOf(document: HTMLElement) {
  const lead = document.querySelector('.lead-story h2 a')?.getAttribute('href')
  const top = hrefsOf(document.querySelectorAll('.front h3 a'))
  const rail = hrefsOf(document.querySelectorAll('aside.rail li > a'))
  return { lead, shown: [lead, ...top, ...rail] }
}

for (const dialect of testDialects()) {
  describe(`listing pages (${dialect})`, () => {
    test('the home page has a lead story, a rail of briefs and section blocks in section order', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { newestFirst, bySection } = await publishFrontPageStories(ctx)
      await importArticle(ctx, { headline: 'Unpublished draft story' }, { draft: true })

      const { response, html, document } = await server.page('/')
      assert.equal(response.status, 200)
      assert.equal(document.querySelectorAll('h1').length, 1)
      const { lead, shown } = frontOf(document)
      assert.equal(lead, newestFirst[0])
      const rail = document.querySelector('aside.rail')
      assert.equal(textOf(rail?.querySelector('h2')), 'At a glance')
      assert.ok((rail?.querySelectorAll('li > a') ?? []).length > 0)
      // The lead, the stories beside it and the rail show the newest stories, newest first.
      assert.deepEqual(shown, newestFirst.slice(0, shown.length))

      // Section blocks follow the navigation order, each with its own stories, newest first.
      const blocks = document.querySelectorAll('main > section')
      const headings = blocks.map((block) => textOf(block.querySelector('h2')))
      assert.deepEqual(
        headings,
        SECTIONS.filter((name) => headings.includes(name)),
      )
      assert.ok(headings.includes('News') && headings.includes('Sport'))
      for (const [index, name] of headings.entries()) {
        const stories = hrefsOf(blocks[index]?.querySelectorAll('h3 a') ?? [])
        const own = (bySection.get(name) ?? []).filter((path) => stories.includes(path))
        assert.ok(stories.length > 0, name)
        assert.deepEqual(stories, own, `${name}: only its own stories, newest first`)
      }
      assert.doesNotMatch(html, /Unpublished draft story/)
      assertSectionNavigation(document)
    })

    // FrontPageReads.home promises "no story appears twice", but only the lead and
    // top stories are left out of the section blocks: the rail's stories repeat there.
    test('no story appears twice on the home page', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { bySection } = await publishFrontPageStories(ctx)
      const { document } = await server.page('/')
      const links = hrefsOf(document.querySelectorAll('main a')).filter((href) =>
        /^\/\d{4}\//.test(href),
      )
      assert.deepEqual(
        links.filter((href, index) => links.indexOf(href) !== index),
        [],
      )
      const { shown } = frontOf(document)
      for (const block of document.querySelectorAll('main > section')) {
        const name = textOf(block.querySelector('h2'))
        const unshown = (bySection.get(name) ?? []).filter((path) => !shown.includes(path))
        const stories = hrefsOf(block.querySelectorAll('h3 a'))
        assert.deepEqual(stories, unshown.slice(0, stories.length), name)
      }
    })

    test('the home page of an empty site says nothing is published yet', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { response, document } = await server.page('/')
      assert.equal(response.status, 200)
      assert.match(textOf(document.querySelector('main')), /Nothing has been published yet/)
      assertSectionNavigation(document)
    })

    test('a section page lists only its own published stories, newest first', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const first = await publishInOrder(ctx, 2, { sectionSlug: 'features' })
      const [sport] = await publishInOrder(ctx, 1, { sectionSlug: 'sport' })
      const last = await publishInOrder(ctx, 1, { sectionSlug: 'features' })
      await importArticle(ctx, {}, { sectionSlug: 'features', draft: true })
      assert.ok(sport)

      const { response, document } = await server.page('/features')
      assert.equal(response.status, 200)
      assert.equal(textOf(document.querySelector('h1')), 'Features')
      assert.deepEqual(listed(document), [...first, ...last].reverse().map(pathOf))
      assertSectionNavigation(document, '/features')
      assert.equal(document.querySelector('.pagination'), null)

      const empty = await server.page('/society')
      assert.equal(empty.response.status, 200)
      assert.match(
        textOf(empty.document.querySelector('main')),
        /No stories have been published here yet/,
      )
      assert.equal((await server.get('/society?page=2')).status, 404)
    })

    test('a section pages 20 stories at a time with rel=prev/next links', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const stories = (await publishInOrder(ctx, 21, { sectionSlug: 'news' })).reverse()

      const one = await server.page('/news')
      assert.equal(one.response.status, 200)
      assert.deepEqual(listed(one.document), stories.slice(0, 20).map(pathOf))
      assert.equal(
        one.document.querySelector('head link[rel=next]')?.getAttribute('href'),
        '/news?page=2',
      )
      assert.equal(one.document.querySelector('head link[rel=prev]'), null)
      assert.equal(
        one.document.querySelector('main a[rel=next]')?.getAttribute('href'),
        '/news?page=2',
      )
      assert.equal(one.document.querySelector('main a[rel=prev]'), null)
      assert.match(textOf(one.document.querySelector('.pagination')), /Page 1 of 2/)

      const two = await server.page('/news?page=2')
      assert.equal(two.response.status, 200)
      assert.deepEqual(listed(two.document), [pathOf(stories[20] ?? stories[0]!)])
      assert.equal(two.document.querySelector('head link[rel=prev]')?.getAttribute('href'), '/news')
      assert.equal(two.document.querySelector('head link[rel=next]'), null)
      assert.equal(two.document.querySelector('main a[rel=prev]')?.getAttribute('href'), '/news')
      assert.equal(two.document.querySelector('main a[rel=next]'), null)
      assert.equal(
        two.document.querySelector('link[rel=canonical]')?.getAttribute('href'),
        'https://news.example/news?page=2',
      )
      assert.match(textOf(two.document.querySelector('title')), /^News \(page 2\)/)

      for (const query of ['?page=3', '?page=abc', '?page=0', '?page=-1', '?page=1.5', '?page=']) {
        const { response, document } = await server.page(`/news${query}`)
        assert.equal(response.status, 404, query)
        assert.equal(textOf(document.querySelector('h1')), 'Page not found', query)
      }
    })

    test('an author page shows the bio when set and only that author’s stories', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const [own] = await publishInOrder(ctx, 1, { sectionSlug: 'arts' }, () => ({
        bylines: ['Ada Brekke'],
      }))
      const [others] = await publishInOrder(ctx, 1, {}, () => ({ bylines: ['Jonas Vik'] }))
      const [shared] = await publishInOrder(ctx, 1, {}, () => ({
        bylines: ['Jonas Vik', 'Ada Brekke'],
      }))
      assert.ok(own && others && shared)

      const before = await server.page('/authors/ada-brekke')
      assert.equal(before.response.status, 200)
      assert.equal(textOf(before.document.querySelector('h1')), 'Ada Brekke')
      assert.deepEqual(listed(before.document), [pathOf(shared), pathOf(own)])
      assert.equal(before.document.querySelector('.author-bio'), null)

      await ctx.services.authors.setBio('ada-brekke', 'Ada covers the coast and its weather.')
      const after = await server.page('/authors/ada-brekke')
      assert.equal(
        textOf(after.document.querySelector('main .author-bio')),
        'Ada covers the coast and its weather.',
      )
      assert.equal(
        after.document.querySelector('meta[name=description]')?.getAttribute('content'),
        'Ada covers the coast and its weather.',
      )
      assert.deepEqual(listed((await server.page('/authors/jonas-vik')).document), [
        pathOf(shared),
        pathOf(others),
      ])
    })

    test('a tag page lists the stories with that tag, newest first', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const [floods] = await publishInOrder(ctx, 1, { tags: ['Floods'] })
      const [ferries] = await publishInOrder(ctx, 1, { tags: ['Ferries'] })
      const [both] = await publishInOrder(ctx, 1, {
        sectionSlug: 'society',
        tags: ['Ferries', 'Floods'],
      })
      assert.ok(floods && ferries && both)

      const { response, document } = await server.page('/tags/floods')
      assert.equal(response.status, 200)
      assert.equal(textOf(document.querySelector('h1')), 'Floods')
      assert.deepEqual(listed(document), [pathOf(both), pathOf(floods)])
      assert.deepEqual(textsOf(document.querySelectorAll('main .kicker a')), ['Society', 'News'])
      assertSectionNavigation(document)
    })

    test('unknown sections, authors and tags are 404', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      await importArticle(ctx, {}, { tags: ['Floods'] })
      for (const path of [
        '/weather',
        '/authors/nobody-here',
        '/tags/droughts',
        '/authors',
        '/tags',
      ]) {
        const { response, document } = await server.page(path)
        assert.equal(response.status, 404, path)
        assert.equal(textOf(document.querySelector('h1')), 'Page not found', path)
      }
    })
  })
}
