// The rich-text editor in Debian's Chromium: a story with every element
// written with the keyboard alone, saved as the Markdown the site stores and
// shown on the public page; a paste from Word; the XSS corpus pasted in; a
// 5 MB paste; Markdown the editor cannot hold left as Markdown. No console
// error, no CSP violation, no axe violation at 390 and 1280 px.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import type { MediaItem } from '../../src/domain/media/media.js'
import { renderMarkdown } from '../../src/text/markdown.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import {
  accessibilityViolations,
  browserUnavailable,
  launchBrowser,
  signInThroughForm,
  watchedPage,
} from '../helpers/browser.js'
import type { TestAppContext } from '../helpers/context.js'
import type { DialectName } from '../helpers/dialects.js'
import { testDialects } from '../helpers/dialects.js'
import { photo } from '../helpers/images.js'
import { notInert } from '../helpers/inert-html.js'
import { createMediaContext } from '../helpers/media.js'
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.js'
import { createStaff, type Staff } from '../web/admin-session.js'

const skip = browserUnavailable()

interface Desk {
  ctx: TestAppContext
  server: TestServer
  browser: Browser
  editor: Staff
  picture: MediaItem
}

async function desk(t: TestContext, dialect: DialectName): Promise<Desk> {
  const { ctx } = await createMediaContext(t, dialect, 'folder')
  const editor = await createStaff(ctx, 'editor', 'Eda Editor')
  const { item: picture } = await ctx.services.media.upload(editor.actor, {
    bytes: await photo({ width: 1200, height: 800, seed: 12 }),
    fileName: 'harbour.jpg',
    fields: { alt: 'The harbour at dawn' },
  })
  const server = await startTestServer(t, ctx)
  return { ctx, server, browser: await launchBrowser(t), editor, picture }
}

/** The Markdown the editor has written back into the form's field, once it has. */
async function fieldAfterWriteBack(page: Page, expected?: RegExp): Promise<string> {
  await page.waitForFunction((pattern) => {
    const field = document.querySelector('textarea#body')
    if (!(field instanceof HTMLTextAreaElement)) return false
    return pattern === undefined ? true : new RegExp(pattern).test(field.value)
  }, expected?.source)
  return page.locator('textarea#body').inputValue()
}

/** A paste as the browser delivers one: a clipboard with HTML and plain text. */
async function paste(page: Page, html: string, text: string): Promise<void> {
  await page.locator('#body-editor').evaluate(
    (editor, data) => {
      const clipboard = new DataTransfer()
      if (data.html) clipboard.setData('text/html', data.html)
      clipboard.setData('text/plain', data.text)
      editor.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }),
      )
    },
    { html, text },
  )
}

async function axeAt(browser: Browser, page: Page, width: number): Promise<string[]> {
  const context = await browser.newContext({
    bypassCSP: true,
    viewport: { width, height: 900 },
    storageState: await page.context().storageState(),
  })
  const copy = await context.newPage()
  await copy.goto(page.url())
  await copy.locator('#body-editor').waitFor()
  const violations = await accessibilityViolations(copy)
  await context.close()
  return violations
}

const KEYBOARD_STORY = (pictureId: string) =>
  [
    'Opening paragraph with **bold words** and *italic* and a [link](https://example.com/report).',
    '## Subheading two',
    '### Minor subheading',
    '- First point\n- Second point',
    '1. Step one\n2. Step two',
    '> A quotation.',
    '> [!pullquote]\n> Pulled words.',
    '---',
    `![The harbour at dawn](media:${pictureId})`,
    'Closing line.',
  ].join('\n\n')

