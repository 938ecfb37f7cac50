// SEO and social fields over HTTP on both databases: typed in the editor (with
// the defaults and length guidance shown), on the public page (<title>, meta
// description, OpenGraph and Twitter cards; the JSON-LD headline stays the
// headline), kept in revisions and restored, the social image kept from
// deletion while it is used, and absurd lengths refused with a 422.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import sharp from 'sharp'
import type { DialectName } from '../../src/storage/dialect.js'
import { ConflictError } from '../../src/domain/errors.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import type { TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { photo } from '../helpers/images.js'
import { createMediaContext } from '../helpers/media.js'
import { AdminClient, createStaff, editorForm, fieldError, type Staff } from './admin-session.js'
import { pathOf } from './html.js'

const SITE = 'https://news.example'

interface Desk {
  ctx: TestAppContext
  server: TestServer
  editor: Staff
  browser: AdminClient
  articleId: string
  socialId: string
}

async function publishedStory(t: TestContext, dialect: DialectName): Promise<Desk> {
  const { ctx } = await createMediaContext(t, dialect, 'folder')
  const server = await startTestServer(t, ctx)
  const editor = await createStaff(ctx, 'editor', 'Eda Editor')
  const { item: social } = await ctx.services.media.upload(editor.actor, {
    bytes: await photo({ width: 2400, height: 1600, seed: 31 }),
    fileName: 'ferry.jpg',
    fields: { alt: 'The night ferry leaving the harbour' },
  })
  const draft = await ctx.services.editing.createDraft(editor.actor, {
    headline: 'Ferry timetable changes from Monday',
    standfirst: 'The night crossing moves an hour earlier.',
    dateline: 'BERGEN, NORWAY',
    body: 'The ferry company announced the change on Friday.',
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: [],
    slug: '',
  })
  await ctx.services.workflow.transition(editor.actor, draft.id, {
    transition: 'publish',
    baseVersion: draft.version,
  })
  const browser = new AdminClient(server.url)
  await browser.signInAs(editor)
  return { ctx, server, editor, browser, articleId: draft.id, socialId: social.id }
}

const metaOf = (
  document: { querySelector(s: string): { getAttribute(n: string): string | undefined } | null },
  selector: string,
) => document.querySelector(`meta[${selector}]`)?.getAttribute('content')

