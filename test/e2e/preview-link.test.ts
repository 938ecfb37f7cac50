// A preview link in Debian's Chromium: an editor makes one in the newsroom
// with the keyboard-free path a person takes (choose a lifetime, Create), and
// a fresh browser context, with no cookies and no account, opens it and sees
// the draft marked as a preview, with no console error, no CSP violation, no
// axe violation and no cookie set.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import {
  accessibilityViolations,
  browserUnavailable,
  launchBrowser,
  signInThroughForm,
  watchedPage,
} from '../helpers/browser.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { createStaff } from '../web/admin-session.js'

const skip = browserUnavailable()

for (const dialect of testDialects()) {
  describe(`a preview link in the browser (${dialect})`, { skip }, () => {
    test(
      'made in the newsroom, opened in a fresh context with no cookies',
      { timeout: 120_000 },
      async (t) => {
        const ctx = await createTestContext(t, dialect)
        const server = await startTestServer(t, ctx)
        const editor = await createStaff(ctx, 'editor')
        const { article: draft } = await importArticle(
          ctx,
          {
            headline: 'Ferry timetable to change in spring',
            standfirst: 'Not announced yet.',
            body: ['The ferry company will cut the late crossings from March.'],
          },
          { draft: true },
        )

        const browser = await launchBrowser(t)
        const newsroom = await watchedPage(browser)
        const page = newsroom.page
        await signInThroughForm(page, server.url, editor)
        await page.goto(`${server.url}/admin/articles/${draft.id}`)
        await page.getByRole('link', { name: 'Preview links' }).click()
        await page.getByLabel('The link works for').selectOption({ label: '3 days' })
        await page.getByRole('button', { name: 'Create preview link' }).click()
        const address = await page.getByLabel(/New preview link/).inputValue()
        assert.match(address, /^https:\/\/news\.example\/preview\/[A-Za-z0-9_-]{43}$/)
        assert.match(
          await page.locator('.preview-links').innerText(),
          /works until Monday, November 23rd 2026/,
        )
        assert.deepEqual(newsroom.problems, [])
        // The newsroom's page, with the link shown, checked by axe in a copy signed in alike.
        const signedIn = await browser.newContext({
          bypassCSP: true,
          storageState: await page.context().storageState(),
        })
        const listPage = await signedIn.newPage()
        await listPage.goto(`${server.url}/admin/articles/${draft.id}/previews`)
        assert.equal(await listPage.locator('.preview-links li').count(), 1)
        assert.deepEqual(await accessibilityViolations(listPage), [])
        await signedIn.close()

        // Someone else entirely: a new context shares no cookies with the newsroom's.
        const reader = await watchedPage(browser, { viewport: { width: 390, height: 844 } })
        const url = address.replace('https://news.example', server.url)
        const response = await reader.page.goto(url)
        assert.equal(response?.status(), 200)
        assert.equal(response?.headers()['x-robots-tag'], 'noindex')
        await reader.page.getByText('Preview — not published').waitFor()
        assert.equal(
          await reader.page.getByRole('heading', { level: 1 }).innerText(),
          'Ferry timetable to change in spring',
        )
        assert.match(await reader.page.locator('.story-body').innerText(), /late crossings/)
        assert.deepEqual(await reader.page.context().cookies(), [])
        assert.deepEqual(reader.problems, [])

        const copy = await browser.newContext({ bypassCSP: true })
        const axePage = await copy.newPage()
        await axePage.goto(url)
        assert.deepEqual(await accessibilityViolations(axePage), [])
        await copy.close()
      },
    )
  })
}
