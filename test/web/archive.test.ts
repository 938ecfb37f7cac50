import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { HTMLElement } from 'node-html-parser'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { assertValidHtml } from '../helpers/html-validity.js'
import { hrefsOf, pathOf, publishInOrder, textOf, textsOf } from './html.js'

const SITE = 'https://news.example'

/** The article links of an archive page, in order. */
const listed = (document: HTMLElement) => hrefsOf(document.querySelectorAll('main ul.stack h2 a'))

/** Publishes an undated story at an exact instant (the test clock's time). */
async function publishAt(ctx: TestAppContext, instant: string): Promise<Article> {
  ctx.clock.set(instant)
  const { article } = await importArticle(ctx, {
    dateLine: '',
    headline: `Story published at ${instant}`,
  })
  assert.equal(article.publishedAt?.toISOString(), new Date(instant).toISOString())
  return article
}

const linkOf = (document: HTMLElement, rel: string, where: 'head' | 'main') =>
  document
    .querySelector(`${where} ${where === 'head' ? 'link' : 'a'}[rel=${rel}]`)
    ?.getAttribute('href')

for (const dialect of testDialects()) {
  describe(`date archive and At a glance (${dialect})`, () => {
    test('a day, month or year lists exactly the stories published then in the site’s time zone', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      // Europe/London is an hour ahead of UTC in summer: 23:30 UTC is half past midnight.
      const june30Late = await publishAt(ctx, '2026-06-30T22:30:00Z') // 23:30 BST, 30 June
      const july1Early = await publishAt(ctx, '2026-06-30T23:30:00Z') // 00:30 BST, 1 July
      const july14Late = await publishAt(ctx, '2026-07-14T22:30:00Z') // 23:30 BST, 14 July
      const july15Early = await publishAt(ctx, '2026-07-14T23:30:00Z') // 00:30 BST, 15 July
      const july15Last = await publishAt(ctx, '2026-07-15T22:59:59Z') // 23:59:59 BST, 15 July
      const july16First = await publishAt(ctx, '2026-07-15T23:00:00Z') // 00:00 BST, 16 July
      // In winter London keeps UTC: 23:30 UTC on 31 December is still the old year.
      const newYearsEve = await publishAt(ctx, '2025-12-31T23:30:00Z')
      const newYearsDay = await publishAt(ctx, '2026-01-01T00:10:00Z')
      ctx.clock.set('2026-07-15T12:00:00Z')
      await importArticle(ctx, { dateLine: '', headline: 'A draft of the day' }, { draft: true })

      const expectations: [string, string, Article[]][] = [
        ['/2026/07/15', 'Wednesday, July 15th 2026', [july15Last, july15Early]],
        ['/2026/07/14', 'Tuesday, July 14th 2026', [july14Late]],
        ['/2026/07/16', 'Thursday, July 16th 2026', [july16First]],
        ['/2026/06/30', 'Tuesday, June 30th 2026', [june30Late]],
        ['/2026/07/01', 'Wednesday, July 1st 2026', [july1Early]],
        ['/2026/07', 'July 2026', [july16First, july15Last, july15Early, july14Late, july1Early]],
        ['/2026/06', 'June 2026', [june30Late]],
        ['/2025/12', 'December 2025', [newYearsEve]],
        ['/2025/12/31', 'Wednesday, December 31st 2025', [newYearsEve]],
        ['/2026/01/01', 'Thursday, January 1st 2026', [newYearsDay]],
        [
          '/2026',
          '2026',
          [july16First, july15Last, july15Early, july14Late, july1Early, june30Late, newYearsDay],
        ],
        ['/2025', '2025', [newYearsEve]],
      ]
      for (const [path, heading, articles] of expectations) {
        const { response, document } = await server.page(path)
        assert.equal(response.status, 200, path)
        assert.equal(textOf(document.querySelector('main h1')), heading, path)
        assert.equal(textOf(document.querySelector('title')), `${heading} | The Dateline Courier`)
        assert.deepEqual(listed(document), articles.map(pathOf), path)
        // Each story's own URL carries the same local date as the archive it is listed in.
        for (const href of listed(document)) assert.ok(href.startsWith(`${path}/`), href)
        assert.equal(
          document.querySelector('head link[rel=canonical]')?.getAttribute('href'),
          SITE + path,
        )
        assert.equal(document.querySelector('.pagination'), null, path)
      }

      // Links up a level, and the same trail for search engines.
      const day = await server.page('/2026/07/15/')
      assert.equal(day.response.status, 200, 'a trailing slash is the same page')
      assert.equal(
        day.document.querySelector('head link[rel=canonical]')?.getAttribute('href'),
        `${SITE}/2026/07/15`,
      )
      const up = day.document.querySelectorAll('main nav[aria-label=Breadcrumb] a')
      assert.deepEqual(hrefsOf(up), ['/', '/2026', '/2026/07'])
      assert.deepEqual(textsOf(up), ['Home', '2026', 'July 2026'])
      const trail = day.document
        .querySelectorAll('script[type="application/ld+json"]')
        .map((script) => JSON.parse(script.rawText) as Record<string, unknown>)
        .find((block) => block['@type'] === 'BreadcrumbList')
      assert.deepEqual(
        (trail?.itemListElement as { position: number; item: string }[]).map((item) => [
          item.position,
          item.item,
        ]),
        [
          [1, `${SITE}/`],
          [2, `${SITE}/2026`],
          [3, `${SITE}/2026/07`],
          [4, `${SITE}/2026/07/15`],
        ],
      )
      assert.deepEqual(
        hrefsOf((await server.page('/2026/07')).document.querySelectorAll('main nav a')),
        ['/', '/2026'],
      )

      // Archive pages are cached under the key the page cache computes for their URL.
      assert.ok(server.app.pageCache.get('/2026/07/15'), 'the day page is cached')
      // Sections and articles keep their routes beside the archive's.
      assert.equal((await server.get('/news')).status, 200)
      assert.equal((await server.get(pathOf(july15Early))).status, 200)
    })

    test('archive pages hold 20 stories each, with rel=prev/next in the head and on the page', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      ctx.clock.set('2026-03-10T08:00:00Z')
      const stories = (await publishInOrder(ctx, 21)).reverse()
      for (const path of ['/2026/03/10', '/2026/03', '/2026']) {
        const one = await server.page(path)
        assert.equal(one.response.status, 200, path)
        assert.deepEqual(listed(one.document), stories.slice(0, 20).map(pathOf), path)
        assert.equal(linkOf(one.document, 'next', 'head'), `${path}?page=2`, path)
        assert.equal(linkOf(one.document, 'next', 'main'), `${path}?page=2`, path)
        assert.equal(linkOf(one.document, 'prev', 'head'), undefined, path)
        assert.equal(linkOf(one.document, 'prev', 'main'), undefined, path)
        assert.match(textOf(one.document.querySelector('.pagination')), /Page 1 of 2/)

        const two = await server.page(`${path}?page=2`)
        assert.equal(two.response.status, 200, path)
        assert.deepEqual(listed(two.document), stories.slice(20).map(pathOf), path)
        assert.equal(linkOf(two.document, 'prev', 'head'), path, path)
        assert.equal(linkOf(two.document, 'prev', 'main'), path, path)
        assert.equal(linkOf(two.document, 'next', 'head'), undefined, path)
        assert.equal(linkOf(two.document, 'next', 'main'), undefined, path)
        assert.equal(
          two.document.querySelector('head link[rel=canonical]')?.getAttribute('href'),
          `${SITE}${path}?page=2`,
        )
        assert.match(textOf(two.document.querySelector('title')), /\(page 2\)/)

        for (const query of ['?page=3', '?page=0', '?page=abc', '?page=-1', '?page=2.5']) {
          const { response, document } = await server.page(path + query)
          assert.equal(response.status, 404, path + query)
          assert.equal(textOf(document.querySelector('h1')), 'Page not found', path + query)
        }
      }
    })

    test('impossible dates are 404; a real date with nothing published is a 404 that says so', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      await publishAt(ctx, '2016-02-29T12:00:00Z')
      for (const path of [
        '/2015/02/30',
        '/2015/02/29',
        '/2015/13',
        '/2015/00',
        '/2015/11/31',
        '/2015/11/00',
        '/2015/11/32',
        '/0999',
        '/0000/01/01',
        '/2015/1',
        '/2015/1/27',
        '/2015/11/7',
        '/20155',
        '/201',
      ]) {
        const { response, document } = await server.page(path)
        assert.equal(response.status, 404, path)
        assert.equal(textOf(document.querySelector('h1')), 'Page not found', path)
      }
      assert.equal((await server.get('/2016/02/29')).status, 200, 'a leap day')

      for (const [path, says] of [
        ['/2015/11/27', 'Nothing was published on Friday, November 27th 2015.'],
        ['/2015/11', 'Nothing was published in November 2015.'],
        ['/2015', 'Nothing was published in 2015.'],
        ['/9999/12/31', 'Nothing was published on Friday, December 31st 9999.'],
        ['/9999', 'Nothing was published in 9999.'],
      ] as const) {
        const { response, document } = await server.page(path)
        assert.equal(response.status, 404, path)
        assert.match(response.headers.get('cache-control') ?? '', /no-store/, path)
        assert.equal(textOf(document.querySelector('main p')), says, path)
        assert.equal(
          document.querySelector('meta[name=robots]')?.getAttribute('content'),
          'noindex',
        )
        assert.equal(document.querySelector('link[rel=canonical]'), null, path)
        assert.equal(hrefsOf(document.querySelectorAll('main nav a'))[0], '/', path)
      }
      assert.equal(server.app.pageCache.get('/2015/11/27'), undefined, 'empty days are not cached')
    })

    test('/at-a-glance lists the latest briefs, newest first, paged; the home rail links to it', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const empty = await server.page('/at-a-glance')
      assert.equal(empty.response.status, 200)
      assert.match(textOf(empty.document.querySelector('main')), /Nothing has been published yet/)
      assert.equal((await server.get('/at-a-glance?page=2')).status, 404)

      const stories = (
        await publishInOrder(ctx, 21, { sectionSlug: 'sport' }, (index) => ({
          standfirst: `Brief number ${index}: the crossing reopens.`,
        }))
      ).reverse()
      await importArticle(ctx, { headline: 'An unpublished draft' }, { draft: true })

      const home = await server.page('/')
      const rail = home.document.querySelector('aside.rail')
      assert.equal(rail?.querySelector('h2 a')?.getAttribute('href'), '/at-a-glance')
      assert.equal(textOf(rail?.querySelector('h2')), 'At a glance')

      const one = await server.page('/at-a-glance')
      assert.equal(one.response.status, 200)
      assert.equal(textOf(one.document.querySelector('main h1')), 'At a glance')
      const items = one.document.querySelectorAll('main ol.briefs > li')
      assert.deepEqual(
        items.map((item) => [
          item.querySelector('h2 a')?.getAttribute('href'),
          textOf(item.querySelector('h2')),
          textOf(item.querySelector('p')),
        ]),
        stories.slice(0, 20).map((story) => [pathOf(story), story.headline, story.brief]),
      )
      assert.match(stories[0]?.brief ?? '', /^Brief number 20/)
      assert.doesNotMatch(one.html, /An unpublished draft/)
      assert.equal(linkOf(one.document, 'next', 'head'), '/at-a-glance?page=2')
      assert.equal(linkOf(one.document, 'next', 'main'), '/at-a-glance?page=2')
      assert.equal(linkOf(one.document, 'prev', 'head'), undefined)

      const two = await server.page('/at-a-glance?page=2')
      assert.equal(two.response.status, 200)
      assert.deepEqual(
        hrefsOf(two.document.querySelectorAll('main ol.briefs h2 a')),
        stories.slice(20).map(pathOf),
      )
      assert.equal(linkOf(two.document, 'prev', 'head'), '/at-a-glance')
      assert.equal(linkOf(two.document, 'prev', 'main'), '/at-a-glance')
      assert.equal(linkOf(two.document, 'next', 'head'), undefined)
      assert.equal((await server.get('/at-a-glance?page=3')).status, 404)
      assert.equal((await server.get('/at-a-glance?page=x')).status, 404)
    })

    test('archive and At a glance pages are valid HTML', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      ctx.clock.set('2026-03-10T08:00:00Z')
      await publishInOrder(ctx, 21, {}, (index) => ({
        headline: `Markup <b>stays</b> & "text" </script> ${index}`,
      }))
      for (const path of [
        '/2026/03/10',
        '/2026/03/10?page=2',
        '/2026/03',
        '/2026',
        '/2015/11/27',
        '/2015/02/30',
        '/at-a-glance',
        '/at-a-glance?page=2',
      ]) {
        const { html } = await server.page(path)
        await assertValidHtml(html, path)
      }
    })
  })
}
