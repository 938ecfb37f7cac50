// The newsroom on a phone and on a desk, in Chromium, on both databases: every
// newsroom page at 390 px wide fits the screen (document.documentElement.scrollWidth
// ≤ 390) and passes axe's WCAG 2.1 AA rules at 390 and 1280 px (axe on SQLite only);
// the editor's Save and workflow buttons stay in reach in a bar at the bottom of the screen.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { DialectName } from '../../src/storage/dialect.js'
import { startTestServer } from '../helpers/app.js'
import {
  accessibilityViolations,
  browserUnavailable,
  launchBrowser,
  signInThroughForm,
} from '../helpers/browser.js'
import { testDialects } from '../helpers/dialects.js'
import { photo } from '../helpers/images.js'
import { createMediaContext } from '../helpers/media.js'

const skip = browserUnavailable()
/** Set SCREENSHOTS=/some/dir to keep a picture of each page at each width. */
const SCREENSHOTS = process.env.SCREENSHOTS

const ADMIN = { email: 'ruth@news.example', password: 'front-page-proof-12', name: 'Ruth Okafor' }
const PHONE = { width: 390, height: 844 }
const DESK = { width: 1280, height: 900 }

/** A site with something on every newsroom page: stories, history, a thread, comments, a photo. */
async function busyNewsroom(t: TestContext, dialect: DialectName) {
  const { ctx } = await createMediaContext(t, dialect, 'folder')
  const { user } = await ctx.services.accounts.createUser(COMMAND_LINE, {
    email: ADMIN.email,
    displayName: ADMIN.name,
    role: 'admin',
    password: ADMIN.password,
  })
  const actor = { id: user.id, role: user.role, displayName: user.displayName }
  const { item } = await ctx.services.media.upload(actor, {
    bytes: await photo({ width: 1600, height: 1067, seed: 7 }),
    fileName: 'a-rather-long-file-name-for-the-harbour-photograph-taken-at-dawn.jpg',
    fields: { alt: 'Boats in the harbour at dawn' },
  })
  const draft = await ctx.services.editing.createDraft(actor, {
    headline: 'Harbour authority approves the long-awaited extension of the northern breakwater',
    standfirst: 'The vote ends two years of argument over who pays for the flood defences.',
    dateline: 'KIRKWALL, ORKNEY',
    body: 'The harbour authority voted on Tuesday.\n\nWork starts in the spring.',
    keyPoints: ['The extension was approved.'],
    sectionSlug: 'news',
    bylines: ['Ada Brekke', 'Maria Panina-Hollande'],
    tags: ['Harbours', 'Flood defences'],
    slug: '',
    leadImageId: item.id,
  })
  const published = await ctx.services.workflow.transition(actor, draft.id, {
    transition: 'publish',
    baseVersion: draft.version,
  })
  const corrected = await ctx.services.editing.save(
    actor,
    draft.id,
    {
      headline: published.headline,
      standfirst: published.standfirst,
      dateline: published.dateline,
      body: 'The harbour authority voted on Wednesday.\n\nWork starts in the spring.',
      keyPoints: published.keyPoints,
      sectionSlug: 'news',
      bylines: ['Ada Brekke', 'Maria Panina-Hollande'],
      tags: ['Harbours', 'Flood defences'],
      slug: published.slug,
    },
    { baseVersion: published.version, correction: 'The vote was on Wednesday, not Tuesday.' },
  )
  const thread = await ctx.services.threads.create(actor, { title: 'Flood defences' })
  await ctx.services.threads.addArticle(actor, thread.slug, draft.id)
  await ctx.services.comments.addDirectly(actor, {
    articleId: draft.id,
    parentId: null,
    name: 'A reader with a long name from the islands',
    body: 'Who pays for the maintenance once the extension is built? Nobody has said.',
    status: 'pending',
    createdAt: ctx.clock.now(),
  })
  const unpublished = await ctx.services.editing.createDraft(actor, {
    headline: 'Ferry timetable changes for the winter months are still being argued over',
    standfirst: '',
    dateline: 'STROMNESS, ORKNEY',
    body: 'The council meets again on Monday.',
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: [],
    slug: '',
  })
  await ctx.services.previews.create(actor, unpublished.id, '24h')
  await ctx.services.redirects.save(actor, {
    from: 'https://old.example/2015/11/27/a-very-long-old-permalink-from-the-previous-site-that-never-breaks/',
    to: `/news`,
  })
  const sitePage = await ctx.services.pages.create(actor, {
    title: 'Corrections and ethics policy',
    slug: 'corrections',
    description: '',
    body: 'We correct our mistakes in the open.',
    published: true,
  })
  const server = await startTestServer(t, ctx)
  const author = corrected.bylines[0]
  assert.ok(author)
  const pages = [
    '/admin',
    '/admin/articles/new',
    `/admin/articles/${draft.id}`,
    `/admin/articles/${draft.id}/history`,
    `/admin/articles/${unpublished.id}/previews`,
    `/admin/articles/${draft.id}/unpublish`,
    `/admin/articles/${draft.id}/restore?version=1`,
    '/admin/threads',
    `/admin/threads/${thread.slug}`,
    '/admin/comments',
    '/admin/media',
    `/admin/media/${item.id}`,
    '/admin/authors',
    `/admin/authors/${author.slug}`,
    '/admin/tags',
    `/admin/tags/${corrected.tags[0]?.slug ?? 'no-tag'}`,
    '/admin/account',
    '/admin/account/two-factor',
    '/admin/users',
    `/admin/users/${user.id}`,
    '/admin/users/new',
    '/admin/sections',
    '/admin/redirects',
    '/admin/pages',
    '/admin/pages/new',
    `/admin/pages/${sitePage.id}`,
    '/admin/menus',
    '/admin/account/profile',
    '/admin/settings',
    '/admin/audit',
  ]
  return { server, pages, articleId: draft.id }
}

