import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Role } from '../../src/domain/accounts/user.js'
import { toLocalInput } from '../../src/web/admin/editor-values.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import {
  accessibilityViolations,
  browserUnavailable,
  launchBrowser,
  markdownBody,
  signInThroughForm,
  watchedPage,
} from '../helpers/browser.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { inputOf } from '../helpers/factories.js'

const skip = browserUnavailable()
/** Set SCREENSHOTS=/some/dir to keep a picture of each step while working on the newsroom. */
const SCREENSHOTS = process.env.SCREENSHOTS

interface Person {
  email: string
  password: string
  name: string
  role: Role
}

const CONTRIBUTOR: Person = {
  email: 'ines@news.example',
  password: 'harbour-lights-41',
  name: 'Ines Carvalho',
  role: 'contributor',
}
const EDITOR: Person = {
  email: 'tomas@news.example',
  password: 'copy-desk-night-77',
  name: 'Tomas Brandt',
  role: 'editor',
}
const ADMIN: Person = {
  email: 'ruth@news.example',
  password: 'front-page-proof-12',
  name: 'Ruth Okafor',
  role: 'admin',
}

/** A name no author has yet: the editor's byline field makes a new author of it. */
const NEW_BYLINE = 'Oskar Lindqvist'

const STORY = {
  headline: 'Ferry operators agree winter timetable after island talks',
  standfirst: 'Crossings will run twice a day from December.',
  dateline: 'KIRKWALL, ORKNEY',
  body: [
    'Ferry operators and island councils agreed a winter timetable on Thursday after two days of talks.',
    '## Fares stay the same',
    '> "Nobody on the islands should have to choose between a doctor and a day\'s wages," said the council leader.',
    'The timetable starts on 14 December.',
  ].join('\n\n'),
  keyPoints: 'Two crossings a day from December\nFares unchanged until spring',
  section: 'politics',
  sectionName: 'Politics',
  tags: 'Ferries, Islands',
}

interface Newsroom {
  ctx: TestAppContext
  server: TestServer
  browser: Browser
}

/** A fresh site with a contributor, an editor and an admin, served over HTTP, and a browser. */
async function newsroom(t: TestContext): Promise<Newsroom> {
  const ctx = await createTestContext(t, 'sqlite')
  for (const person of [CONTRIBUTOR, EDITOR, ADMIN]) {
    await ctx.services.accounts.createUser(COMMAND_LINE, {
      email: person.email,
      displayName: person.name,
      role: person.role,
      password: person.password,
    })
  }
  const server = await startTestServer(t, ctx)
  const browser = await launchBrowser(t)
  return { ctx, server, browser }
}

async function snap(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
}

async function signIn(page: Page, server: TestServer, person: Person): Promise<void> {
  await signInThroughForm(page, server.url, person)
  assert.equal(await page.locator('h1').textContent(), 'Dashboard')
}

async function signOut(page: Page, server: TestServer): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL(`${server.url}/admin/login`)
}

/** The editor's id from its URL, /admin/articles/:id?saved=… */
function articleIdOf(page: Page): string {
  const id = /\/admin\/articles\/([0-9a-f-]{36})/.exec(page.url())?.[1]
  assert.ok(id, `not an article's editor: ${page.url()}`)
  return id
}

/** Fills the new-article form with STORY; the first byline is already the writer's own name. */
async function writeStory(page: Page, story: typeof STORY = STORY): Promise<void> {
  await page.getByLabel('Headline').fill(story.headline)
  await page.getByLabel('Standfirst').fill(story.standfirst)
  await page.getByLabel('Dateline').fill(story.dateline)
  await page.getByLabel('Byline 2', { exact: true }).fill(NEW_BYLINE)
  await (await markdownBody(page)).fill(story.body)
  await page.getByLabel('At a glance').fill(story.keyPoints)
  await page.getByLabel('Section').selectOption(story.section)
  await page.getByLabel('Tags').fill(story.tags)
}

async function notice(page: Page): Promise<string | null> {
  return page.locator('.notice-ok').textContent()
}

