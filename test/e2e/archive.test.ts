import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { startTestServer } from '../helpers/app.js'
import { browserUnavailable, launchBrowser } from '../helpers/browser.js'
import { createTestContext } from '../helpers/context.js'
import { importArticle } from '../helpers/factories.js'

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)
const skip = browserUnavailable()

/** Runs axe-core's WCAG 2.1 A and AA rules on the page and returns the violations. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            options: object,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>
        }
      }
    ).axe
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return result.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    )
  })
}

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
