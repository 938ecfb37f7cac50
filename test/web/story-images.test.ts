// Pictures on stories, over HTTP, on every database and media driver: the lead
// image and body pictures on the page (responsive, sized, lazy but for the
// lead), in OpenGraph, Twitter cards and NewsArticle (the three crops), in RSS,
// Atom and JSON Feed, in the image sitemap; alt text required to go out;
// images in use kept from deletion; a picture from another site refused in
// the editor; author photos on their page and in bylines.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { XMLParser } from 'fast-xml-parser'
import type { HTMLElement } from 'node-html-parser'
import sharp from 'sharp'
import { ConflictError, ValidationError } from '../../src/domain/errors.js'
import type { MediaItem } from '../../src/domain/media/media.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import type { TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { photo } from '../helpers/images.js'
import { createMediaContext, mediaSetups } from '../helpers/media.js'
import { validateXml, xmllintUnavailable } from '../helpers/xmllint.js'
import { AdminClient, createStaff, editorForm, fieldError, type Staff } from './admin-session.js'
import { pathOf, textOf } from './html.js'

const SITE = 'https://news.example'

interface Story {
  ctx: TestAppContext
  server: TestServer
  editor: Staff
  lead: MediaItem
  inline: MediaItem
  path: string
  articleId: string
}

async function upload(
  ctx: TestAppContext,
  editor: Staff,
  options: { width: number; height: number; seed: number; name: string; alt?: string },
): Promise<MediaItem> {
  const { item } = await ctx.services.media.upload(editor.actor, {
    bytes: await photo({ width: options.width, height: options.height, seed: options.seed }),
    fileName: options.name,
    fields: { alt: options.alt ?? '' },
  })
  return item
}

/** A published story with a lead photo (caption, credit, focal point) and one in its body. */
async function publishedStory(
  t: Parameters<typeof createMediaContext>[0],
  dialect: Parameters<typeof createMediaContext>[1],
  driver: Parameters<typeof createMediaContext>[2],
): Promise<Story> {
  const { ctx } = await createMediaContext(t, dialect, driver)
  const server = await startTestServer(t, ctx)
  const editor = await createStaff(ctx, 'editor', 'Eda Editor')
  const uploaded = await upload(ctx, editor, {
    width: 2400,
    height: 1600,
    seed: 90,
    name: 'quay.jpg',
    alt: 'Fishing boats moored along the old quay',
  })
  const lead = await ctx.services.media.update(
    editor.actor,
    uploaded.id,
    {
      alt: uploaded.alt,
      decorative: false,
      caption: 'The old quay at low tide',
      credit: 'Sigrid Lunde / Nordic Wire',
      copyright: '',
      focalPoint: { x: 0.3, y: 0.6 },
    },
    { baseVersion: uploaded.version },
  )
  const inline = await upload(ctx, editor, {
    width: 1600,
    height: 1200,
    seed: 150,
    name: 'crane.jpg',
    alt: 'A crane lifts the first concrete block',
  })
  const draft = await ctx.services.editing.createDraft(editor.actor, {
    headline: 'Harbour wall work begins',
    standfirst: 'The first blocks went in on Monday.',
    dateline: 'BERGEN, NORWAY',
    body: `Work on the new harbour wall began on Monday.\n\n![A crane](media:${inline.id})\n\nIt will take two winters.`,
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: ['Harbours'],
    slug: '',
    leadImageId: lead.id,
  })
  const published = await ctx.services.workflow.transition(editor.actor, draft.id, {
    transition: 'publish',
    baseVersion: draft.version,
  })
  return { ctx, server, editor, lead, inline, path: pathOf(published), articleId: draft.id }
}

const urlsOf = (srcset: string | undefined): string[] =>
  (srcset ?? '').split(', ').map((candidate) => candidate.split(' ')[0] ?? '')