const shotName = (path: string, width: number) =>
  `${path.replace(/^\/admin/, 'admin').replace(/[^a-z0-9]+/gi, '-')}-${width}`

for (const dialect of testDialects()) {
  describe(`the newsroom on a phone (${dialect})`, { skip }, () => {
    test('no page scrolls sideways at 390 px; axe finds nothing at 390 and 1280 px', async (t) => {
      const { server, pages } = await busyNewsroom(t, dialect)
      const browser = await launchBrowser(t)
      const context = await browser.newContext({ viewport: PHONE, bypassCSP: true })
      const page = await context.newPage()
      await signInThroughForm(page, server.url, ADMIN)
      const problems: string[] = []
      // axe judges the page, which is the same on either database: it runs on the first
      // only. Every page's status and its width at 390 px are checked on both.
      const axe = dialect === testDialects()[0]
      for (const viewport of axe ? [PHONE, DESK] : [PHONE]) {
        await page.setViewportSize(viewport)
        for (const path of pages) {
          const response = await page.goto(`${server.url}${path}`)
          assert.equal(response?.status(), 200, path)
          if (SCREENSHOTS) {
            await page.screenshot({
              path: `${SCREENSHOTS}/${shotName(path, viewport.width)}.png`,
              fullPage: true,
            })
          }
          if (viewport === PHONE) {
            const width = await page.evaluate(() => document.documentElement.scrollWidth)
            if (width > PHONE.width) problems.push(`${path} is ${width} px wide at 390`)
          }
          if (!axe) continue
          for (const violation of await accessibilityViolations(page)) {
            problems.push(`${path} at ${viewport.width} px: ${violation}`)
          }
        }
      }
      assert.deepEqual(problems, [])
    })

    test("the editor's Save and workflow buttons stay on screen at 390 px; Unpublish asks", async (t) => {
      const { server, articleId } = await busyNewsroom(t, dialect)
      const browser = await launchBrowser(t)
      const page = await (await browser.newContext({ viewport: PHONE })).newPage()
      await signInThroughForm(page, server.url, ADMIN)
      await page.goto(`${server.url}/admin/articles/${articleId}`)
      for (const scroll of [0, 2000, 100_000]) {
        await page.evaluate((y) => window.scrollTo(0, y), scroll)
        if (SCREENSHOTS) {
          await page.screenshot({ path: `${SCREENSHOTS}/editor-at-${scroll}-390.png` })
        }
        for (const name of ['Save', 'Unpublish']) {
          const box = await page.getByRole('button', { name, exact: true }).boundingBox()
          assert.ok(box, `${name} is shown`)
          assert.ok(
            box.y >= 0 && box.y + box.height <= PHONE.height && box.x + box.width <= PHONE.width,
            `${name} is within the screen after scrolling to ${scroll}: ${JSON.stringify(box)}`,
          )
        }
      }
      const bylines = await page
        .locator('input[name=byline]')
        .evaluateAll((inputs) => inputs.map((input) => input.getBoundingClientRect().width))
      assert.ok(bylines.length > 0)
      for (const width of bylines) assert.ok(width >= 300, `a byline box is ${width} px wide`)

      // With the script, Unpublish asks in a dialog; Cancel keeps it, confirming unpublishes.
      await page.getByRole('button', { name: 'Unpublish', exact: true }).click()
      const dialog = page.getByRole('dialog')
      await dialog.waitFor()
      assert.match((await dialog.textContent()) ?? '', /comes off the site at once/)
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      assert.equal(await page.getByRole('dialog').count(), 0)
      assert.equal(await page.locator('.editor-head .status').textContent(), 'Published')
      await page.getByRole('button', { name: 'Unpublish', exact: true }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Unpublish' }).click()
      await page.waitForURL(/\?saved=unpublish$/)
      assert.equal(await page.locator('.notice-ok').textContent(), 'Saved and unpublished.')
      assert.equal(await page.locator('.editor-head .status').textContent(), 'Unpublished')
    })
  })
}
