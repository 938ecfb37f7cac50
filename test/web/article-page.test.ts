import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import {
  assertSectionNavigation,
  hrefsOf,
  pathOf,
  publishInOrder,
  textOf,
  textsOf,
} from './html.js'

const SEED = new URL('../../../shared/fixtures/seed-article.txt', import.meta.url)
const DAY = 24 * 60 * 60 * 1000

for (const dialect of testDialects()) {
  describe(`article page (${dialect})`, () => {
    test('shows headline, standfirst, dateline, bylines, date, subheading, quotation and tags', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(
        ctx,
        {
          headline: 'Harbour council approves sea wall',
          bylines: ['Zoe Adams', 'Ana Lind', 'Omar Haddad'],
        },
        { tags: ['Floods', 'Harbour Walls'] },
      )
      const path = pathOf(article)
      assert.equal(path, `/2026/11/17/${article.slug}`)
      const { response, document } = await server.page(path)
      assert.equal(response.status, 200)

      const h1s = document.querySelectorAll('h1')
      assert.deepEqual(textsOf(h1s), ['Harbour council approves sea wall'])
      assert.equal(
        textOf(document.querySelector('.standfirst')),
        'The vote ends two years of argument over who pays for flood defences.',
      )

      const body = document.querySelector('.story-body')
      assert.ok(body)
      const lead = body.querySelector('p')
      assert.equal(textOf(lead?.querySelector('.dateline')), 'BERGEN, NORWAY')
      assert.equal(lead?.querySelector('.dateline'), lead?.childNodes[0])
      assert.match(textOf(lead), /^BERGEN, NORWAY — The harbour council voted on Tuesday/)
      assert.deepEqual(textsOf(body.querySelectorAll('h2')), ['Who pays'])
      assert.deepEqual(textsOf(body.querySelectorAll('blockquote')), [
        '“We cannot wait for the next storm to decide this.”',
      ])

      const bylines = document.querySelectorAll('.story-header a[rel=author]')
      assert.deepEqual(textsOf(bylines), ['Zoe Adams', 'Ana Lind', 'Omar Haddad'])
      assert.deepEqual(hrefsOf(bylines), [
        '/authors/zoe-adams',
        '/authors/ana-lind',
        '/authors/omar-haddad',
      ])

      const times = document.querySelectorAll('.story-header time')
      assert.equal(times.length, 1)
      assert.equal(times[0]?.getAttribute('datetime'), '2026-11-17T12:00:00.000Z')
      assert.equal(textOf(times[0]), 'Tuesday, November 17th 2026')
      assert.doesNotMatch(textOf(document.querySelector('article')), /Updated/)

      const tags = document.querySelectorAll('a[rel=tag]')
      assert.deepEqual(textsOf(tags), ['Floods', 'Harbour Walls'])
      assert.deepEqual(hrefsOf(tags), ['/tags/floods', '/tags/harbour-walls'])
    })

    test('has an At a glance box only when the story has key points', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article: withPoints } = await importArticle(ctx, {
        keyPoints: ['Tolls rise in March.', 'Buses are exempt.'],
      })
      const { article: without } = await importArticle(ctx, { keyPoints: [] })

      // The story's own box, inside its <article>; the site-wide rail of briefs sits outside it.
      const box = (await server.page(pathOf(withPoints))).document.querySelector(
        'main article aside',
      )
      assert.equal(textOf(box?.querySelector('h2')), 'At a glance')
      assert.deepEqual(textsOf(box?.querySelectorAll('li') ?? []), [
        'Tolls rise in March.',
        'Buses are exempt.',
      ])

      const { response, document } = await server.page(pathOf(without))
      assert.equal(response.status, 200)
      const story = document.querySelector('main article')
      assert.equal(story?.querySelector('aside'), null)
      assert.doesNotMatch(textOf(story), /At a glance/)
    })

    test('marks its section in both navigations and lists more from that section', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      // Unrelated stories (no shared words), so none is listed under "Related coverage" instead.
      const subjects = [
        ['Gallery reopens its east wing', 'Visitors return after repairs.'],
        ['Orchestra names a conductor', 'Rehearsals begin in January.'],
        ['Poet wins northern prize', 'Judges praised the collection.'],
      ]
      const [older, other, story] = await publishInOrder(ctx, 3, { sectionSlug: 'arts' }, (i) => ({
        headline: subjects[i]?.[0] ?? '',
        standfirst: subjects[i]?.[1] ?? '',
      }))
      const [elsewhere] = await publishInOrder(ctx, 1, { sectionSlug: 'sport' })
      assert.ok(older && other && story && elsewhere)

      const { document } = await server.page(pathOf(story))
      assertSectionNavigation(document, '/arts')
      const related = document.querySelector('section[aria-labelledby=more-title]')
      assert.equal(textOf(related?.querySelector('h2')), 'More from Arts')
      assert.deepEqual(hrefsOf(related?.querySelectorAll('h3 a') ?? []), [
        pathOf(other),
        pathOf(older),
      ])

      const alone = await server.page(pathOf(elsewhere))
      assertSectionNavigation(alone.document, '/sport')
      assert.doesNotMatch(alone.html, /More from/)
    })

    test('shows "Updated" with a second date only after the text changes', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const headline = 'Ferry timetable changes for winter'
      const { article } = await importArticle(ctx, { headline })
      const again = await importArticle(ctx, { headline })
      assert.equal(again.action, 'unchanged')
      const before = await server.page(pathOf(article))
      assert.doesNotMatch(textOf(before.document.querySelector('.story-header')), /Updated/)
      assert.equal(before.document.querySelectorAll('.story-header time').length, 1)

      ctx.clock.advance(DAY)
      const changed = await importArticle(ctx, {
        headline,
        body: [
          'The ferry company has changed its winter timetable again.',
          'Two sailings are cut.',
        ],
      })
      assert.equal(changed.action, 'updated')
      const { document } = await server.page(pathOf(article))
      const meta = document.querySelector('.story-header .meta')
      assert.match(textOf(meta), /Updated/)
      const times = meta?.querySelectorAll('time') ?? []
      assert.deepEqual(
        times.map((time) => time.getAttribute('datetime')),
        ['2026-11-17T12:00:00.000Z', '2026-11-21T09:00:00.000Z'],
      )
      assert.match(textOf(times[1]), /^Saturday, November 21st 2026/)
      assert.match(textOf(document.querySelector('.story-body')), /Two sailings are cut\./)
    })

    test('dates its address in Europe/London, not UTC', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      ctx.clock.set('2026-07-01T23:30:00.000Z') // 00:30 on July 2nd, British Summer Time
      const { article } = await importArticle(ctx, { dateLine: '' })
      const path = `/2026/07/02/${article.slug}`
      const { response, document } = await server.page(path)
      assert.equal(response.status, 200)
      const time = document.querySelector('.story-header time')
      assert.equal(time?.getAttribute('datetime'), '2026-07-01T23:30:00.000Z')
      assert.equal(textOf(time), 'Thursday, July 2nd 2026')
      const utcDated = await server.get(`/2026/07/01/${article.slug}`)
      assert.equal(utcDated.status, 301)
      assert.equal(utcDated.headers.get('location'), path)
    })

    test('redirects a wrong date to the canonical address with 301', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      const canonical = pathOf(article)
      for (const wrong of [
        `/2026/11/18/${article.slug}`,
        `/1999/01/01/${article.slug}`,
        `${canonical}/`,
      ]) {
        const response = await server.get(wrong)
        assert.equal(response.status, 301, wrong)
        assert.equal(response.headers.get('location'), canonical, wrong)
      }
      const tracked = await server.get(`${canonical}?utm_source=feed`)
      assert.equal(tracked.status, 200, 'a query string on the right address is not redirected')
    })

    test('a draft has no public page and appears in no listing', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(
        ctx,
        { headline: 'Secret draft about the harbour' },
        { draft: true },
      )
      assert.equal(article.status, 'draft')
      for (const path of [`/2026/11/17/${article.slug}`, `/2026/11/20/${article.slug}`]) {
        const { response, document } = await server.page(path)
        assert.equal(response.status, 404, path)
        assert.equal(textOf(document.querySelector('h1')), 'Page not found')
      }
      for (const path of ['/', '/news', '/authors/ada-brekke']) {
        const { html } = await server.page(path)
        assert.doesNotMatch(html, /Secret draft/, path)
      }
    })

    test('renders the seed page with every element', async (t) => {
      if (!existsSync(SEED)) {
        t.skip('the seed fixture is not available')
        return
      }
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const text = readFileSync(SEED, 'utf8')
      const { article } = await ctx.services.importer.importText(text, {
        sectionSlug: 'politics',
        draft: false,
      })
      const path = `/2015/11/27/${article.slug}`
      const { response, document } = await server.page(path)
      assert.equal(response.status, 200)

      assert.deepEqual(textsOf(document.querySelectorAll('h1')), [
        'Putin, Hollande agree to coordinate on IS fight but divisions remain',
      ])
      const bylines = document.querySelectorAll('.story-header a[rel=author]')
      assert.deepEqual(textsOf(bylines), ['Sabine Wibaux', 'Maria Panina'])
      assert.deepEqual(hrefsOf(bylines), ['/authors/sabine-wibaux', '/authors/maria-panina'])
      const time = document.querySelector('.story-header time')
      assert.equal(textOf(time), 'Friday, November 27th 2015')
      assert.equal(time?.getAttribute('datetime'), '2015-11-27T12:00:00.000Z')
      assertSectionNavigation(document, '/politics')

      const body = document.querySelector('.story-body')
      assert.ok(body)
      const paragraphs = body.querySelectorAll('p')
      assert.equal(textOf(paragraphs[0]?.querySelector('.dateline')), 'MOSCOW, RUSSIA')
      assert.match(textOf(paragraphs[0]), /^MOSCOW, RUSSIA — French President Francois Hollande/)
      const heading = body.querySelectorAll('h2')
      assert.deepEqual(textsOf(heading), ['Turkey-Russia tension'])
      assert.match(textOf(heading[0]?.previousElementSibling), /Barack Obama/)
      assert.match(textOf(heading[0]?.nextElementSibling), /^Hollande’s diplomatic foray/)

      // Every body line of the source is a paragraph: from the lead to the date line, less the subheading.
      const lines = text.split('\n').map((line) => line.trim())
      const bodyLines = lines
        .slice(2, lines.indexOf('Friday, November 27th 2015'))
        .filter((line) => line !== '' && line !== '- Turkey-Russia tension -')
      assert.equal(paragraphs.length, bodyLines.length)
      assert.match(textOf(paragraphs.at(-1)), /Lavrov said\.$/)

      const bodyText = textOf(body)
      for (const chrome of [
        'New comment',
        'News | Politics',
        'At a glance',
        'November 27th 2015',
        'Panina-',
      ]) {
        assert.ok(!bodyText.includes(chrome), `the body contains "${chrome}"`)
      }
      assert.equal(document.querySelector('main article aside'), null, 'the seed has no key points')
    })
  })
}
