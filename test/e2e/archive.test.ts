import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { accessibilityViolations, browserUnavailable, launchBrowser } from '../helpers/browser.js'
import { createTestContext } from '../helpers/context.js'
import { importArticle } from '../helpers/factories.js'

const skip = browserUnavailable()

describe('the date archive and At a glance in a real browser', { skip }, () => {
  test('archive and At a glance pages pass axe WCAG 2.1 AA, fit a phone, and link up a level', async (t) => {
    const ctx = await createTestContext(t, 'sqlite')
    for (let index = 0; index < 22; index++) {
      ctx.clock.advance(60_000)
      await importArticle(
        ctx,
        { headline: `Ferry timetable change number ${index}` },
        { sectionSlug: index % 2 ? 'news' : 'sport' },
      )
    }
    const server = await startTestServer(t, ctx)
    const browser = await launchBrowser(t)
    // axe is injected as a script, which the site's CSP rightly forbids; this context bypasses it.
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 375, height: 740 },
    })
    const page = await context.newPage()
    for (const path of [
      '/2026/11/17',
      '/2026/11/17?page=2',
      '/2026/11',
      '/2026',
      '/2015/11/27',
      '/at-a-glance',
      '/at-a-glance?page=2',
    ]) {
      await page.goto(server.url + path)
      assert.deepEqual(await accessibilityViolations(page), [], `axe violations on ${path}`)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      assert.ok(overflow <= 0, `${path} scrolls sideways on a phone by ${overflow}px`)
    }

    // From a day up to its month, then to the home page's rail and on to At a glance.
    const reader = await browser.newPage()
    await reader.goto(`${server.url}/2026/11/17`)
    assert.equal(await reader.locator('h1').textContent(), 'Tuesday, November 17th 2026')
    await reader
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByRole('link', { name: 'November 2026' })
      .click()
    await reader.waitForURL(/\/2026\/11$/)
    assert.equal(await reader.locator('h1').textContent(), 'November 2026')
    await reader.getByRole('link', { name: 'Older stories →' }).click()
    await reader.waitForURL(/\/2026\/11\?page=2$/)
    await reader.goto(`${server.url}/`)
    await reader.getByRole('link', { name: 'At a glance' }).click()
    await reader.waitForURL(/\/at-a-glance$/)
    assert.equal(await reader.locator('h1').textContent(), 'At a glance')
  })
})
