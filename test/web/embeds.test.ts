// Embeds on the public page: a click-to-load placeholder, the script only on
// pages that have a frame to load, frame-src for exactly those players (kept
// by the page cache), nothing from another host in any src, and feeds that
// carry the link instead.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { assertValidHtml } from '../helpers/html-validity.js'
import { createStaff } from './admin-session.js'
import { pathOf } from './html.js'

const BODY = [
  'The council met on Tuesday.',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://bsky.app/profile/desk.bsky.social/post/3kabcdefgh2x',
  '<https://datawrapper.dwcdn.net/Ab3dE/2/>',
  'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
  'Watch https://vimeo.com/76979871 later.',
].join('\n\n')

async function publish(t: TestContext, dialect: DialectName, body: string) {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const editor = await createStaff(ctx, 'editor')
  const draft = await ctx.services.editing.createDraft(editor.actor, {
    headline: `Sea wall vote ${Math.random().toString(36).slice(2, 8)}`,
    standfirst: 'The vote ends two years of argument.',
    dateline: 'BERGEN, NORWAY',
    body,
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: [],
    slug: '',
  })
  const published = await ctx.services.workflow.transition(editor.actor, draft.id, {
    transition: 'publish',
    baseVersion: draft.version,
  })
  return { ctx, server, path: pathOf(published), slug: published.slug }
}

/** Every src, srcset, href of a stylesheet or script, and action: what a page loads by itself. */
function loadedAddresses(html: string): string[] {
  return [...html.matchAll(/\s(?:src|srcset|action)="([^"]*)"/g)].map((match) => match[1] ?? '')
}

for (const dialect of testDialects()) {
  describe(`embeds on the article page (${dialect})`, () => {
    test('a placeholder per known source; crafted and inline links stay text', async (t) => {
      const { server, path } = await publish(t, dialect, BODY)
      const { response, html, document } = await server.page(path)
      assert.equal(response.status, 200)
      const figures = document.querySelectorAll('.story-body figure.embed')
      assert.deepEqual(
        figures.map((figure) => figure.querySelector('.embed-source')?.text),
        ['YouTube', 'Bluesky', 'Datawrapper'],
      )
      const [video, post] = figures
      assert.equal(
        video?.getAttribute('data-embed-frame'),
        'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      )
      assert.match(video?.querySelector('.embed-note')?.text ?? '', /contacts YouTube \(Google\)/)
      assert.equal(
        video?.querySelector('figcaption a')?.getAttribute('href'),
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      )
      assert.ok(video?.querySelector('button.embed-load')?.hasAttribute('hidden'))
      // Bluesky has no frame built from an id: its placeholder is the link, nothing to load.
      assert.equal(post?.getAttribute('data-embed-frame'), undefined)
      assert.equal(post?.querySelector('button'), null)
      assert.match(html, /<p>https:\/\/youtube.com.evil.example\/watch\?v=dQw4w9WgXcQ<\/p>/)
      assert.match(html, /<p>Watch https:\/\/vimeo.com\/76979871 later.<\/p>/)
      await assertValidHtml(html, 'article with embeds')
    })

    test('nothing from another host in any src; the script and frame-src only for the players shown', async (t) => {
      const { server, path } = await publish(t, dialect, BODY)
      const { response, html } = await server.page(path)
      for (const address of loadedAddresses(html)) {
        assert.ok(address.startsWith('/'), `loads ${address}`)
      }
      assert.doesNotMatch(html, /<iframe/)
      assert.match(html, /<script src="\/assets\/embeds\.[0-9a-f]+\.js" defer><\/script>/)
      const policy = response.headers.get('content-security-policy') ?? ''
      assert.match(
        policy,
        /; frame-src https:\/\/datawrapper\.dwcdn\.net https:\/\/www\.youtube-nocookie\.com$/,
      )
      assert.match(policy, /default-src 'self'/)
      assert.match(policy, /script-src 'self';/)

      // The cached copy answers with the same policy, so its frames still load.
      const again = await server.get(path)
      assert.equal(again.headers.get('content-security-policy'), policy)
      assert.ok(server.app.pageCache.size.pages >= 1)
    })

    test('a page with no embed, or only link-shaped ones, keeps the site policy and loads no embed script', async (t) => {
      const { server, path } = await publish(
        t,
        dialect,
        'Text.\n\nhttps://x.com/newsdesk/status/1234567890\n\nMore.',
      )
      const { response, html } = await server.page(path)
      assert.equal(response.status, 200)
      assert.match(html, /<figure class="embed embed-post">/)
      assert.doesNotMatch(html, /embeds\.[0-9a-f]+\.js/)
      assert.doesNotMatch(response.headers.get('content-security-policy') ?? '', /frame-src/)
      const home = await server.get('/')
      assert.doesNotMatch(home.headers.get('content-security-policy') ?? '', /frame-src/)
    })

    test('feeds carry the link, not the placeholder', async (t) => {
      const { server } = await publish(t, dialect, BODY)
      for (const feed of ['/feed.rss', '/feed.atom', '/feed.json']) {
        const response = await server.get(feed)
        assert.equal(response.status, 200, feed)
        const text = await response.text()
        assert.match(text, /https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ/, feed)
        assert.doesNotMatch(text, /embed-box|data-embed|youtube-nocookie/, feed)
      }
    })
  })
}
