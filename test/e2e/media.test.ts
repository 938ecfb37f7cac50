// The media library in Debian's Chromium: files dropped on the upload form are
// sent by the form itself, the plain file input works too, the image's page
// sets the focal point with a click, and the pages are valid, accessible and
// break no rule of the CSP.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { startTestServer } from '../helpers/app.js'
import {
  accessibilityViolations,
  browserUnavailable,
  launchBrowser,
  signInThroughForm,
  watchedPage,
} from '../helpers/browser.js'
import { assertValidHtml } from '../helpers/html-validity.js'
import { photo } from '../helpers/images.js'
import { createMediaContext } from '../helpers/media.js'

const skip = browserUnavailable()
const SCREENSHOTS = process.env.SCREENSHOTS

const WRITER = { email: 'ines@news.example', password: 'harbour-lights-41', name: 'Ines Carvalho' }

describe('the media library in a real browser', { skip }, () => {
  test(
    'drop two photos, then one with the file input; set the focal point by clicking',
    { timeout: 180_000 },
    async (t) => {
      const { ctx } = await createMediaContext(t, 'sqlite', 'folder')
      await ctx.services.accounts.createUser(COMMAND_LINE, {
        email: WRITER.email,
        displayName: WRITER.name,
        role: 'contributor',
        password: WRITER.password,
      })
      const server = await startTestServer(t, ctx)
      const browser = await launchBrowser(t)
      const { page, problems } = await watchedPage(browser)
      /** axe is injected as an inline script, which the CSP rightly refuses: it runs in a copy of the page. */
      const axeOn = async (url: string) => {
        const context = await browser.newContext({
          bypassCSP: true,
          storageState: await page.context().storageState(),
        })
        const copy = await context.newPage()
        await copy.goto(url)
        const violations = await accessibilityViolations(copy)
        await context.close()
        return violations
      }

      await signInThroughForm(page, server.url, WRITER)
      await page.getByRole('link', { name: 'Media' }).click()
      await page.waitForURL(`${server.url}/admin/media`)
      assert.equal(
        await page.locator('[data-drop-hint]').isVisible(),
        true,
        'the script offers dropping',
      )

      // Two files dropped on the form, as a file manager would.
      const files: [Buffer, Buffer] = await Promise.all([
        photo({ width: 900, height: 600, seed: 60 }),
        photo({ width: 600, height: 800, seed: 160, format: 'png' }),
      ])
      const dropped = await page.evaluateHandle(
        ([first, second]) => {
          const transfer = new DataTransfer()
          transfer.items.add(
            new File([new Uint8Array(first)], 'harbour.jpg', { type: 'image/jpeg' }),
          )
          transfer.items.add(
            new File([new Uint8Array(second)], 'portrait.png', { type: 'image/png' }),
          )
          return transfer
        },
        [[...files[0]], [...files[1]]] as [number[], number[]],
      )
      const form = page.locator('form[data-dropzone]')
      await form.dispatchEvent('dragenter', { dataTransfer: dropped })
      assert.match((await form.getAttribute('class')) ?? '', /drop-active/)
      await form.dispatchEvent('drop', { dataTransfer: dropped })
      // The form itself is sent: the page that answers reports each file.
      await page.locator('.upload-outcomes li').first().waitFor()
      const reported = await page.locator('.upload-outcomes li').allTextContents()
      assert.deepEqual(
        reported.map((line) => line.replace(/\s+/g, ' ').trim()),
        ['✓ harbour.jpg: added.', '✓ portrait.png: added.'],
      )
      assert.equal(await page.locator('.media-tile img').count(), 2)
      if (SCREENSHOTS) {
        await page.screenshot({ path: `${SCREENSHOTS}/media-1-library.png`, fullPage: true })
      }
      assert.deepEqual(await axeOn(page.url()), [], 'axe on the library')
      // Retried on a reset, as a browser retries a GET: the connection kept from the first
      // call may meet the server's 5 s keep-alive timeout just as it is used again (seen in CI).
      const served = async (url: string) =>
        (await page.context().request.get(url, { maxRetries: 2 })).text()
      await assertValidHtml(await served(page.url()), 'the media library')

      // The plain file input, as without JavaScript: one file goes to its page.
      await page.setInputFiles('#files', {
        name: 'quay.jpg',
        mimeType: 'image/jpeg',
        buffer: await photo({ width: 1200, height: 800, seed: 30 }),
      })
      await Promise.all([
        page.waitForURL(/\/admin\/media\/[0-9a-f-]{36}\?done=uploaded$/),
        page.getByRole('button', { name: 'Upload' }).click(),
      ])
      assert.equal(await page.locator('h1').textContent(), 'quay.jpg')
      const picture = page.locator('[data-focal-picker] img')
      await picture.evaluate((image: HTMLImageElement) =>
        image.complete ? undefined : new Promise((done) => image.addEventListener('load', done)),
      )
      assert.ok(
        await picture.evaluate((image: HTMLImageElement) => image.naturalWidth > 0),
        'shown',
      )
      const box = await picture.boundingBox()
      assert.ok(box)
      await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75)
      const x = Number(await page.locator('#focal_x').inputValue())
      const y = Number(await page.locator('#focal_y').inputValue())
      assert.ok(Math.abs(x - 25) < 1 && Math.abs(y - 75) < 1, `focal point ${x}, ${y}`)
      assert.equal(await page.locator('[data-focal-marker]').isVisible(), true)
      await page.getByLabel('Alt text').fill('The quay at low tide, boats resting on the mud')
      await Promise.all([
        page.waitForURL(/\?done=saved$/),
        page.getByRole('button', { name: 'Save' }).click(),
      ])
      if (SCREENSHOTS) {
        await page.screenshot({ path: `${SCREENSHOTS}/media-2-item.png`, fullPage: true })
      }
      const id = /\/admin\/media\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? ''
      const saved = await ctx.stores.media.findById(id)
      assert.equal(saved?.alt, 'The quay at low tide, boats resting on the mud')
      assert.ok(Math.abs((saved?.focalPoint.x ?? 0) - 0.25) < 0.01)
      assert.deepEqual(await axeOn(page.url()), [], 'axe on the image page')
      await assertValidHtml(await served(page.url()), 'an image page')
      assert.deepEqual(problems, [], 'console errors or CSP violations')
    },
  )
})
