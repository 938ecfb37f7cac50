// A story's picture choosers (the lead image, the social image, the editor's
// Picture panel) offer the library's pictures but not those used only as an
// author's photo (a headshot, the demo's initials): those belong to bylines.
// The authors' photo chooser and the library itself still show them.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import type { MediaItem } from '../../src/domain/media/media.js'
import { startTestServer } from '../helpers/app.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { photo } from '../helpers/images.js'
import { createMediaContext } from '../helpers/media.js'
import { AdminClient, createStaff } from './admin-session.js'

async function library(t: TestContext, dialect: DialectName) {
  const { ctx } = await createMediaContext(t, dialect, 'folder')
  const server = await startTestServer(t, ctx)
  const editor = await createStaff(ctx, 'editor', 'Eda Editor')
  const browser = new AdminClient(server.url)
  await browser.signInAs(editor)
  const upload = async (name: string, seed: number): Promise<MediaItem> => {
    const { item } = await ctx.services.media.upload(editor.actor, {
      bytes: await photo({ width: 800, height: 800, seed }),
      fileName: name,
      fields: { alt: `Picture ${name}` },
    })
    return item
  }
  const harbour = await upload('harbour.jpg', 1)
  const initials = await upload('initials-ab.png', 2)
  const shared = await upload('portrait-used-twice.jpg', 3)
  // Ada's byline makes her an author; her photo is the initials, and Ben's is also a story's lead.
  await ctx.services.editing.createDraft(editor.actor, {
    headline: 'Harbour wall work begins',
    standfirst: '',
    dateline: '',
    body: 'Work began on Monday.',
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke', 'Ben Lund'],
    tags: [],
    slug: '',
    leadImageId: shared.id,
  })
  await ctx.services.authors.setPhoto(editor.actor, 'ada-brekke', initials.id)
  await ctx.services.authors.setPhoto(editor.actor, 'ben-lund', shared.id)
  return { browser, harbour, initials, shared }
}

const offered = (
  page: {
    document: { querySelectorAll(s: string): { getAttribute(n: string): string | undefined }[] }
  },
  name: string,
) =>
  page.document
    .querySelectorAll(`input[type=radio][name=${name}]`)
    .map((input) => input.getAttribute('value'))
    .filter((value) => value !== '')

async function searched(browser: AdminClient, path: string): Promise<string[]> {
  const page = await browser.request('GET', path, { headers: { accept: 'application/json' } })
  assert.equal(page.status, 200)
  return (JSON.parse(page.html) as { items: { id: string }[] }).items.map((item) => item.id)
}

for (const dialect of testDialects()) {
  describe(`a story's picture choosers (${dialect})`, () => {
    test("leave out pictures used only as authors' photos; the authors' chooser keeps them", async (t) => {
      const { browser, harbour, initials, shared } = await library(t, dialect)
      const story = [harbour.id, shared.id].sort()

      const editor = await browser.get('/admin/articles/new')
      assert.equal(editor.status, 200)
      assert.deepEqual(offered(editor, 'lead_image').sort(), story)
      assert.deepEqual(offered(editor, 'social_image').sort(), story)
      // Searching by name, with or without JavaScript, finds no author's photo either.
      const found = await browser.post('/admin/articles/new', {
        headline: '',
        body: '',
        section: 'news',
        intent: 'find_images',
        lead_image_query: 'initials',
      })
      assert.deepEqual(offered(found, 'lead_image'), [])
      assert.equal(
        editor.document
          .querySelector('[data-image-chooser=lead_image]')
          ?.getAttribute('data-for-stories'),
        'yes',
      )
      assert.deepEqual((await searched(browser, '/admin/media?for=story&q=')).sort(), story)
      assert.deepEqual(await searched(browser, '/admin/media?for=story&q=initials'), [])

      // An author's photo is chosen from everything; the library lists everything.
      const all = [harbour.id, initials.id, shared.id].sort()
      const author = await browser.get('/admin/authors/ada-brekke')
      assert.deepEqual(offered(author, 'photo').sort(), all)
      assert.equal(
        author.document.querySelector('[data-image-chooser]')?.getAttribute('data-for-stories'),
        undefined,
      )
      assert.deepEqual((await searched(browser, '/admin/media?q=')).sort(), all)
      const shelf = await browser.get('/admin/media')
      assert.equal(shelf.document.querySelectorAll('.media-tile').length, 3)
    })
  })
}
