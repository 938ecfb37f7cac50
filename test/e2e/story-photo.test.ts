// A photo from the editor to the reader, in Debian's Chromium: a contributor
// uploads it from the editor with its alt text and caption and submits the
// story; an editor publishes it; the reader's page shows it responsively,
// choosing a sensible rendition at a phone's and a desktop's width, with no
// console error, no CSP violation and no axe violation.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { startTestServer } from '../helpers/app.js'
import {
  accessibilityViolations,
  browserUnavailable,
  launchBrowser,
  markdownBody,
  signInThroughForm,
  watchedPage,
} from '../helpers/browser.js'
import { photo } from '../helpers/images.js'
import { createMediaContext } from '../helpers/media.js'

const skip = browserUnavailable()
const SCREENSHOTS = process.env.SCREENSHOTS

const WRITER = { email: 'tom@news.example', password: 'harbour-lights-41', name: 'Tom Reyes' }
const EDITOR = { email: 'eda@news.example', password: 'harbour-lights-42', name: 'Eda Editor' }

/** The lead picture as the browser chose it: the rendition's width, and the width it is shown at. */
async function chosenLead(page: Page): Promise<{ chosen: number; shown: number; dpr: number }> {
  const image = page.locator('figure.lead-figure img')
  await image.evaluate((img: HTMLImageElement) =>
    img.complete ? undefined : new Promise((done) => img.addEventListener('load', done)),
  )
  return image.evaluate((img: HTMLImageElement) => ({
    chosen: Number(/-(\d+)\.(avif|webp|jpg)$/.exec(img.currentSrc)?.[1] ?? 0),
    shown: img.getBoundingClientRect().width,
    dpr: window.devicePixelRatio,
  }))
}

/** axe is injected as an inline script, which the CSP rightly refuses: it runs in a copy of the page. */
async function axeOn(browser: Browser, url: string): Promise<string[]> {
  const context = await browser.newContext({ bypassCSP: true })
  const copy = await context.newPage()
  await copy.goto(url)
  const violations = await accessibilityViolations(copy)
  await context.close()
  return violations
}

