// Library pictures in the rich-text editor, in Chromium: each shows as its
// smallest rendition beside its description; the arrow keys select it whole
// (outlined), Delete takes it out of the Markdown and Ctrl+Z puts it back; a
// picture chosen from the library shows its thumbnail at once. The library
// answers the editor about one picture in JSON, and 404 about none.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { Page } from 'playwright-core'
import type { MediaItem } from '../../src/domain/media/media.js'
import { thumbnailOf } from '../../src/web/admin/views/media-library-page.js'
import { startTestServer } from '../helpers/app.js'
import {
  accessibilityViolations,
  browserUnavailable,
  launchBrowser,
  signInThroughForm,
  watchedPage,
} from '../helpers/browser.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { photo } from '../helpers/images.js'
import { createMediaContext } from '../helpers/media.js'
import { AdminClient, createStaff } from '../web/admin-session.js'

const skip = browserUnavailable()

async function desk(t: TestContext, dialect: DialectName) {
  const { ctx } = await createMediaContext(t, dialect, 'folder')
  const server = await startTestServer(t, ctx)
  const editor = await createStaff(ctx, 'editor', 'Eda Editor')
  const upload = async (name: string, alt: string, seed: number): Promise<MediaItem> =>
    (
      await ctx.services.media.upload(editor.actor, {
        bytes: await photo({ width: 1600, height: 1000, seed }),
        fileName: name,
        fields: { alt },
      })
    ).item
  const harbour = await upload('harbour.jpg', 'The harbour at dawn', 21)
  const crane = await upload('crane.jpg', 'A crane lifts the first block', 22)
  const article = await ctx.services.editing.createDraft(editor.actor, {
    headline: 'Harbour wall work begins',
    standfirst: '',
    dateline: '',
    body: `Words before.\n\n![The harbour at dawn](media:${harbour.id})\n\nWords after.`,
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: [],
    slug: '',
  })
  return { server, editor, harbour, crane, article, browser: await launchBrowser(t) }
}

const markdown = (page: Page) => page.locator('textarea#body').inputValue()

for (const dialect of testDialects()) {
  describe(`pictures in the rich-text editor (${dialect})`, { skip }, () => {
    test('a thumbnail and its description, selected, deleted and put back with the keyboard', async (t) => {
      const setup = await desk(t, dialect)
      const { page, problems } = await watchedPage(setup.browser)
      await signInThroughForm(page, setup.server.url, setup.editor)
      await page.goto(`${setup.server.url}/admin/articles/${setup.article.id}`)

      const box = page.locator('#body-editor .editor-picture-thumb')
      const image = box.locator('img')
      await image.waitFor()
      assert.equal(await image.getAttribute('src'), thumbnailOf(setup.harbour).src)
      assert.match(thumbnailOf(setup.harbour).src, /-320\.webp$/, 'the smallest rendition')
      // The rendition itself is served, and drawn.
      await page.waitForFunction(
        () =>
          document.querySelector<HTMLImageElement>('.editor-picture-thumb img')?.naturalWidth ===
          320,
      )
      assert.equal(await box.locator('.editor-picture-alt').innerText(), 'The harbour at dawn')

      // From the end of the first paragraph, the arrow keys reach the picture and select it whole.
      await page.locator('#body-editor p', { hasText: 'Words before.' }).click()
      await page.keyboard.press('End')
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('ArrowRight')
      await page.waitForFunction(() =>
        document
          .querySelector('.editor-picture-thumb')
          ?.classList.contains('ProseMirror-selectednode'),
      )
      const outline = await box.evaluate((node) => getComputedStyle(node).outlineStyle)
      assert.equal(outline, 'solid', 'the selected picture is outlined')

      await page.keyboard.press('Delete')
      await page.waitForFunction(() => !document.querySelector('#body-editor .editor-picture'))
      await page.waitForFunction(
        (id) =>
          !(document.querySelector('textarea#body') as HTMLTextAreaElement).value.includes(id),
        setup.harbour.id,
      )
      await page.keyboard.press('Control+z')
      await image.waitFor()
      await page.waitForFunction(
        (id) => (document.querySelector('textarea#body') as HTMLTextAreaElement).value.includes(id),
        setup.harbour.id,
      )
      assert.match(await markdown(page), /!\[The harbour at dawn\]\(media:/)

      // A picture from the library shows its thumbnail at once.
      await page.locator('#body-editor p', { hasText: 'Words after.' }).click()
      await page.getByRole('button', { name: 'Picture', exact: true }).click()
      await page.keyboard.type('crane')
      await page.keyboard.press('Enter')
      await page.getByRole('button', { name: /^Insert crane\.jpg/ }).click()
      const crane = page.locator('#body-editor .editor-picture-thumb', {
        hasText: 'A crane lifts the first block',
      })
      await crane.locator('img').waitFor()
      assert.equal(await crane.locator('img').getAttribute('src'), thumbnailOf(setup.crane).src)

      assert.deepEqual(problems, [])
      // axe is a script of its own: in a copy of the page that lets it in.
      const copy = await (
        await setup.browser.newContext({
          bypassCSP: true,
          storageState: await page.context().storageState(),
        })
      ).newPage()
      await copy.goto(page.url())
      await copy.locator('#body-editor .editor-picture-thumb img').waitFor()
      assert.deepEqual(await accessibilityViolations(copy), [])
    })

    test("the library's answer about one picture, for the editor", async (t) => {
      const setup = await desk(t, dialect)
      const browser = new AdminClient(setup.server.url)
      await browser.signInAs(setup.editor)
      const json = { headers: { accept: 'application/json' } }
      const found = await browser.request('GET', `/admin/media/${setup.harbour.id}`, json)
      assert.equal(found.status, 200)
      const answer = JSON.parse(found.html) as { alt: string; thumbnail: { src: string } }
      assert.equal(answer.alt, 'The harbour at dawn')
      assert.equal(answer.thumbnail.src, thumbnailOf(setup.harbour).src)
      const missing = await browser.request(
        'GET',
        '/admin/media/01936d7a-0000-7000-8000-000000000000',
        json,
      )
      assert.equal(missing.status, 404)
      assert.equal(
        (JSON.parse(missing.html) as { error: { code: string } }).error.code,
        'media_not_found',
      )
    })
  })
}
