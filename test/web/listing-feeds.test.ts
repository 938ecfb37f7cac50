// Each listing (section, author, tag, and the site's newest) is defined once in
// the domain: its page and its feeds list the same stories, in the same order,
// under the same name.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { hrefsOf } from './html.js'

const SITE = 'https://news.example'

interface JsonFeed {
  title: string
  description: string
  home_page_url: string
  items: { url: string }[]
}

for (const dialect of testDialects()) {
  describe(`listings: a page and its feeds (${dialect})`, () => {
    test('section, author and tag pages list what their feeds carry; the home feed lists the newest', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      for (let index = 0; index < 24; index++) {
        ctx.clock.advance(60_000)
        await importArticle(
          ctx,
          {
            dateLine: '',
            headline: `Tide report number ${index}`,
            bylines: index % 3 === 0 ? ['Jonas Vik'] : ['Ada Brekke', 'Jonas Vik'],
          },
          { sectionSlug: index % 2 === 0 ? 'news' : 'society', tags: index % 4 ? ['Tides'] : [] },
        )
      }
      await ctx.services.authors.setBio('ada-brekke', 'Ada covers the coast.')

      for (const [path, title, description] of [
        ['/news', 'News', 'The latest News stories.'],
        ['/authors/ada-brekke', 'Ada Brekke', 'Stories by Ada Brekke.'],
        ['/tags/tides', 'Tides', 'Stories about Tides.'],
      ] as const) {
        const page = await server.page(path)
        assert.equal(page.response.status, 200, path)
        const listed = hrefsOf(page.document.querySelectorAll('main ul.stack h2 a'))
        const feed = (await (await server.get(`${path}/feed.json`)).json()) as JsonFeed
        assert.ok(listed.length > 5, `${path} lists stories`)
        assert.deepEqual(
          feed.items.map((item) => item.url.slice(SITE.length)).slice(0, listed.length),
          listed,
          `${path}: the feed carries the page's stories, in order`,
        )
        assert.equal(page.document.querySelector('h1')?.text.trim(), title)
        assert.equal(feed.title, `${title} | The Dateline Courier`)
        assert.equal(feed.description, description, path)
        assert.equal(feed.home_page_url, SITE + path)
      }

      const newest = await ctx.services.articles.latest({}, 50)
      const home = (await (await server.get('/feed.json')).json()) as JsonFeed
      assert.equal(home.description, 'The latest news from The Dateline Courier.')
      assert.equal(home.items.length, 24)
      assert.equal(home.items[0]?.url.endsWith(`/${newest[0]?.slug}`), true)
      const front = await server.page('/')
      assert.equal(
        front.document.querySelector('meta[name=description]')?.getAttribute('content'),
        home.description,
      )
    })
  })
}