for (const dialect of testDialects()) {
  describe(`the rich-text editor (${dialect})`, { skip }, () => {
    test('a story with every element, written with the keyboard only, stored as Markdown and published', async (t) => {
      const setup = await desk(t, dialect)
      const { page, problems } = await watchedPage(setup.browser)
      await signInThroughForm(page, setup.server.url, setup.editor)
      await page.goto(`${setup.server.url}/admin/articles/new`)
      await page.getByLabel('Headline').fill('Harbour plan passes after ten years')
      assert.equal(await page.locator('textarea#body').isHidden(), true)

      const keys = page.keyboard
      await page.locator('#body-editor').focus()
      await keys.type('Opening paragraph with ')
      await keys.press('Control+b')
      await keys.type('bold words')
      await keys.press('Control+b')
      await keys.type(' and ')
      await keys.press('Control+i')
      await keys.type('italic')
      await keys.press('Control+i')
      await keys.type(' and a link')
      for (let i = 0; i < 4; i++) await keys.press('Shift+ArrowLeft')
      await keys.press('Control+k')
      // A link anywhere but the web or an inbox is refused, with the reason shown.
      await keys.type('JavaScript:alert(1)')
      await keys.press('Enter')
      const refusal = page.locator('#rich-link-message')
      assert.match((await refusal.textContent()) ?? '', /refused/)
      assert.equal(await page.locator('#rich-link-url').getAttribute('aria-invalid'), 'true')
      await keys.press('Control+a')
      await keys.type('https://example.com/report')
      await keys.press('Enter')
      await keys.press('End')
      await keys.type('.')
      await keys.press('Enter')
      await keys.type('## Subheading two')
      await keys.press('Enter')
      await keys.press('Control+Alt+2')
      await keys.type('Minor subheading')
      await keys.press('Enter')
      await keys.type('- First point')
      await keys.press('Enter')
      await keys.type('Second point')
      await keys.press('Enter')
      await keys.press('Enter')
      await keys.type('1. Step one')
      await keys.press('Enter')
      await keys.type('Step two')
      await keys.press('Enter')
      await keys.press('Enter')
      await keys.type('> A quotation.')
      await keys.press('Enter')
      await keys.press('Enter')
      await keys.type('Pulled words.')
      await keys.press('Control+Alt+p')
      await keys.press('Enter')
      await keys.press('Enter')
      await keys.type('---')
      // The toolbar: Alt+F10 reaches it, arrows move along it, Enter presses.
      await keys.press('Alt+F10')
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Bold')
      await keys.press('End')
      await keys.press('ArrowLeft')
      await keys.press('ArrowLeft')
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Picture')
      await keys.press('Enter')
      await keys.type('harbour')
      await keys.press('Enter')
      await page.getByRole('button', { name: /^Insert harbour\.jpg/ }).waitFor()
      assert.match(
        (await page.evaluate(() => document.activeElement?.textContent)) ?? '',
        /^Insert harbour\.jpg/,
      )
      await keys.press('Enter')
      await keys.type('Closing line.')

      const expected = KEYBOARD_STORY(setup.picture.id)
      assert.equal(await fieldAfterWriteBack(page, /Closing line\.$/), expected)

      // Bold shows as pressed where the caret is in bold text.
      await page.locator('#body-editor strong').click()
      await page.waitForFunction(
        () =>
          document
            .querySelector('.rich-toolbar button[title^="Bold"]')
            ?.getAttribute('aria-pressed') === 'true',
      )

      for (const width of [1280, 390]) {
        assert.deepEqual(await axeAt(setup.browser, page, width), [], `axe at ${width} px`)
      }

      // Saved with the keyboard; the stored body is the Markdown above, and it opens again unchanged.
      await page.getByRole('button', { name: 'Save', exact: true }).focus()
      await Promise.all([page.waitForURL(/saved=save/), keys.press('Enter')])
      const id = /articles\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? ''
      assert.equal((await setup.ctx.stores.articles.findById(id))?.body, expected)
      await page.locator('#body-editor').waitFor()
      assert.equal(await page.locator('textarea#body').inputValue(), expected)
      await page.getByRole('button', { name: 'Publish now' }).focus()
      await Promise.all([page.waitForURL(/saved=publish/), keys.press('Enter')])
      const stored = await setup.ctx.stores.articles.findById(id)
      assert.equal(stored?.body, expected)
      assert.equal(stored?.status, 'published')

      await Promise.all([
        page.waitForURL(/\/\d{4}\/\d{2}\/\d{2}\//),
        page.getByRole('link', { name: 'View on the site' }).click(),
      ])
      const body = page.locator('.story-body')
      assert.equal(await body.locator('strong').first().textContent(), 'bold words')
      assert.equal(await body.locator('em').first().textContent(), 'italic')
      assert.equal(await body.locator('a[href="https://example.com/report"]').textContent(), 'link')
      assert.equal(await body.locator('h2').first().textContent(), 'Subheading two')
      assert.equal(await body.locator('h3').textContent(), 'Minor subheading')
      assert.equal(await body.locator('ul > li').count(), 2)
      assert.equal(await body.locator('ol > li').count(), 2)
      assert.equal(
        await body.locator('blockquote:not(.pull-quote)').textContent(),
        '\nA quotation.\n',
      )
      assert.equal(
        (await body.locator('blockquote.pull-quote').textContent())?.trim(),
        'Pulled words.',
      )
      assert.equal(await body.locator('hr').count(), 1)
      assert.equal(await body.locator('figure img[alt="The harbour at dawn"]').count(), 1)
      assert.deepEqual(problems, [], 'console errors or CSP violations')
    })

    test('undo and redo, and Markdown the editor cannot hold stays Markdown', async (t) => {
      const setup = await desk(t, dialect)
      const { page, problems } = await watchedPage(setup.browser)
      await signInThroughForm(page, setup.server.url, setup.editor)
      await page.goto(`${setup.server.url}/admin/articles/new`)
      await page.getByRole('button', { name: 'Edit as Markdown' }).click()
      await page.locator('textarea#body').fill('Keep this.')
      await page.getByRole('button', { name: 'Edit as Markdown' }).click()
      await page.locator('#body-editor').focus()
      await page.keyboard.press('Control+End')
      await page.keyboard.type(' Gone.')
      assert.equal(await fieldAfterWriteBack(page, /Gone\.$/), 'Keep this. Gone.')
      await page.keyboard.press('Control+z')
      assert.equal(await fieldAfterWriteBack(page, /this\.$/), 'Keep this.')
      await page.keyboard.press('Control+Shift+z')
      assert.equal(await fieldAfterWriteBack(page, /Gone\.$/), 'Keep this. Gone.')

      // A table is Markdown the site renders and the editor does not offer: the field stays.
      const table = '| Year | Ships |\n|---|---|\n| 2025 | 40 |'
      await page.getByRole('button', { name: 'Edit as Markdown' }).click()
      await page.locator('textarea#body').fill(table)
      await page.getByRole('button', { name: 'Edit as Markdown' }).click()
      assert.match((await page.locator('.rich-notice').textContent()) ?? '', /a table/)
      assert.equal(await page.locator('textarea#body').isVisible(), true)
      assert.equal(await page.locator('textarea#body').inputValue(), table)
      assert.deepEqual(problems, [])
    })

    test('a paste from Word is cleaned to what a story holds; a picture from elsewhere is a warning', async (t) => {
      const setup = await desk(t, dialect)
      const { page, problems } = await watchedPage(setup.browser)
      await signInThroughForm(page, setup.server.url, setup.editor)
      await page.goto(`${setup.server.url}/admin/articles/new`)
      await page.locator('#body-editor').focus()
      await paste(page, WORD_HTML, 'Council votes on harbour plan')
      const markdown = await fieldAfterWriteBack(page, /ten years/)
      assert.equal(markdown, WORD_MARKDOWN)
      assert.match(
        (await page.locator('.rich-notice').textContent()) ?? '',
        /https:\/\/cdn\.example\/harbour\.jpg/,
      )
      assert.equal(
        await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
        undefined,
      )
      assert.deepEqual(problems, [])
    })

    test('the XSS corpus pasted as HTML and as text ends inert, and a 5 MB paste is refused at once', async (t) => {
      const setup = await desk(t, dialect)
      const { page, problems } = await watchedPage(setup.browser)
      const dialogs: string[] = []
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      await signInThroughForm(page, setup.server.url, setup.editor)
      await page.goto(`${setup.server.url}/admin/articles/new`)
      await page.getByLabel('Headline').fill('Corpus')
      await page.locator('#body-editor').focus()
      for (const { text } of XSS_PAYLOADS) {
        await paste(page, text, text)
        await paste(page, '', text)
      }
      assert.deepEqual(problems, [])
      await page.keyboard.press('Control+End')
      await page.keyboard.type('End of corpus')
      const markdown = await fieldAfterWriteBack(page, /End of corpus/)
      assert.equal(notInert(renderMarkdown(markdown)), undefined)

      const huge = 'word '.repeat(1_000_000)
      await paste(page, `<p>${huge}</p>`, huge)
      assert.match((await page.locator('.rich-notice').textContent()) ?? '', /Nothing was pasted/)
      await page.keyboard.type(' still here')
      await fieldAfterWriteBack(page, /End of corpus still here/)

      await Promise.all([
        page.waitForURL(/saved=save/),
        page.getByRole('button', { name: 'Save', exact: true }).click(),
      ])
      const id = /articles\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? ''
      const stored = await setup.ctx.stores.articles.findById(id)
      assert.match(stored?.body ?? '', /End of corpus still here/)
      assert.equal(notInert(renderMarkdown(stored?.body ?? '')), undefined)
      assert.deepEqual(dialogs, [])
      assert.deepEqual(problems, [])
    })
  })
}

/** Word's clipboard HTML, trimmed: its styles, list paragraphs, o:p tags, and things that must not survive. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8">
<style>p.MsoNormal{margin:0}</style><script>window.pwned = 1</script></head>
<body lang=EN-GB><!--StartFragment-->
<h1>Council votes on harbour plan</h1>
<p class=MsoNormal>The council <b>approved</b> the plan on <i>Tuesday</i>, <span style="font-weight:700">after</span> a <span style="font-style:italic">long</span> debate.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span>Dredging starts in May<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span>Fees rise by 2%<o:p></o:p></p>
<p class=MsoNormal onclick="window.pwned=2">Read the <a href="https://council.example/plan" onmouseover="window.pwned=3">full plan</a> or <a href="javascript:window.pwned=4">this</a>.</p>
<img src="https://cdn.example/harbour.jpg" onerror="window.pwned=5">
<iframe src="https://evil.example/"></iframe>
<blockquote><p>We waited ten years for this.</p></blockquote>
<!--EndFragment--></body></html>`

const WORD_MARKDOWN = [
  '## Council votes on harbour plan',
  'The council **approved** the plan on *Tuesday*, **after** a *long* debate.',
  '- Dredging starts in May\n- Fees rise by 2%',
  'Read the [full plan](https://council.example/plan) or this.',
  '> We waited ten years for this.',
].join('\n\n')