async function imageSize(server: TestServer, url: string): Promise<[number, number]> {
  const path = url.startsWith(SITE) ? url.slice(SITE.length) : url
  const response = await server.get(path)
  assert.equal(response.status, 200, path)
  const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
  return [meta.width ?? 0, meta.height ?? 0]
}

/** A document the site serves (a feed, a sitemap), as text, after checking it was served. */
async function served(server: TestServer, path: string): Promise<string> {
  const response = await server.get(path)
  assert.equal(response.status, 200, path)
  return response.text()
}

/** The page's JSON-LD block of one @type. */
function structuredData<T>(document: HTMLElement, type: string): T | undefined {
  return document
    .querySelectorAll('script[type="application/ld+json"]')
    .map((script) => JSON.parse(script.text) as T & { '@type': string })
    .find((data) => data['@type'] === type)
}

for (const [label, dialect, driver] of mediaSetups(testDialects())) {
  describe(`pictures on stories (${label})`, () => {
    test('the page: a sized, prioritised lead picture with its caption and credit; lazy body pictures', async (t) => {
      const story = await publishedStory(t, dialect, driver)
      const { document, response } = await story.server.page(story.path)
      assert.equal(response.status, 200)
      const leadFigure = document.querySelector('figure.lead-figure')
      assert.ok(leadFigure, 'the lead figure')
      const leadImg = leadFigure.querySelector('picture img')
      assert.deepEqual(
        [leadImg?.getAttribute('width'), leadImg?.getAttribute('height')],
        ['2400', '1600'],
      )
      assert.equal(leadImg?.getAttribute('fetchpriority'), 'high')
      assert.equal(leadImg?.hasAttribute('loading'), false, 'the lead is never lazy')
      assert.equal(leadImg?.getAttribute('alt'), 'Fishing boats moored along the old quay')
      assert.ok(leadImg?.getAttribute('sizes'))
      assert.deepEqual(
        leadFigure.querySelectorAll('source').map((source) => source.getAttribute('type')),
        ['image/avif', 'image/webp'],
      )
      assert.equal(
        textOf(leadFigure.querySelector('figcaption')),
        'The old quay at low tide Sigrid Lunde / Nordic Wire',
      )
      assert.equal(textOf(leadFigure.querySelector('.credit')), 'Sigrid Lunde / Nordic Wire')
      // Every JPEG the srcset names is served, at the width it claims.
      for (const candidate of (leadImg?.getAttribute('srcset') ?? '').split(', ')) {
        const [url = '', width = ''] = candidate.split(' ')
        const [served] = await imageSize(story.server, url)
        assert.equal(`${served}w`, width, url)
      }

      const body = document.querySelector('.story-body')
      const inlineImg = body?.querySelector('figure picture img')
      assert.equal(inlineImg?.getAttribute('loading'), 'lazy')
      assert.equal(inlineImg?.getAttribute('alt'), 'A crane lifts the first concrete block')
      assert.deepEqual(
        [inlineImg?.getAttribute('width'), inlineImg?.getAttribute('height')],
        ['1600', '1200'],
      )
      assert.match(textOf(body?.querySelector('p')), /^BERGEN, NORWAY — Work on/)
      const avif = urlsOf(body?.querySelector('source[type="image/avif"]')?.getAttribute('srcset'))
      const served = await story.server.get(avif[0] ?? '')
      assert.equal(served.headers.get('content-type'), 'image/avif')

      // The home page leads with it, picture first.
      const home = await story.server.page('/')
      const homeImg = home.document.querySelector('.lead-story picture img')
      assert.equal(homeImg?.getAttribute('fetchpriority'), 'high')
      assert.deepEqual(
        urlsOf(homeImg?.getAttribute('srcset')),
        urlsOf(leadImg?.getAttribute('srcset')),
      )
    })

    test('what machines read: large cards, the three crops, feeds and the image sitemap', async (t) => {
      const story = await publishedStory(t, dialect, driver)
      const { document } = await story.server.page(story.path)
      const meta = (selector: string) =>
        document.querySelector(`meta[${selector}]`)?.getAttribute('content')
      assert.equal(meta('name="robots"'), 'max-image-preview:large')
      assert.equal(meta('name="twitter:card"'), 'summary_large_image')
      const ogImage = meta('property="og:image"') ?? ''
      assert.ok(ogImage.startsWith(`${SITE}/media/`), ogImage)
      assert.equal(meta('name="twitter:image"'), ogImage)
      assert.deepEqual(
        [meta('property="og:image:width"'), meta('property="og:image:height"')],
        ['1200', '675'],
      )
      assert.deepEqual(await imageSize(story.server, ogImage), [1200, 675])

      const article = structuredData<{ image: { url: string; width: number; height: number }[] }>(
        document,
        'NewsArticle',
      )
      const images = article?.image ?? []
      assert.deepEqual(
        images.map((image) => `${image.width}×${image.height}`),
        ['1200×675', '1200×900', '1200×1200'],
      )
      for (const image of images) {
        assert.deepEqual(await imageSize(story.server, image.url), [image.width, image.height])
      }

      const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })
      const rss = await served(story.server, '/feed.rss')
      assert.match(rss, /xmlns:media="http:\/\/search\.yahoo\.com\/mrss\/"/)
      const item = (xml.parse(rss) as { rss: { channel: { item: Record<string, unknown> } } }).rss
        .channel.item
      const content = item['media:content'] as Record<string, unknown>
      assert.equal(content['@medium'], 'image')
      assert.equal(content['@width'], '1280')
      assert.equal(content['media:credit'], 'Sigrid Lunde / Nordic Wire')
      assert.deepEqual(await imageSize(story.server, String(content['@url'])), [1280, 853])
      // The full text's pictures have absolute addresses: a feed is read away from the site.
      const encoded = String(item['content:encoded'])
      assert.match(encoded, /<figure class="figure"><picture>/)
      assert.ok(!/(src|srcset)="\/media\//.test(encoded), 'no relative picture address')

      const atom = await served(story.server, '/feed.atom')
      assert.match(
        atom,
        /<link rel="enclosure" type="image\/jpeg" href="https:\/\/news\.example\/media\/[^"]+-1280\.jpg"\/>/,
      )
      const json = JSON.parse(await served(story.server, '/feed.json')) as {
        items: { image?: string; banner_image?: string }[]
      }
      assert.equal(json.items[0]?.image, content['@url'])
      assert.equal(json.items[0]?.banner_image, ogImage)

      const sitemap = await served(story.server, '/sitemaps/articles-1.xml')
      const locs = [...sitemap.matchAll(/<image:loc>([^<]+)<\/image:loc>/g)].map((m) => m[1])
      assert.equal(locs.length, 2, 'the lead picture and the one in the body')
      for (const loc of locs) await imageSize(story.server, loc ?? '')
      if (!xmllintUnavailable()) {
        const { valid, output } = validateXml(sitemap, 'urlset')
        assert.ok(valid, output)
      }
    })

    test('alt text before it goes out; images in use are kept; a changed caption reaches the page', async (t) => {
      const story = await publishedStory(t, dialect, driver)
      const { ctx, editor } = story
      const bare = await upload(ctx, editor, {
        width: 800,
        height: 600,
        seed: 40,
        name: 'bare.jpg',
      })
      const draft = await ctx.services.editing.createDraft(editor.actor, {
        headline: 'Second story',
        standfirst: '',
        dateline: '',
        body: `Text.\n\n![](media:${bare.id})`,
        keyPoints: [],
        sectionSlug: 'news',
        bylines: ['Ada Brekke'],
        tags: [],
        slug: '',
      })
      for (const transition of ['publish', 'schedule'] as const) {
        await assert.rejects(
          ctx.services.workflow.transition(editor.actor, draft.id, {
            transition,
            baseVersion: draft.version,
            at: new Date(ctx.clock.now().getTime() + 3_600_000),
          }),
          (error: unknown) => error instanceof ValidationError && error.code === 'image_needs_alt',
        )
      }
      assert.equal((await ctx.stores.articles.findById(draft.id))?.status, 'draft')
      // Marked decorative, it may go out without a description.
      await ctx.services.media.update(
        editor.actor,
        bare.id,
        { ...bare, decorative: true },
        { baseVersion: bare.version },
      )
      const out = await ctx.services.workflow.transition(editor.actor, draft.id, {
        transition: 'publish',
        baseVersion: draft.version,
      })
      assert.equal(out.status, 'published')
      const second = await story.server.page(pathOf(out))
      assert.equal(second.document.querySelector('.story-body img')?.getAttribute('alt'), '')

      // Where each is used is recorded with the article, and deletion says where.
      const details = await ctx.services.media.get(editor.actor, story.lead.id)
      assert.deepEqual(
        details.usages.map((usage) => `${usage.kind} ${usage.label}`),
        ['article_lead Harbour wall work begins'],
      )
      await assert.rejects(
        ctx.services.media.remove(editor.actor, story.inline.id),
        (error: unknown) =>
          error instanceof ConflictError &&
          error.code === 'media_in_use' &&
          error.message.includes('in the text of “Harbour wall work begins”'),
      )
      // A published story's picture keeps its description.
      await assert.rejects(
        ctx.services.media.update(
          editor.actor,
          story.lead.id,
          { ...story.lead, alt: '' },
          { baseVersion: story.lead.version },
        ),
        (error: unknown) => error instanceof ValidationError && error.code === 'image_needs_alt',
      )

      // The page is cached; a new caption in the library reaches it at once.
      await story.server.page(story.path)
      await ctx.services.media.update(
        editor.actor,
        story.lead.id,
        { ...story.lead, caption: 'Low tide at the old quay, Monday' },
        { baseVersion: story.lead.version },
      )
      const again = await story.server.page(story.path)
      assert.match(textOf(again.document.querySelector('.lead-figure figcaption')), /^Low tide/)

      // Taken out of the article, the picture can go.
      const current = await ctx.services.editing.get(editor.actor, story.articleId)
      await ctx.services.editing.save(
        editor.actor,
        current.id,
        {
          headline: current.headline,
          standfirst: current.standfirst,
          dateline: current.dateline,
          body: 'Work on the new harbour wall began on Monday.',
          keyPoints: [],
          sectionSlug: 'news',
          bylines: ['Ada Brekke'],
          tags: ['Harbours'],
          slug: current.slug,
        },
        { baseVersion: current.version },
      )
      await ctx.services.media.remove(editor.actor, story.inline.id)
      assert.equal(await ctx.stores.media.findById(story.inline.id), undefined)
    })

    test('the editor refuses a picture from another site, saying so, and keeps what was typed', async (t) => {
      const story = await publishedStory(t, dialect, driver)
      const browser = new AdminClient(story.server.url)
      await browser.signInAs(story.editor)
      const page = await browser.get(`/admin/articles/${story.articleId}`)
      const body = 'A view of the quay.\n\n![The quay](https://elsewhere.example/quay.jpg)'
      const refused = await browser.submit(editorForm(page), { body, intent: 'save' })
      assert.equal(refused.status, 422)
      assert.match(fieldError(refused, 'body') ?? '', /another site/)
      assert.equal(
        refused.document.querySelector('textarea#body')?.text.includes('elsewhere.example'),
        true,
        'what was typed is kept',
      )
      const stored = await story.ctx.stores.articles.findById(story.articleId)
      assert.ok(!stored?.body.includes('elsewhere.example'), 'nothing saved')
      // The chooser keeps the lead picture chosen; a search offers the library.
      assert.equal(
        refused.document.querySelector('input[name=lead_image][checked]')?.getAttribute('value'),
        story.lead.id,
      )
      const found = await browser.submit(editorForm(page), {
        lead_image_query: 'crane',
        intent: 'find_images',
      })
      assert.equal(found.status, 200)
      const offered = found.document
        .querySelectorAll('input[name=lead_image]')
        .map((input) => input.getAttribute('value'))
      assert.deepEqual(offered, ['', story.lead.id, story.inline.id])
    })

    test("an author's photo: on their page, beside their byline; kept while it is used", async (t) => {
      const story = await publishedStory(t, dialect, driver)
      const { ctx, editor } = story
      const portrait = await upload(ctx, editor, {
        width: 900,
        height: 1200,
        seed: 200,
        name: 'drawn-portrait.png',
        alt: 'A drawing of Ada Brekke',
      })
      const writer = await createStaff(ctx, 'contributor')
      await assert.rejects(ctx.services.authors.setPhoto(writer.actor, 'ada-brekke', portrait.id))
      await ctx.services.authors.setPhoto(editor.actor, 'ada-brekke', portrait.id)

      const authorPage = await story.server.page('/authors/ada-brekke')
      const profile = authorPage.document.querySelector('.author-intro img')
      assert.equal(profile?.getAttribute('alt'), 'A drawing of Ada Brekke')
      assert.deepEqual(
        [profile?.getAttribute('width'), profile?.getAttribute('height')],
        ['480', '480'],
      )
      const profileLd = structuredData<{ mainEntity?: { image?: { width: number } } }>(
        authorPage.document,
        'ProfilePage',
      )
      assert.equal(profileLd?.mainEntity?.image?.width, 900)

      const articlePage = await story.server.page(story.path)
      const byline = articlePage.document.querySelector('.story-header .byline')
      assert.equal(byline?.querySelector('img')?.getAttribute('alt'), '', 'the name says who')
      assert.equal(textOf(byline), 'By Ada Brekke')

      await assert.rejects(
        ctx.services.media.remove(editor.actor, portrait.id),
        (error: unknown) =>
          error instanceof ConflictError && error.message.includes('the photo of Ada Brekke'),
      )
      await ctx.services.authors.setPhoto(editor.actor, 'ada-brekke', null)
      await ctx.services.media.remove(editor.actor, portrait.id)
    })
  })
}

