// The site's structure in Chromium, as an admin arranges it: the menu
// reordered, a page written and linked, two authors merged, a logo and an
// accent colour set. A reader in another browser context sees each at once.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { startTestServer } from '../helpers/app.js'
import {
  browserUnavailable,
  launchBrowser,
  markdownBody,
  signInThroughForm,
} from '../helpers/browser.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { photo } from '../helpers/images.js'
import { createMediaContext } from '../helpers/media.js'

const skip = browserUnavailable()
const ADMIN = { email: 'chief@news.example', password: 'structure-proof-12-words' }

/** What a reader's fresh visit shows (a reload: the browser keeps pages by the real clock). */
async function readerSees(reader: Page, url: string, path = '/') {
  await reader.goto(url + path)
  await reader.reload()
  return {
    nav: (await reader.locator('header nav.section-nav a').allTextContents()).map((s) => s.trim()),
    footer: (await reader.locator('footer nav a').allTextContents()).map((s) => s.trim()),
    accent: await reader.evaluate(
      () => document.querySelector('link[href^="/theme/accent-"]')?.getAttribute('href') ?? null,
    ),
    logo: await reader.locator('header img.site-logo').count(),
  }
}

for (const dialect of testDialects()) {
  describe(`site structure in a browser (${dialect})`, { skip }, () => {
    test('an admin reorders the menu, adds a page, merges authors, sets a logo and colour; readers see each', async (t) => {
      const { ctx } = await createMediaContext(t, dialect, 'folder', { PAGE_CACHE_MB: '8' })
      await ctx.services.accounts.createUser(COMMAND_LINE, {
        ...ADMIN,
        displayName: 'Chief Editor',
        role: 'admin',
      })
      const { item: logo } = await ctx.services.media.upload(COMMAND_LINE, {
        bytes: await photo({ width: 600, height: 200 }),
        fileName: 'courier-logo.png',
        fields: { alt: 'The Courier’s mark' },
      })
      await importArticle(ctx, { headline: 'Harbour wall repaired', bylines: ['Ada Brekke'] })
      await importArticle(ctx, { headline: 'Ferry timetable agreed', bylines: ['Ada Brekk'] })
      const server = await startTestServer(t, ctx)
      const browser = await launchBrowser(t)
      const desk = await (await browser.newContext()).newPage()
      const reader = await (await browser.newContext()).newPage()
      await signInThroughForm(desk, server.url, ADMIN)
      const before = await readerSees(reader, server.url)
      assert.deepEqual(before.nav.slice(0, 2), ['News', 'Politics'])

      // The menu: Politics moves up, before News.
      await desk.goto(`${server.url}/admin/menus`)
      await desk.getByRole('button', { name: 'Move Politics (Navigation) up' }).click()
      await desk.waitForURL(/\/admin\/menus/)
      assert.deepEqual((await readerSees(reader, server.url)).nav.slice(0, 2), ['Politics', 'News'])

      // A page, written in the editor's Markdown field, published and put in the footer.
      await desk.goto(`${server.url}/admin/pages/new`)
      await desk.getByLabel('Title').fill('How we correct mistakes')
      const body = await markdownBody(desk)
      await body.fill('We correct errors quickly and say so at the foot of the story.')
      await desk.getByLabel(/Readers/).check()
      await desk.getByRole('button', { name: 'Create page' }).click()
      await desk.waitForURL(/\/admin\/pages\//)
      await desk.goto(`${server.url}/admin/menus`)
      const footerPage = desk.locator('#footer-page')
      await footerPage.selectOption({ label: 'How we correct mistakes' })
      await footerPage.locator('xpath=ancestor::form').getByRole('button', { name: 'Add' }).click()
      await desk.waitForURL(/\/admin\/menus/)
      assert.ok((await readerSees(reader, server.url)).footer.includes('How we correct mistakes'))
      await reader.getByRole('link', { name: 'How we correct mistakes' }).click()
      assert.match(await reader.locator('main').innerText(), /We correct errors quickly/)

      // The byline typo: Ada Brekk merged into Ada Brekke; the old page redirects.
      await desk.goto(`${server.url}/admin/authors/ada-brekk`)
      await desk.getByLabel('Merge Ada Brekk into').selectOption({ label: 'Ada Brekke' })
      await desk.getByLabel(/Yes, merge and delete/).check()
      await desk.getByRole('button', { name: 'Merge' }).click()
      await desk.waitForURL(/\/admin\/authors/)
      const merged = await reader.goto(`${server.url}/authors/ada-brekk`)
      assert.equal(new URL(reader.url()).pathname, '/authors/ada-brekke')
      assert.equal(merged?.status(), 200)
      assert.match(await reader.locator('main').innerText(), /Ferry timetable agreed/)

      // The identity: a logo from the library and an accent colour.
      await desk.goto(`${server.url}/admin/settings`)
      await desk.getByLabel('Find in the library').fill('courier-logo')
      await desk.getByRole('button', { name: 'Find images' }).click()
      await desk.locator(`input[name="logo"][value="${logo.id}"]`).check()
      await desk.getByLabel('Accent colour').fill('#0a5c8f')
      await desk.locator('#identity').getByRole('button', { name: 'Save' }).click()
      await desk.waitForURL(/\/admin\/settings/)
      const after = await readerSees(reader, server.url)
      assert.equal(after.accent, '/theme/accent-0a5c8f.css')
      assert.equal(after.logo, 1)
      // Retried on a reset, as a browser retries a GET: a kept connection may just have timed out.
      const css = await reader.request.get(`${server.url}${after.accent}`, { maxRetries: 2 })
      assert.match(await css.text(), /--accent:#0a5c8f/)
    })
  })
}
