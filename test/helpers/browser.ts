import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { after, type TestContext } from 'node:test'
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Why browser tests cannot run here, or undefined when they can. CI must run them. */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${reason}; CI must run the browser tests`)
  }
  return reason
}

let shared: Promise<Browser> | undefined
// Registered as the module loads, so that it runs after the file's last test, not the first's.
after(async () => {
  if (shared) await (await shared).close()
})

/**
 * Debian's Chromium, headless, with nothing reaching out to the network on its
 * own. One browser serves every test of a file (each test opens its own
 * contexts, which share nothing); it closes after the file's last test.
 */
export async function launchBrowser(t: TestContext): Promise<Browser> {
  if (!shared) {
    shared = chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
  }
  const browser = await shared
  // Whatever a test opened goes with it.
  t.after(() => Promise.all(browser.contexts().map((context) => context.close())))
  return browser
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** Runs axe-core's WCAG 2.1 A and AA rules on the page and returns the violations. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
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

/**
 * A page that records console errors, uncaught exceptions and CSP violations.
 * The listener is installed by the browser, not by a script in the page, so the CSP does not stop it.
 */
export async function watchedPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP: ${text}`))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void })
        .reportViolation
      void report(`${event.violatedDirective} blocked ${event.blockedURI}`)
    })
  })
  return { page, problems }
}

/**
 * The article body's Markdown field. The rich-text editor hides it; its
 * "Edit as Markdown" button shows it again, for tests about what is typed there
 * (autosave, conflicts, preview) rather than about the editor itself.
 */
export async function markdownBody(page: Page): Promise<Locator> {
  const field = page.locator('textarea#body')
  const toggle = page.getByRole('button', { name: 'Edit as Markdown' })
  // Deferred scripts have run by DOMContentLoaded: the editor is mounted by then, if it will be.
  await page.waitForLoadState('domcontentloaded')
  if (await field.isHidden()) await toggle.click()
  return field
}

/** Signs in through the newsroom's own form, as a person would, and waits for the dashboard. */
export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  who: { email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`)
  await page.getByLabel('Email').fill(who.email)
  await page.getByLabel('Password').fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(`${baseUrl}/admin`)
}
