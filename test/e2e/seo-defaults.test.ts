// The search and sharing fields' defaults in Chromium: as the headline and
// standfirst are typed, each field's placeholder and hint say what will
// apply, the same words the server shows once the story is saved. Without
// JavaScript the defaults the page was sent stay as they were.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startTestServer } from '../helpers/app.js'
import {
  browserUnavailable,
  launchBrowser,
  signInThroughForm,
  watchedPage,
} from '../helpers/browser.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { createStaff } from '../web/admin-session.js'

const skip = browserUnavailable()

const FIELDS = ['metaTitle', 'metaDescription', 'socialTitle', 'socialDescription'] as const

async function desk(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const editor = await createStaff(ctx, 'editor', 'Eda Editor')
  const { article } = await importArticle(
    ctx,
    {
      headline: 'Ferry timetable changes',
      standfirst: 'The night crossing moves.',
      body: ['The night ferry to Bergen will leave an hour earlier from Monday. More follows.'],
      keyPoints: [],
    },
    { draft: true },
  )
  return { server, editor, browser: await launchBrowser(t), path: `/admin/articles/${article.id}` }
}

/** Each field's placeholder and the default its hint names. */
async function shownDefaults(page: Page): Promise<Record<string, [string, string]>> {
  const shown: Record<string, [string, string]> = {}
  for (const field of FIELDS) {
    shown[field] = [
      (await page.locator(`#${field}`).getAttribute('placeholder')) ?? '',
      await page.locator(`#${field}-default`).innerText(),
    ]
  }
  return shown
}

async function openEditor(browser: Browser, setup: Awaited<ReturnType<typeof desk>>, js = true) {
  const { page, problems } = await watchedPage(browser, { javaScriptEnabled: js })
  await signInThroughForm(page, setup.server.url, setup.editor)
  await page.goto(setup.server.url + setup.path)
  await page.locator('details.seo-fields summary').click()
  return { page, problems }
}

for (const dialect of testDialects()) {
  describe(`search and sharing defaults (${dialect})`, { skip }, () => {
    test('follow the headline and standfirst as they are typed, as the server then shows them', async (t) => {
      const setup = await desk(t, dialect)
      const { page, problems } = await openEditor(setup.browser, setup)
      assert.deepEqual((await shownDefaults(page)).metaTitle, [
        'Ferry timetable changes',
        ' (“Ferry timetable changes”)',
      ])

      await page.getByLabel('Headline').fill('Night ferry leaves an hour earlier')
      const longStandfirst = `${'The night crossing moves an hour earlier, '.repeat(6)}and the day one stays.`
      await page.getByLabel('Standfirst').fill(longStandfirst)
      const live = await shownDefaults(page)
      assert.deepEqual(live.metaTitle, [
        'Night ferry leaves an hour earlier',
        ' (“Night ferry leaves an hour earlier”)',
      ])
      assert.equal(live.socialTitle?.[0], 'Night ferry leaves an hour earlier')
      // A long standfirst is cut as the story's brief is, at a word.
      assert.ok(live.metaDescription?.[0].endsWith('…'))
      assert.ok((live.metaDescription?.[0].length ?? 0) <= 220)
      assert.equal(live.socialDescription?.[0], live.metaDescription?.[0])

      // Saved and shown again, the server says the same.
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      await page.waitForURL(/saved=save/)
      await page.locator('details.seo-fields summary').click()
      assert.deepEqual(await shownDefaults(page), live)

      // A meta title of its own becomes the shares' default; no standfirst: the story's first line.
      await page.getByLabel('Meta title').fill('Night ferry: new times')
      await page.getByLabel('Standfirst').fill('')
      const after = await shownDefaults(page)
      assert.equal(after.socialTitle?.[0], 'Night ferry: new times')
      assert.equal(
        after.metaDescription?.[0],
        'The night ferry to Bergen will leave an hour earlier from Monday.',
      )
      assert.deepEqual(problems, [])
    })

    test('without JavaScript the defaults the page was sent stay', async (t) => {
      const setup = await desk(t, dialect)
      const { page } = await openEditor(setup.browser, setup, false)
      const sent = await shownDefaults(page)
      await page.getByLabel('Headline').fill('Another headline altogether')
      assert.deepEqual(await shownDefaults(page), sent)
      assert.equal(sent.metaTitle?.[0], 'Ferry timetable changes')
    })
  })
}
