import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { accessibilityViolations, browserUnavailable, launchBrowser } from '../helpers/browser.js'
import { createTestContext } from '../helpers/context.js'
import { importArticle } from '../helpers/factories.js'

const skip = browserUnavailable()

describe('a reader in a real browser', { skip }, () => {
  test('reads from the front page to an article, offline from every other host, with no accessibility violations', async (t) => {
    const ctx = await createTestContext(t, 'sqlite')
    for (const section of ['news', 'politics', 'sport']) {
      await importArticle(ctx, {}, { sectionSlug: section, tags: ['Harbours'] })
    }
    const { article } = await importArticle(
      ctx,
      { headline: 'Ferry pilots read the ice by sound' },
      { sectionSlug: 'features' },
    )
    const server = await startTestServer(t, ctx)
    const browser = await launchBrowser(t)

    const page = await browser.newPage()
    const requests: string[] = []
    const problems: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))

    await page.goto(`${server.url}/`)
    await page.getByRole('link', { name: article.headline }).first().click()
    await page.waitForURL(/\/\d{4}\/\d{2}\/\d{2}\/ferry-pilots-read-the-ice-by-sound$/)
    assert.equal(await page.locator('h1').textContent(), article.headline)
    await page.getByRole('link', { name: 'Ada Brekke' }).first().click()
    await page.waitForURL(/\/authors\/ada-brekke$/)
    assert.equal(await page.locator('h1').textContent(), 'Ada Brekke')

    assert.deepEqual(problems, [], 'no console errors or CSP violations')
    const foreign = requests.filter((url) => !url.startsWith(server.url))
    assert.deepEqual(foreign, [], 'no request leaves the site')

    // Keyboard users land on the skip link first.
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content')
  })

  test('home, article, section and 404 pages pass axe WCAG 2.1 AA and fit a phone screen', async (t) => {
    const ctx = await createTestContext(t, 'sqlite')
    const { article } = await importArticle(ctx, {}, { tags: ['Harbours'] })
    await importArticle(ctx, {}, { sectionSlug: 'politics' })
    const server = await startTestServer(t, ctx)
    const browser = await launchBrowser(t)
    const articlePage = await server.get(
      `/${article.publishedAt?.getUTCFullYear()}/11/17/${article.slug}`,
    )
    assert.equal(articlePage.status, 200)

    // axe is injected as a script, which the site's CSP rightly forbids; this context bypasses it.
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 375, height: 740 },
    })
    const page = await context.newPage()
    for (const path of [
      '/',
      `/2026/11/17/${article.slug}`,
      '/politics',
      '/tags/harbours',
      '/no-such-page',
    ]) {
      await page.goto(server.url + path)
      assert.deepEqual(await accessibilityViolations(page), [], `axe violations on ${path}`)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      assert.ok(overflow <= 0, `${path} scrolls sideways on a phone by ${overflow}px`)
    }
  })
})
