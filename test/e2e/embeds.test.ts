// An embed in Debian's Chromium: the reader's page shows the placeholder and
// asks nothing of the source; Load makes the player's frame, from the
// address the server built, in the box the placeholder kept; the CSP lets
// that frame in and nothing else. Requests to other hosts are answered by the
// test itself, so nothing leaves the machine.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { startTestServer } from '../helpers/app.js'
import {
  accessibilityViolations,
  browserUnavailable,
  launchBrowser,
  watchedPage,
} from '../helpers/browser.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { createStaff } from '../web/admin-session.js'
import { pathOf } from '../web/html.js'

const skip = browserUnavailable()
const PLAYER = 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'

/** axe is injected as an inline script, which the CSP rightly refuses: it runs in a copy of the page. */
async function axeOn(browser: Browser, url: string, width: number): Promise<string[]> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } })
  const copy = await context.newPage()
  await copy.goto(url)
  const violations = await accessibilityViolations(copy)
  await context.close()
  return violations
}

for (const dialect of testDialects()) {
  describe(`an embed in the browser (${dialect})`, { skip }, () => {
    test(
      'nothing loads before the click; Load makes the player in the kept box; no CSP violation',
      { timeout: 120_000 },
      async (t) => {
        const ctx = await createTestContext(t, dialect)
        const server = await startTestServer(t, ctx)
        const editor = await createStaff(ctx, 'editor')
        const draft = await ctx.services.editing.createDraft(editor.actor, {
          headline: 'Harbour wall: the film',
          standfirst: 'The council showed its plan on video.',
          dateline: 'BERGEN, NORWAY',
          body: 'The council released a film.\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nIt runs for three minutes.\n\nhttps://bsky.app/profile/desk.bsky.social/post/3kabcdefgh2x',
          keyPoints: [],
          sectionSlug: 'news',
          bylines: ['Ada Brekke'],
          tags: [],
          slug: '',
        })
        const article = await ctx.services.workflow.transition(editor.actor, draft.id, {
          transition: 'publish',
          baseVersion: draft.version,
        })
        const url = server.url + pathOf(article)

        const browser = await launchBrowser(t)
        const { page, problems } = await watchedPage(browser, {
          viewport: { width: 390, height: 844 },
        })
        const away: string[] = []
        await page.context().route('**/*', async (route) => {
          const requested = route.request().url()
          if (requested.startsWith(server.url)) return route.continue()
          away.push(requested)
          // A stand-in player: the frame loads, and the test never goes off the machine.
          return route.fulfill({
            contentType: 'text/html',
            body: '<!doctype html><title>player</title><p id="stand-in">stand-in player</p>',
          })
        })

        await page.goto(url)
        const figure = page.locator('figure.embed-frame')
        await figure.waitFor()
        const button = figure.getByRole('button', { name: 'Load YouTube video' })
        await button.waitFor({ state: 'visible' })
        assert.equal(await page.locator('iframe').count(), 0)
        assert.deepEqual(away, [], 'nothing is asked of the source before the click')
        const link = figure.locator('figcaption a')
        assert.equal(await link.getAttribute('href'), 'https://youtu.be/dQw4w9WgXcQ')

        const before = await figure.boundingBox()
        const box = await figure.locator('.embed-box').boundingBox()
        assert.ok(before && box)
        // 16:9, reserved before anything loads.
        assert.ok(Math.abs(box.width / box.height - 16 / 9) < 0.02, `${box.width}×${box.height}`)

        await button.click()
        const frame = figure.locator('iframe')
        await frame.waitFor()
        assert.equal(await frame.getAttribute('src'), PLAYER)
        assert.equal(await frame.getAttribute('title'), 'YouTube video')
        // Waits for the frame's document: the element can be there before its navigation is.
        await figure.frameLocator('iframe').locator('#stand-in').waitFor()
        assert.ok(page.frame({ url: PLAYER }), 'the player frame exists')
        assert.deepEqual(away, [PLAYER])

        const after = await figure.boundingBox()
        assert.ok(after)
        assert.equal(Math.round(after.height), Math.round(before.height), 'the page did not move')
        assert.deepEqual(problems, [])

        for (const width of [390, 1280]) {
          assert.deepEqual(await axeOn(browser, url, width), [], `axe at ${width} px`)
        }
      },
    )
  })
}
