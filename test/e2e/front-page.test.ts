// The arranged front page in Chromium. An editor places a lead, pins a story,
// reorders by keyboard (the page's script), raises a banner and lets it and the
// pin run out by the injected clock; a reader in another browser context, with
// the page cache on, sees each at once. Then every public page: no sideways
// scroll at 390 px, and no axe violation at 390, 768, 1280 and 1600 px.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { Page } from 'playwright-core'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { accessibilityViolations, browserUnavailable, launchBrowser } from '../helpers/browser.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { photo } from '../helpers/images.js'
import { createMediaContext } from '../helpers/media.js'
import type { TestAppContext } from '../helpers/context.js'
import { pathOf } from '../web/html.js'

const skip = browserUnavailable()
const EDITOR = { email: 'desk@news.example', password: 'front-page-proof-12' }
const WIDTHS = [390, 768, 1280, 1600]
const HOUR = 3_600_000
const SECTIONS = ['news', 'politics', 'features', 'arts', 'entertainment', 'society', 'sport']

/** A site with `count` stories across every section, every other one with a photo. */
async function newsSite(
  t: TestContext,
  dialect: DialectName,
  count: number,
): Promise<{ ctx: TestAppContext; server: TestServer; stories: Article[] }> {
  const { ctx } = await createMediaContext(t, dialect, 'folder', { PAGE_CACHE_MB: '8' })
  await ctx.services.accounts.createUser(COMMAND_LINE, {
    ...EDITOR,
    displayName: 'Desk Editor',
    role: 'editor',
  })
  const stories: Article[] = []
  for (let index = 0; index < count; index++) {
    ctx.clock.advance(60_000)
    const leadImageId =
      index % 2 === 0
        ? (
            await ctx.services.media.upload(COMMAND_LINE, {
              bytes: await photo({ width: 1200, height: 800, seed: index }),
              fileName: `photo-${index}.jpg`,
              fields: { alt: `A harbour scene, number ${index}` },
            })
          ).item.id
        : undefined
    const { article } = await importArticle(
      ctx,
      { headline: `Story ${index} from the quay`, dateLine: '' },
      { sectionSlug: SECTIONS[index % SECTIONS.length] ?? 'news', tags: ['Harbours'], leadImageId },
    )
    stories.push(article)
  }
  return { ctx, server: await startTestServer(t, ctx), stories }
}

