import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { Page } from 'playwright-core'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { startTestServer } from '../helpers/app.js'
import {
  accessibilityViolations,
  browserUnavailable,
  launchBrowser,
  watchedPage,
} from '../helpers/browser.js'
import {
  setArticleCommentMode,
  setCommentSettings,
  staffActor,
  WRITING_TIME_MS,
} from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { importArticle } from '../helpers/factories.js'
import { pathOf } from '../web/html.js'

const skip = browserUnavailable()
const HELD =
  'Thank you. Your comment is waiting for a moderator and will appear once it is approved.'
/** Chromium logs a refused request (a 4xx answer) as a console error: those are expected here. */
const REFUSED_REQUEST = /Failed to load resource: the server responded with a status of 4\d\d/

async function setup(t: TestContext) {
  // Timing checks read the form's token from each page loaded: render every page fresh.
  const ctx = await createTestContext(t, 'sqlite', { PAGE_CACHE_MB: '0' })
  const { article } = await importArticle(ctx, { headline: 'Harbour wall vote splits the town' })
  const server = await startTestServer(t, ctx)
  const browser = await launchBrowser(t)
  return { ctx, server, browser, article, url: server.url + pathOf(article) }
}

/** The one comment waiting for a moderator, approved by an editor. */
async function approvePending(ctx: TestAppContext): Promise<string> {
  const pending = await ctx.stores.comments.listForModeration('pending', { limit: 10, offset: 0 })
  assert.equal(pending.length, 1, 'one comment waits for a moderator')
  const id = pending[0]?.id ?? ''
  await ctx.services.comments.moderate(await staffActor(ctx, 'editor'), [id], 'approve')
  return id
}

async function fillIn(page: Page, fields: { name: string; email?: string; body: string }) {
  await page.getByLabel('Name').fill(fields.name)
  if (fields.email !== undefined) await page.getByLabel('Email (optional)').fill(fields.email)
  await page.getByLabel('Comment', { exact: true }).fill(fields.body)
}