describe('pictures from a CDN', () => {
  test('MEDIA_PUBLIC_URL: pages name renditions there, and the CSP allows that host', async (t) => {
    const { ctx } = await createMediaContext(t, 'sqlite', 'folder', {
      MEDIA_PUBLIC_URL: 'https://cdn.example/media',
    })
    const server = await startTestServer(t, ctx)
    const editor = await createStaff(ctx, 'editor', 'Eda Editor')
    const lead = await upload(ctx, editor, {
      width: 1400,
      height: 900,
      seed: 60,
      name: 'cdn.jpg',
      alt: 'Boats',
    })
    const draft = await ctx.services.editing.createDraft(editor.actor, {
      headline: 'Served from a CDN',
      standfirst: '',
      dateline: '',
      body: 'Text.',
      keyPoints: [],
      sectionSlug: 'news',
      bylines: ['Ada Brekke'],
      tags: [],
      slug: '',
      leadImageId: lead.id,
    })
    const published = await ctx.services.workflow.transition(editor.actor, draft.id, {
      transition: 'publish',
      baseVersion: draft.version,
    })
    const { document, response } = await server.page(pathOf(published))
    const img = document.querySelector('figure.lead-figure img')
    for (const url of urlsOf(img?.getAttribute('srcset'))) {
      assert.ok(url.startsWith('https://cdn.example/media/'), url)
    }
    assert.match(
      response.headers.get('content-security-policy') ?? '',
      /img-src 'self' data: https:\/\/cdn\.example(;|$)/,
    )
    const og = document.querySelector('meta[property="og:image"]')?.getAttribute('content')
    assert.ok(og?.startsWith('https://cdn.example/media/'), og)
  })
})