async function signIn(page: Page, server: TestServer): Promise<void> {
  await page.goto(`${server.url}/admin/login`)
  await page.getByLabel('Email').fill(EDITOR.email)
  await page.getByLabel('Password').fill(EDITOR.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(`${server.url}/admin`)
}

/**
 * What a reader sees at the top of the home page, reloaded as a person would:
 * the browser keeps a page for max-age by the real clock (not the test's), so
 * a plain visit could show its own copy; a reload asks the site again.
 */
async function readerFront(reader: Page, server: TestServer) {
  if (reader.url() !== `${server.url}/`) await reader.goto(`${server.url}/`)
  await reader.reload()
  return {
    lead: (await reader.locator('.lead-story h2').textContent())?.trim(),
    top: (await reader.locator('.top-stories h3').allTextContents()).map((text) => text.trim()),
    banner: (await reader.locator('.breaking').count())
      ? (await reader.locator('.breaking').textContent())?.trim()
      : undefined,
  }
}

describe('the arranged front page in a browser', { skip }, () => {
  for (const dialect of testDialects()) {
    test(`an editor arranges it and readers see each change at once (${dialect})`, async (t) => {
      const { ctx, server, stories } = await newsSite(t, dialect, 10)
      const browser = await launchBrowser(t)
      const desk = await (
        await browser.newContext({ viewport: { width: 1280, height: 900 } })
      ).newPage()
      const reader = await (await browser.newContext()).newPage()
      const [, , two, three] = stories
      assert.ok(two && three)

      assert.equal((await readerFront(reader, server)).lead, 'Story 9 from the quay')

      await signIn(desk, server)
      await desk.getByRole('link', { name: 'Front page' }).click()
      await desk.waitForURL(`${server.url}/admin/front-page`)
      // Pick a lead: the first story placed leads.
      await desk.getByRole('button', { name: `Place “${two.headline}”` }).click()
      await desk.waitForURL(/done=placed/)
      assert.equal((await readerFront(reader, server)).lead, two.headline)

      // Pin another for an hour: it joins the top stories.
      await desk.getByLabel(`How long “${three.headline}” stays`).selectOption('1')
      await desk.getByRole('button', { name: `Place “${three.headline}”` }).click()
      await desk.waitForURL(/done=placed/)
      assert.equal((await readerFront(reader, server)).top[0], three.headline)

      // With the script, the arrow keys move it up from its place label; one save sends the order.
      await desk.locator(`#placed-${three.id} .placed-place`).focus()
      await desk.keyboard.press('ArrowUp')
      await desk.getByRole('button', { name: 'Save this order' }).click()
      await desk.waitForURL(/done=moved/)
      assert.equal((await readerFront(reader, server)).lead, three.headline)

      // A banner, linked to a story, on every page.
      await desk.getByLabel('Breaking-news line').fill('Sea wall breached at the north quay')
      await desk.getByLabel('Links to (optional)').selectOption(two.id)
      await desk.getByLabel('For', { exact: true }).selectOption('2')
      await desk.getByRole('button', { name: 'Raise the banner' }).click()
      await desk.waitForURL(/done=raised/)
      const front = await readerFront(reader, server)
      assert.equal(front.banner, 'Breaking Sea wall breached at the north quay')
      await reader.getByRole('link', { name: 'Sea wall breached at the north quay' }).click()
      await reader.waitForURL(/story-2-from-the-quay$/)
      assert.ok(await reader.locator('.breaking').isVisible(), 'the article page has it too')

      // An hour on, the pin has run out; two hours on, the banner too.
      ctx.clock.advance(HOUR + 1000)
      const later = await readerFront(reader, server)
      assert.equal(later.lead, two.headline)
      assert.ok(!later.top.includes(three.headline), 'the pinned story has left the front page')
      assert.ok(later.banner, 'the banner is still up')
      ctx.clock.advance(HOUR)
      assert.equal((await readerFront(reader, server)).banner, undefined)
    })
  }

  test('every public page fits a phone and passes axe at four widths', async (t) => {
    const { ctx, server, stories } = await newsSite(t, 'sqlite', 24)
    const story = stories.at(-1)
    assert.ok(story)
    await ctx.services.frontPage.raiseBanner(COMMAND_LINE, {
      text: 'Sea wall breached at the north quay',
      articleId: story.id,
      hours: 2,
    })
    const thread = await ctx.services.threads.create(COMMAND_LINE, { title: 'The sea wall' })
    await ctx.services.threads.addArticle(COMMAND_LINE, thread.slug, story.id)
    const paths = [
      '/',
      pathOf(story),
      '/news',
      '/authors/ada-brekke',
      '/tags/harbours',
      '/search?q=quay',
      '/search?q=nothing+matches+this',
      `/threads/${thread.slug}`,
      '/at-a-glance',
      '/no-such-page',
    ]
    const browser = await launchBrowser(t)
    for (const width of WIDTHS) {
      // axe is injected as a script, which the site's CSP rightly forbids; this context bypasses it.
      const context = await browser.newContext({
        bypassCSP: true,
        viewport: { width, height: 900 },
      })
      const page = await context.newPage()
      for (const path of paths) {
        await page.goto(server.url + path)
        assert.deepEqual(await accessibilityViolations(page), [], `axe at ${width}px on ${path}`)
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        )
        assert.ok(overflow <= 0, `${path} scrolls sideways at ${width}px by ${overflow}px`)
      }
      await context.close()
    }
  })
})