describe('reader comments in a real browser', { skip }, () => {
  test('with JavaScript: posted in place, refused ones keep their text, approved ones appear', async (t) => {
    const { ctx, browser, url } = await setup(t)
    const { page, problems } = await watchedPage(browser)
    const navigations: string[] = []
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url())
    })
    await page.goto(url)
    assert.equal(navigations.length, 1)
    // The honeypot is off screen for people, out of the tab order and hidden from screen readers.
    const honeypot = await page.locator('#comment-website').boundingBox()
    assert.ok(honeypot && honeypot.x + honeypot.width <= 0, 'the honeypot is off screen')
    assert.equal(await page.getByRole('textbox', { name: 'Leave this empty' }).count(), 0)

    // Refused first: three links read as spam. The text stays, the reason is said.
    const spammy = 'Read https://a.example and https://b.example and https://c.example'
    await fillIn(page, { name: 'Marit Lie', email: 'marit@example.org', body: spammy })
    ctx.clock.advance(WRITING_TIME_MS)
    await page.getByRole('button', { name: 'Post comment' }).click()
    const status = page.locator('#comment-form .comment-status')
    await status.filter({ hasText: 'at most 2 links' }).waitFor()
    assert.equal(await status.getAttribute('role'), 'status')
    assert.match((await status.getAttribute('class')) ?? '', /is-error/)
    const textarea = page.getByLabel('Comment', { exact: true })
    assert.equal(await textarea.inputValue(), spammy)
    assert.equal(await textarea.getAttribute('aria-invalid'), 'true')
    assert.equal(await page.getByLabel('Name').inputValue(), 'Marit Lie')

    // Fixed and sent again: accepted in place, without leaving the page.
    const body = 'The wall is needed.\nBut the town should see the costs first.'
    await textarea.fill(body)
    await page.getByRole('button', { name: 'Post comment' }).click()
    await status.filter({ hasText: HELD }).waitFor()
    assert.doesNotMatch((await status.getAttribute('class')) ?? '', /is-error/)
    assert.equal(await textarea.inputValue(), '', 'the text area is cleared')
    assert.equal(await textarea.getAttribute('aria-invalid'), null)
    assert.deepEqual(navigations, [url], 'no navigation: posted in place')
    assert.equal(page.url(), url)
    assert.equal(await page.locator('#comments .comment').count(), 0, 'held, not shown yet')

    // A moderator approves it; on reload it is on the page.
    const id = await approvePending(ctx)
    await page.reload()
    const comment = page.locator(`#comment-${id}`)
    assert.equal(await comment.locator('.comment-author').textContent(), 'Marit Lie')
    assert.equal(await comment.locator('.comment-body').innerText(), body)
    assert.match((await page.locator('#comments-title').textContent()) ?? '', /\(1\)/)

    assert.deepEqual(
      problems.filter((problem) => !REFUSED_REQUEST.test(problem)),
      [],
      'no console errors or CSP violations but the refused post',
    )
  })

  test('without JavaScript: the same flow by redirect', async (t) => {
    const { ctx, browser, url } = await setup(t)
    const { page, problems } = await watchedPage(browser, { javaScriptEnabled: false })
    await page.goto(url)

    const spammy = 'See https://a.example, https://b.example and https://c.example'
    await fillIn(page, { name: 'Olav Dahl', body: spammy })
    ctx.clock.advance(WRITING_TIME_MS)
    const refused = page.waitForResponse((response) => response.request().method() === 'POST')
    await page.getByRole('button', { name: 'Post comment' }).click()
    assert.equal((await refused).status(), 422)
    await page.waitForLoadState()
    assert.match((await page.locator('#comment-body-error').textContent()) ?? '', /at most 2 links/)
    assert.equal(await page.getByLabel('Comment', { exact: true }).inputValue(), spammy)
    assert.equal(await page.getByLabel('Name').inputValue(), 'Olav Dahl')

    const body = 'Fixed: one source is enough, https://a.example/report'
    await page.getByLabel('Comment', { exact: true }).fill(body)
    ctx.clock.advance(WRITING_TIME_MS)
    await page.getByRole('button', { name: 'Post comment' }).click()
    await page.waitForURL(`${url}?comment=held#new-comment`)
    assert.equal((await page.locator('#comments .notice').textContent())?.trim(), HELD)
    assert.equal(await page.getByLabel('Comment', { exact: true }).inputValue(), '')

    const id = await approvePending(ctx)
    // The page may be cached for a minute, as pages for readers are: the reader reloads.
    await page.goto(url)
    await page.reload()
    const comment = page.locator(`#comment-${id}`)
    assert.equal(await comment.locator('.comment-body').innerText(), body)
    const link = comment.locator('.comment-body a')
    assert.equal(await link.getAttribute('href'), 'https://a.example/report')
    assert.match((await link.getAttribute('rel')) ?? '', /nofollow ugc/)

    assert.deepEqual(
      problems.filter((problem) => !REFUSED_REQUEST.test(problem)),
      [],
      'no console errors or CSP violations',
    )
  })

  test('without JavaScript under post-moderation: a returning commenter lands on the comment and sees it', async (t) => {
    const { ctx, browser, url } = await setup(t)
    await setCommentSettings(ctx, { moderation: 'post' })
    const { page, problems } = await watchedPage(browser, { javaScriptEnabled: false })
    await page.goto(url)
    await fillIn(page, { name: 'Siri Moe', email: 'siri@example.org', body: 'My first comment.' })
    ctx.clock.advance(WRITING_TIME_MS)
    await page.getByRole('button', { name: 'Post comment' }).click()
    await page.waitForURL(`${url}?comment=held#new-comment`)
    await approvePending(ctx)

    // Back on the article (as she left it, from the browser's cache), she writes again.
    await page.goto(url)
    await fillIn(page, { name: 'Siri Moe', email: 'siri@example.org', body: 'And a second one.' })
    ctx.clock.advance(WRITING_TIME_MS)
    await page.getByRole('button', { name: 'Post comment' }).click()
    await page.waitForURL(/#comment-[0-9a-f-]{36}$/)
    const id = /#comment-([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? ''
    assert.equal((await ctx.stores.comments.findById(id))?.status, 'approved')
    const comment = page.locator(`#comment-${id}`)
    assert.equal(await comment.count(), 1, 'the published comment is on the page it lands on')
    assert.equal(await comment.locator('.comment-body').innerText(), 'And a second one.')
    assert.deepEqual(problems, [], 'no console errors or CSP violations')
  })

  test('the article page with comments and a refused form passes axe WCAG 2.1 AA', async (t) => {
    const { ctx, browser, article, url } = await setup(t)
    const first = await ctx.services.comments.addDirectly(COMMAND_LINE, {
      articleId: article.id,
      parentId: null,
      name: 'Astrid Berg',
      body: 'A first comment.\nOn two lines, with a link: https://example.org/report',
      status: 'approved',
      createdAt: new Date(ctx.clock.now().getTime() - 60_000),
    })
    await ctx.services.comments.addDirectly(COMMAND_LINE, {
      articleId: article.id,
      parentId: first.id,
      name: 'Bjørn Nes',
      body: 'A reply to it.',
      status: 'approved',
      createdAt: ctx.clock.now(),
    })
    // axe is injected as a script, which the site's CSP rightly forbids; this context bypasses it.
    const context = await browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    await page.goto(url)
    assert.deepEqual(await accessibilityViolations(page), [], 'axe on the article page')

    // Refused with JavaScript: the status message says why, the field is marked.
    await fillIn(page, { name: 'Carl', body: '' })
    ctx.clock.advance(WRITING_TIME_MS)
    await page.getByRole('button', { name: 'Post comment' }).click()
    await page.locator('#comment-form .comment-status.is-error').waitFor()
    assert.deepEqual(await accessibilityViolations(page), [], 'axe on the form with an error')

    // Refused without the enhancing script (blocked, so axe can still run): the
    // server's page, with a general problem, then with a field error.
    await page.route('**/assets/comments.*.js', (route) => route.abort())
    await page.goto(url)
    await fillIn(page, { name: 'Carl', body: 'Sent far too soon.' })
    await page.getByRole('button', { name: 'Post comment' }).click()
    await page.waitForLoadState()
    assert.match(
      (await page.locator('#comment-form .form-problem').textContent()) ?? '',
      /faster than anyone could write it/,
    )
    assert.deepEqual(await accessibilityViolations(page), [], 'axe on the form with a problem')
    await fillIn(page, { name: '', body: 'Now without a name.' })
    ctx.clock.advance(WRITING_TIME_MS)
    await page.getByRole('button', { name: 'Post comment' }).click()
    await page.waitForLoadState()
    assert.ok(await page.locator('#comment-name-error').isVisible())
    assert.equal(
      await page.getByLabel('Name').getAttribute('aria-describedby'),
      'comment-name-error',
    )
    assert.deepEqual(await accessibilityViolations(page), [], 'axe on the form with a field error')

    // Closed while the reader was writing: the reason, and the text given back to copy.
    await page.goto(url)
    await fillIn(page, { name: 'Dag', body: 'Too late, but not lost.' })
    await setArticleCommentMode(ctx, article, 'closed')
    ctx.clock.advance(WRITING_TIME_MS)
    await page.getByRole('button', { name: 'Post comment' }).click()
    await page.waitForLoadState()
    assert.equal(await page.locator('#comment-form').count(), 0)
    assert.equal(await page.locator('#comment-refused').inputValue(), 'Too late, but not lost.')
    assert.deepEqual(await accessibilityViolations(page), [], 'axe on the closed article')
  })
})