for (const dialect of testDialects()) {
  describe(`SEO and social fields (${dialect})`, () => {
    test('the editor shows the defaults; the page uses what was typed; revisions carry it', async (t) => {
      const desk = await publishedStory(t, dialect)
      const { browser, ctx, server } = desk
      const page = await browser.get(`/admin/articles/${desk.articleId}`)
      assert.equal(page.status, 200)
      const metaTitle = page.document.querySelector('input#metaTitle')
      assert.equal(metaTitle?.getAttribute('placeholder'), 'Ferry timetable changes from Monday')
      assert.equal(
        page.document.querySelector('textarea#metaDescription')?.getAttribute('placeholder'),
        'The night crossing moves an hour earlier.',
      )
      assert.match(page.document.querySelector('#metaTitle-count')?.text ?? '', /0 of about 60/)

      const saved = await browser.submit(editorForm(page), {
        meta_title: 'Night ferry an hour earlier from Monday',
        meta_description: 'The Bergen night ferry leaves at 21:00 from Monday, an hour earlier.',
        social_title: 'Your night ferry now leaves at nine',
        social_description: '',
        social_image: desk.socialId,
        intent: 'save',
      })
      assert.equal(saved.status, 303, saved.html.slice(0, 300))
      const stored = await ctx.services.editing.get(desk.editor.actor, desk.articleId)
      assert.equal(stored.seo.metaTitle, 'Night ferry an hour earlier from Monday')
      assert.equal(stored.socialImage?.id, desk.socialId)

      const { document } = await server.page(pathOf(stored))
      assert.equal(
        document.querySelector('title')?.text,
        'Night ferry an hour earlier from Monday | ' + ctx.config.siteName,
      )
      assert.equal(metaOf(document, 'name="description"'), stored.seo.metaDescription)
      assert.equal(metaOf(document, 'property="og:title"'), 'Your night ferry now leaves at nine')
      assert.equal(metaOf(document, 'name="twitter:title"'), 'Your night ferry now leaves at nine')
      // No social description of its own: the meta description.
      assert.equal(metaOf(document, 'property="og:description"'), stored.seo.metaDescription)
      const ogImage = metaOf(document, 'property="og:image"') ?? ''
      assert.ok(ogImage.startsWith(`${SITE}/media/`), ogImage)
      const image = await server.get(ogImage.slice(SITE.length))
      const size = await sharp(Buffer.from(await image.arrayBuffer())).metadata()
      assert.ok((size.width ?? 0) >= 1200, `the shared picture is ${size.width} px wide`)
      assert.equal(
        metaOf(document, 'property="og:image:alt"'),
        'The night ferry leaving the harbour',
      )
      const newsArticle = document
        .querySelectorAll('script[type="application/ld+json"]')
        .map((script) => JSON.parse(script.text) as Record<string, unknown>)
        .find((data) => data['@type'] === 'NewsArticle')
      assert.equal(newsArticle?.headline, 'Ferry timetable changes from Monday')

      // In use, the social image cannot be deleted.
      await assert.rejects(
        ctx.services.media.remove(desk.editor.actor, desk.socialId),
        (error: unknown) => error instanceof ConflictError && /social image/.test(error.message),
      )

      // History: the version before has no SEO words; restoring it brings the defaults back.
      const { revisions } = await ctx.services.editing.history(desk.editor.actor, desk.articleId)
      assert.equal(revisions[0]?.fields.metaTitle, 'Night ferry an hour earlier from Monday')
      assert.equal(revisions[0]?.fields.socialImage, desk.socialId)
      const older = revisions[1]
      assert.ok(older)
      const restored = await ctx.services.editing.restore(
        desk.editor.actor,
        desk.articleId,
        older.version,
        stored.version,
      )
      assert.equal(restored.seo.metaTitle, '')
      assert.equal(restored.socialImage, null)
      const again = await server.page(pathOf(restored))
      assert.equal(
        metaOf(again.document, 'property="og:title"'),
        'Ferry timetable changes from Monday',
      )
      // No longer used, the picture can go.
      await ctx.services.media.remove(desk.editor.actor, desk.socialId)
    })

    test('beyond the advised length the editor warns; an absurd length is a 422 naming the field', async (t) => {
      const desk = await publishedStory(t, dialect)
      const { browser } = desk
      const page = await browser.get(`/admin/articles/${desk.articleId}`)
      const long = 'A description that runs on. '.repeat(7).trim()
      const warned = await browser.submit(editorForm(page), {
        meta_description: long,
        intent: 'save',
      })
      assert.equal(warned.status, 303)
      const shown = await browser.get(`/admin/articles/${desk.articleId}`)
      const note = shown.document.querySelector('#metaDescription-count')
      assert.match(note?.getAttribute('class') ?? '', /over/)
      assert.match(note?.text ?? '', new RegExp(`${long.length} characters: over the 160`))

      const absurd = await browser.submit(editorForm(shown), {
        meta_title: 'x'.repeat(5000),
        intent: 'save',
      })
      assert.equal(absurd.status, 422)
      assert.match(fieldError(absurd, 'metaTitle') ?? '', /5000 characters long; the limit is 300/)
      const stored = await desk.ctx.services.editing.get(desk.editor.actor, desk.articleId)
      assert.equal(stored.seo.metaDescription, long, 'the earlier save stands')

      const missing = await browser.submit(editorForm(shown), {
        social_image: '0190aaaa-0000-7000-8000-000000000000',
        intent: 'save',
      })
      assert.equal(missing.status, 422)
      assert.match(
        missing.document.querySelector('[data-image-chooser=social_image] .field-error')?.text ??
          '',
        /social image is not in the media library/,
      )
    })
  })
}