describe('a photo from the editor to the reader', { skip }, () => {
  test(
    'uploaded in the editor with alt text and caption, published, shown with srcset at 390 and 1280 px',
    { timeout: 180_000 },
    async (t) => {
      const { ctx } = await createMediaContext(t, 'sqlite', 'folder')
      for (const [who, role] of [
        [WRITER, 'contributor'],
        [EDITOR, 'editor'],
      ] as const) {
        await ctx.services.accounts.createUser(COMMAND_LINE, {
          email: who.email,
          displayName: who.name,
          role,
          password: who.password,
        })
      }
      const server = await startTestServer(t, ctx)
      const browser = await launchBrowser(t)

      // The contributor writes, uploads the photo from the editor and submits.
      const writer = await watchedPage(browser)
      await signInThroughForm(writer.page, server.url, WRITER)
      await writer.page.goto(`${server.url}/admin/articles/new`)
      await writer.page.getByLabel('Headline').fill('The ferry to Vargön runs again')
      await writer.page.getByLabel('Dateline').fill('VARGÖN, SWEDEN')
      await (
        await markdownBody(writer.page)
      ).fill('The ferry returned to service on Monday.\n\nIt runs every hour until dusk.')
      // The lead image's chooser (the editor has another, for the social image).
      const lead = writer.page.locator('[data-image-chooser=lead_image]')
      assert.equal(await lead.locator('[data-image-upload]').isVisible(), true)
      await writer.page.setInputFiles('#lead_image-file', {
        name: 'ferry.jpg',
        mimeType: 'image/jpeg',
        buffer: await photo({ width: 2400, height: 1600, seed: 70 }),
      })
      await lead.getByLabel('Alt text: what the photo shows').fill('The ferry at its pier')
      await lead.getByLabel('Caption').fill('The ferry waits at Vargön pier')
      await lead.getByRole('button', { name: 'Upload and use' }).click()
      await lead.locator('[data-upload-status]', { hasText: 'Added to the library' }).waitFor()
      const chosen = writer.page.locator('input[name=lead_image]:checked')
      const leadId = await chosen.getAttribute('value')
      assert.match(leadId ?? '', /^[0-9a-f-]{36}$/)
      // The script's search asks the library without leaving the page: what was typed stays.
      await lead.getByLabel('Find in the library').fill('ferry')
      await lead.getByRole('button', { name: 'Find images' }).click()
      await writer.page.waitForFunction(
        () => document.querySelectorAll('input[name=lead_image]').length === 2,
      )
      assert.equal(writer.page.url(), `${server.url}/admin/articles/new`)
      assert.equal(
        await writer.page.locator('input[name=lead_image]:checked').getAttribute('value'),
        leadId,
      )
      await Promise.all([
        writer.page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}\?saved=submit$/),
        writer.page.getByRole('button', { name: 'Submit for review' }).click(),
      ])
      const articleId = /articles\/([0-9a-f-]{36})/.exec(writer.page.url())?.[1] ?? ''
      const submitted = await ctx.stores.articles.findById(articleId)
      assert.equal(submitted?.status, 'in_review')
      assert.equal(submitted?.leadImage?.id, leadId)
      assert.equal(submitted?.leadImage?.alt, 'The ferry at its pier')
      assert.equal(submitted?.leadImage?.caption, 'The ferry waits at Vargön pier')
      if (SCREENSHOTS) {
        await writer.page.screenshot({
          path: `${SCREENSHOTS}/editor-lead-image.png`,
          fullPage: true,
        })
      }
      assert.deepEqual(writer.problems, [], 'console errors or CSP violations in the newsroom')

      // An editor publishes it.
      const editor = await watchedPage(browser)
      await signInThroughForm(editor.page, server.url, EDITOR)
      await editor.page.goto(`${server.url}/admin/articles/${articleId}`)
      await Promise.all([
        editor.page.waitForURL(/\?saved=publish$/),
        editor.page.getByRole('button', { name: 'Publish now' }).click(),
      ])
      const published = await ctx.stores.articles.findById(articleId)
      assert.equal(published?.status, 'published')
      const path =
        (await editor.page.getByRole('link', { name: 'View on the site' }).getAttribute('href')) ??
        ''

      // The reader, on a phone and on a desktop with a high-density screen.
      const widths: number[] = []
      for (const viewport of [
        { width: 390, height: 844, deviceScaleFactor: 1 },
        { width: 1280, height: 900, deviceScaleFactor: 2 },
      ]) {
        const reader = await watchedPage(browser, {
          viewport: { width: viewport.width, height: viewport.height },
          deviceScaleFactor: viewport.deviceScaleFactor,
        })
        await reader.page.goto(server.url + path)
        const caption = await reader.page.locator('figure.lead-figure figcaption').textContent()
        assert.equal(caption?.trim(), 'The ferry waits at Vargön pier')
        assert.equal(
          await reader.page.locator('figure.lead-figure img').getAttribute('alt'),
          'The ferry at its pier',
        )
        const lead = await chosenLead(reader.page)
        // Enough pixels for the slot at this density, and not the largest there is.
        assert.ok(lead.chosen >= lead.shown * lead.dpr, JSON.stringify(lead))
        assert.ok(lead.chosen < 2 * lead.shown * lead.dpr + 320, JSON.stringify(lead))
        widths.push(lead.chosen)
        if (SCREENSHOTS) {
          await reader.page.screenshot({
            path: `${SCREENSHOTS}/reader-${viewport.width}.png`,
            fullPage: true,
          })
        }
        assert.deepEqual(
          reader.problems,
          [],
          `console errors or CSP violations at ${viewport.width}`,
        )
      }
      const [phone = 0, desktop = 0] = widths
      assert.ok(phone < desktop, `the phone (${phone}w) gets less than the desktop (${desktop}w)`)
      assert.deepEqual(await axeOn(browser, server.url + path), [], 'axe on the article')
    },
  )
})