describe('the newsroom in a real browser', { skip }, () => {
  test('a contributor writes and submits, an editor edits, schedules and corrects, and readers see the result', async (t) => {
    const { ctx, server, browser } = await newsroom(t)
    const { page, problems } = await watchedPage(browser)

    // The contributor writes the story and sends it to the desk.
    await signIn(page, server, CONTRIBUTOR)
    await page.getByRole('link', { name: 'New article' }).click()
    await page.waitForURL(`${server.url}/admin/articles/new`)
    assert.equal(await page.getByLabel('Byline 1', { exact: true }).inputValue(), CONTRIBUTOR.name)
    await writeStory(page)
    await snap(page, 'journey-1-new-article')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}\?saved=save$/)
    const id = articleIdOf(page)
    assert.equal(await notice(page), 'Saved.')

    await page.getByRole('button', { name: 'Preview' }).click()
    const preview = page.locator('#preview')
    await preview.locator('h2', { hasText: 'Fares stay the same' }).waitFor()
    assert.match((await preview.locator('blockquote').textContent()) ?? '', /Nobody on the islands/)
    assert.equal(await preview.locator('.dateline').textContent(), STORY.dateline)
    await snap(page, 'journey-2-preview')

    await page.getByRole('button', { name: 'Submit for review' }).click()
    await page.waitForURL(/\?saved=submit$/)
    assert.equal(await notice(page), 'Saved and sent for review.')
    assert.equal(await page.locator('.editor-head .status').textContent(), 'In review')
    await signOut(page, server)

    // The editor finds it in review, edits it and schedules it.
    await signIn(page, server, EDITOR)
    const inReview = page.locator('section', {
      has: page.getByRole('heading', { name: 'In review' }),
    })
    await inReview.getByRole('link', { name: STORY.headline }).click()
    await page.waitForURL(`${server.url}/admin/articles/${id}`)
    const editedBody = `${STORY.body}\n\nThe first winter sailing leaves Kirkwall at 07:30.`
    await (await markdownBody(page)).fill(editedBody)
    const publishAt = new Date(ctx.clock.now().getTime() + 2 * 60_000)
    await page.getByLabel('Publication time').fill(toLocalInput(publishAt, 'Europe/London'))
    await snap(page, 'journey-3-schedule')
    await page.getByRole('button', { name: 'Schedule', exact: true }).click()
    await page.waitForURL(/\?saved=schedule$/)
    assert.equal(await page.locator('.editor-head .status').textContent(), 'Scheduled')

    // Its time comes: the scheduler (which runs on the server's clock) publishes it.
    ctx.clock.advance(3 * 60_000)
    const published = await ctx.services.workflow.publishDue()
    assert.deepEqual(
      published.map((article) => article.id),
      [id],
    )
    await page.reload()
    assert.equal(await page.locator('.editor-head .status').textContent(), 'Published')
    assert.ok(await page.getByRole('link', { name: 'View on the site' }).isVisible())

    // Later, a fact turns out to be wrong: the editor corrects it, with a note for readers.
    ctx.clock.advance(45 * 60_000)
    const correctedBody = editedBody.replace('07:30', '08:15')
    const correctionNote = 'An earlier version gave the wrong time for the first winter sailing.'
    await (await markdownBody(page)).fill(correctedBody)
    await page.getByLabel('Correction note').fill(correctionNote)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForURL(/\?saved=save$/)
    assert.equal(await notice(page), 'Saved.')
    assert.match(
      (await page.locator('.corrections-list').textContent()) ?? '',
      new RegExp(correctionNote),
    )
    await snap(page, 'journey-4-corrected')
    assert.deepEqual(problems, [], 'no console errors or CSP violations in the newsroom')

    // A reader, with no cookies, finds it from the section page.
    const reader = await watchedPage(browser)
    await reader.page.goto(`${server.url}/${STORY.section}`)
    await reader.page.getByRole('link', { name: STORY.headline }).first().click()
    await reader.page.waitForURL(
      /\/2026\/11\/20\/ferry-operators-agree-winter-timetable-after-island-talks$/,
    )
    const story = reader.page.locator('article.story')
    assert.equal(await story.locator('h1').textContent(), STORY.headline)
    assert.equal(await story.locator('.story-body .dateline').first().textContent(), STORY.dateline)
    const header = story.locator('.story-header')
    for (const name of [CONTRIBUTOR.name, NEW_BYLINE]) {
      const link = header.getByRole('link', { name })
      assert.match((await link.getAttribute('href')) ?? '', /^\/authors\/[a-z-]+$/, name)
    }
    assert.equal(await story.locator('.story-body h2').textContent(), 'Fares stay the same')
    assert.match(
      (await story.locator('.story-body blockquote').textContent()) ?? '',
      /Nobody on the islands should have to choose/,
    )
    const storyText = (await story.textContent()) ?? ''
    assert.match(storyText, /08:15/, 'the corrected fact')
    assert.doesNotMatch(storyText, /07:30/, 'not the wrong one')
    assert.match((await header.locator('.meta').textContent()) ?? '', /Updated/)
    assert.match(storyText, new RegExp(correctionNote), 'the correction note')
    await snap(reader.page, 'journey-5-reader')
    assert.deepEqual(reader.problems, [], 'no console errors or CSP violations for the reader')
  })

  test('with JavaScript: live preview, autosave, bylines and slug suggestion, with no console errors or CSP violations', async (t) => {
    const { ctx, server, browser } = await newsroom(t)
    const { page, problems } = await watchedPage(browser)
    await signIn(page, server, CONTRIBUTOR)
    await page.goto(`${server.url}/admin/articles/new`)

    // The slug field suggests, and leaves its value to the writer.
    await page.getByLabel('Headline').fill('Ferry fares: what changes in 2027?')
    const slug = page.getByLabel('Slug')
    assert.equal(await slug.getAttribute('placeholder'), 'ferry-fares-what-changes-in-2027')
    assert.equal(await slug.inputValue(), '')

    // Bylines: add one, then move it to the top; labels follow the order.
    await page.getByLabel('Byline 2', { exact: true }).fill(NEW_BYLINE)
    await page.getByRole('button', { name: 'Add byline' }).click()
    assert.equal(await page.locator('.byline-inputs li').count(), 4)
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'byline-3',
      'the new byline has focus',
    )
    await page.getByRole('button', { name: 'Move up, byline 2' }).click()
    assert.equal(await page.getByLabel('Byline 1', { exact: true }).inputValue(), NEW_BYLINE)
    assert.equal(await page.getByLabel('Byline 2', { exact: true }).inputValue(), CONTRIBUTOR.name)
    assert.match(
      (await page.locator('.bylines [role="status"]').textContent()) ?? '',
      /Oskar Lindqvist is now byline 1 of 4/,
    )
    assert.ok(
      await page.getByRole('button', { name: 'Move up, byline 1' }).isDisabled(),
      'the first byline cannot go higher',
    )

    // Autosave needs a stored article: the first save is by hand.
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForURL(/\?saved=save$/)
    const id = articleIdOf(page)
    const stored = await ctx.services.editing.get(COMMAND_LINE, id)
    assert.deepEqual(
      stored.bylines.map((author) => author.name),
      [NEW_BYLINE, CONTRIBUTOR.name],
    )

    // The preview follows the body without the Preview button.
    const preview = page.locator('#preview')
    assert.ok(await preview.isVisible(), 'the preview is shown with JavaScript')
    await page.getByLabel('Dateline').fill('STROMNESS, ORKNEY')
    await (
      await markdownBody(page)
    ).pressSequentially('## Harbour dues\n\nThe harbour board met.', {
      delay: 5,
    })
    await preview.locator('h2', { hasText: 'Harbour dues' }).waitFor()
    assert.equal(await preview.locator('.dateline').textContent(), 'STROMNESS, ORKNEY')

    // …and autosave stores it, saying so in the live region.
    const status = page.locator('#autosave-status')
    await page.waitForFunction(
      () =>
        /^Saved at \d\d:\d\d \S+$/.test(
          document.getElementById('autosave-status')?.textContent ?? '',
        ),
      undefined,
      { timeout: 10_000 },
    )
    assert.equal(await status.getAttribute('role'), 'status')
    const autosaved = await ctx.services.editing.get(COMMAND_LINE, id)
    assert.equal(autosaved.body, '## Harbour dues\n\nThe harbour board met.')
    assert.equal(autosaved.dateline, 'STROMNESS, ORKNEY')
    assert.equal(
      await page.locator('input[name="version"]').inputValue(),
      String(autosaved.version),
      'the form carries the autosaved version, so the next save is not a conflict',
    )
    await snap(page, 'js-autosaved')

    // Leaving with unsaved words asks first; after a save it does not.
    await page.getByLabel('Standfirst').fill('Dues rise for the first time in a decade.')
    const dialogs: string[] = []
    const dismissed = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('leaving did not ask first')), 10_000)
      page.once('dialog', (dialog) => {
        clearTimeout(timer)
        dialogs.push(dialog.type())
        dialog.dismiss().then(resolve, reject)
      })
    })
    await page.getByRole('link', { name: 'Dashboard' }).click()
    await dismissed
    assert.deepEqual(dialogs, ['beforeunload'])
    assert.equal(articleIdOf(page), id, 'still in the editor')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForURL(/\?saved=save$/)
    assert.equal(
      (await ctx.services.editing.get(COMMAND_LINE, id)).standfirst,
      'Dues rise for the first time in a decade.',
    )
    await page.getByRole('link', { name: 'Dashboard' }).click()
    await page.waitForURL(`${server.url}/admin`)

    assert.deepEqual(problems, [], 'no console errors or CSP violations')

    // When someone else saves meanwhile, autosave stops and says so; the text stays.
    // (Chromium logs the refused request itself as a console error: that one is expected.)
    await page.goto(`${server.url}/admin/articles/${id}`)
    const current = await ctx.services.editing.get(COMMAND_LINE, id)
    await ctx.services.editing.save(
      COMMAND_LINE,
      id,
      inputOf(current, { body: `${current.body}\n\nAdded by someone else.` }),
      { baseVersion: current.version },
    )
    await (await markdownBody(page)).focus()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Mine.', { delay: 5 })
    await page.waitForFunction(
      () =>
        /^Not saved automatically/.test(
          document.getElementById('autosave-status')?.textContent ?? '',
        ),
      undefined,
      { timeout: 10_000 },
    )
    assert.match((await status.textContent()) ?? '', /Save to see why\.$/)
    assert.match(await (await markdownBody(page)).inputValue(), /Mine\.$/)
    await snap(page, 'js-conflict')
    assert.deepEqual(
      problems.filter((problem) => !/status of 409 \(Conflict\)/.test(problem)),
      [],
      'no console errors or CSP violations but the refused autosave',
    )
  })

  test('without JavaScript: saving, previewing and submitting are plain form posts', async (t) => {
    const { ctx, server, browser } = await newsroom(t)
    const { page, problems } = await watchedPage(browser, { javaScriptEnabled: false })
    await signIn(page, server, CONTRIBUTOR)
    await page.goto(`${server.url}/admin/articles/new`)
    assert.equal(await page.getByRole('button', { name: 'Add byline' }).count(), 0)
    assert.ok(await page.locator('#preview').isHidden(), 'no empty preview without JavaScript')

    await writeStory(page)
    await page.getByRole('button', { name: 'Preview' }).click()
    await page.waitForURL(`${server.url}/admin/articles`)
    const preview = page.locator('#preview')
    assert.equal(
      await preview.locator('h2').textContent(),
      'Fares stay the same',
      'the preview comes back with the page',
    )
    assert.equal(await page.getByLabel('Headline').inputValue(), STORY.headline, 'values kept')
    assert.equal(await page.getByLabel('Byline 2', { exact: true }).inputValue(), NEW_BYLINE)
    await snap(page, 'nojs-preview')

    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForURL(/\?saved=save$/)
    const id = articleIdOf(page)
    assert.equal((await ctx.services.editing.get(COMMAND_LINE, id)).headline, STORY.headline)

    await (await markdownBody(page)).fill(`${STORY.body}\n\n## Timetable`)
    await page.getByRole('button', { name: 'Preview' }).click()
    await page.waitForURL(`${server.url}/admin/articles/${id}`)
    assert.equal(await preview.locator('h2').last().textContent(), 'Timetable')

    await page.getByRole('button', { name: 'Submit for review' }).click()
    await page.waitForURL(/\?saved=submit$/)
    const submitted = await ctx.services.editing.get(COMMAND_LINE, id)
    assert.equal(submitted.status, 'in_review')
    assert.match(submitted.body, /## Timetable$/, 'submitting saved the previewed text')
    assert.deepEqual(problems, [])
  })

  test('sign-in page, dashboard and editor have no WCAG 2.1 A or AA violations', async (t) => {
    const { server, browser } = await newsroom(t)
    // axe is injected as a script, which the newsroom's CSP rightly forbids; this context bypasses it.
    const page = await (await browser.newContext({ bypassCSP: true })).newPage()

    await page.goto(`${server.url}/admin/login`)
    assert.deepEqual(await accessibilityViolations(page), [], 'axe violations on the sign-in page')

    await signIn(page, server, ADMIN)
    await page.goto(`${server.url}/admin/articles/new`)
    await writeStory(page)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForURL(/\?saved=save$/)
    const id = articleIdOf(page)

    await page.goto(`${server.url}/admin`)
    assert.deepEqual(await accessibilityViolations(page), [], 'axe violations on the dashboard')

    await page.goto(`${server.url}/admin/articles/${id}`)
    // The editor as the script leaves it: byline buttons, a live preview, a status message.
    await (await markdownBody(page)).pressSequentially(' More.', { delay: 5 })
    await page.locator('#preview .story-body').waitFor()
    await page.waitForFunction(
      () => /Saved at/.test(document.getElementById('autosave-status')?.textContent ?? ''),
      undefined,
      { timeout: 10_000 },
    )
    assert.deepEqual(await accessibilityViolations(page), [], 'axe violations on the editor')
  })
})
