// A body stored in Markdown the rich-text editor writes differently (an
// import, the plain textarea, a story older than the editor) is written in
// the editor's form on its first edit there. The history compares versions
// in that form, so the change it shows is the writer's, not the editor's.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { canonicalMarkdown } from '../../src/text/rich-text/story-markdown.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { AdminClient, createStaff } from './admin-session.js'
import { textOf, textsOf } from './html.js'

const STORED = [
  'The harbour council voted on __Tuesday__ to build a new sea wall.',
  '* Work starts in the spring\n* It takes two years',
  '1) The city pays half\n2) The flood fund pays the rest',
  'Residents can see the plans at the _library_ until the end of the month.',
].join('\n\n')

async function desk(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const editor = await createStaff(ctx, 'editor', 'Eda Editor')
  const browser = new AdminClient(server.url)
  await browser.signInAs(editor)
  return { ctx, editor, browser }
}

/** A story's fields, the body as given. */
const storyWith = (headline: string, body: string) => ({
  headline,
  standfirst: '',
  dateline: '',
  body,
  keyPoints: [],
  sectionSlug: 'news',
  bylines: ['Ada Brekke'],
  tags: [],
  slug: '',
})

for (const dialect of testDialects()) {
  describe(`history of a body first edited in the editor (${dialect})`, () => {
    test("the first edit's comparison shows the writer's change, not the editor's Markdown", async (t) => {
      const { ctx, editor, browser } = await desk(t, dialect)
      const input = storyWith('Harbour council backs sea wall', STORED)
      const { editing } = ctx.services
      let article = await editing.createDraft(editor.actor, input)
      // What the editor sends back: its own Markdown, with one word changed by the writer.
      const canonical = canonicalMarkdown(STORED)
      assert.notEqual(canonical, STORED, 'every paragraph is written differently')
      const edited = canonical.replace('two years', 'three years')
      article = await editing.save(
        editor.actor,
        article.id,
        { ...input, body: edited },
        { baseVersion: article.version },
      )
      assert.equal(article.body, edited)

      const page = await browser.get(`/admin/articles/${article.id}/history?from=1&to=2`)
      assert.equal(page.status, 200)
      const changes = page.document.querySelector('#changes')
      assert.deepEqual(textsOf(changes?.querySelectorAll('dt') ?? []), ['Body'])
      assert.deepEqual(textsOf(changes?.querySelectorAll('ins') ?? []), ['three'])
      assert.deepEqual(textsOf(changes?.querySelectorAll('del') ?? []), ['two'])
      assert.equal(changes?.querySelectorAll('.diff-changed').length, 1)

      // A save that only rewrote the Markdown says so, and marks nothing.
      article = await editing.save(
        editor.actor,
        article.id,
        { ...input, body: STORED.replace('two years', 'three years') },
        { baseVersion: article.version },
      )
      const tidy = await browser.get(`/admin/articles/${article.id}/history?from=2&to=3`)
      const body = tidy.document.querySelector('#changes .diff-field-body')
      assert.match(textOf(body), /Only the Markdown was written differently/)
      assert.equal(body?.querySelectorAll('ins, del').length, 0)
    })

    test('a body the editor cannot hold is compared as stored', async (t) => {
      const { ctx, editor, browser } = await desk(t, dialect)
      const table = '| a | b |\n|---|---|\n| 1 | 2 |'
      const input = storyWith('A table', `* one\n* two\n\n${table}`)
      let article = await ctx.services.editing.createDraft(editor.actor, input)
      article = await ctx.services.editing.save(
        editor.actor,
        article.id,
        { ...input, body: `- one\n- two\n\n${table}` },
        { baseVersion: article.version },
      )
      const page = await browser.get(`/admin/articles/${article.id}/history?from=1&to=2`)
      const changes = page.document.querySelector('#changes .diff-field-body')
      // The list markers are the whole change: shown, since the editor never held this body.
      assert.deepEqual(textsOf(changes?.querySelectorAll('ins') ?? []), ['-', '-'])
      assert.deepEqual(textsOf(changes?.querySelectorAll('del') ?? []), ['*', '*'])
    })
  })
}
