// The media library over real HTTP, as a browser uses it: uploads of several
// files (multipart, the CSRF token first), the grid and search, an image's
// page and its fields, deletion refused while in use, every bad file as a 4xx,
// and /media/NAME served for ever-caching.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import sharp from 'sharp'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { badFiles } from '../helpers/bad-images.js'
import type { TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { photo, withTags, AGENCY_TAGS } from '../helpers/images.js'
import {
  createMediaContext,
  mediaSetups,
  type MediaDriver,
  type TestMediaPlace,
} from '../helpers/media.js'
import { textOf, textsOf } from './html.js'
import {
  AdminClient,
  createStaff,
  fieldError,
  type AdminPage,
  type Staff,
} from './admin-session.js'

interface World {
  ctx: TestAppContext
  place: TestMediaPlace
  server: TestServer
  writer: Staff
  /** A browser signed in as the contributor. */
  browser: AdminClient
}

async function makeWorld(
  t: TestContext,
  dialect: DialectName,
  driver: MediaDriver,
  env: Record<string, string> = {},
): Promise<World> {
  const { ctx, place } = await createMediaContext(t, dialect, driver, env)
  const server = await startTestServer(t, ctx)
  const writer = await createStaff(ctx, 'contributor', 'Wanda Writer')
  const browser = new AdminClient(server.url)
  await browser.signInAs(writer)
  return { ctx, place, server, writer, browser }
}

const banner = (page: AdminPage) => textOf(page.document.querySelector('[role=alert]'))
const outcomes = (page: AdminPage) => textsOf(page.document.querySelectorAll('.upload-outcomes li'))

for (const [label, dialect, driver] of mediaSetups(testDialects())) {
  describe(`the media library in the newsroom (${label})`, () => {
    test('several files at once: each reported, in the grid, searchable, each with its page', async (t) => {
      const { ctx, browser } = await makeWorld(t, dialect, driver)
      const agency = withTags(await photo({ width: 1000, height: 700 }), AGENCY_TAGS)
      const page = await browser.upload('/admin/media', [
        { name: 'boats.jpg', bytes: agency, type: 'image/jpeg' },
        { name: 'chart.png', bytes: await photo({ width: 500, height: 300, format: 'png' }) },
      ])
      assert.equal(page.status, 200, banner(page))
      assert.deepEqual(outcomes(page), [
        '✓ boats.jpg: added; caption, credit, copyright filled from the file.',
        '✓ chart.png: added.',
      ])
      const tiles = page.document.querySelectorAll('.media-grid .media-tile')
      assert.equal(tiles.length, 2)
      for (const tile of tiles) {
        const image = tile.querySelector('img')
        assert.match(image?.getAttribute('src') ?? '', /^\/media\/[0-9a-f]{20}-320\.webp$/)
        assert.equal(image?.getAttribute('alt'), '', 'the file name beside it says what it is')
        const thumbnail = await fetch(browser.baseUrl + image?.getAttribute('src'))
        assert.equal(thumbnail.status, 200)
      }

      const found = await browser.get('/admin/media?q=tromsø')
      assert.deepEqual(textsOf(found.document.querySelectorAll('.media-tile .media-name')), [
        'boats.jpg',
      ])
      const none = await browser.get('/admin/media?q=nothing+like+this')
      assert.match(
        textOf(none.document.querySelector('main')),
        /No image matches “nothing like this”/,
      )

      const link = found.document.querySelector('.media-tile a')?.getAttribute('href') ?? ''
      const item = await browser.get(link)
      assert.equal(item.status, 200)
      assert.equal(textOf(item.document.querySelector('h1')), 'boats.jpg')
      assert.equal(
        item.document.querySelector('#caption')?.text,
        AGENCY_TAGS['IPTC:Caption-Abstract'],
      )
      assert.equal(
        item.document.querySelector('#credit')?.getAttribute('value'),
        'Sigrid Lunde / Nordic Wire',
      )
      const sources = item.document.querySelectorAll('picture source')
      assert.deepEqual(
        sources.map((s) => s.getAttribute('type')),
        ['image/avif', 'image/webp'],
      )
      assert.match(
        sources[0]?.getAttribute('srcset') ?? '',
        /-320\.avif 320w, .*-1000\.avif 1000w$/,
      )
      const img = item.document.querySelector('picture img')
      assert.deepEqual([img?.getAttribute('width'), img?.getAttribute('height')], ['1000', '700'])
      const rows = item.document.querySelectorAll('table.renditions tbody tr')
      assert.equal(rows.length, 24, 'twelve of the whole picture, twelve crops')
      assert.equal(rows.filter((row) => textOf(row).includes('Crop, 16:9')).length, 1)
      assert.equal(textOf(item.document.querySelectorAll('.media-facts dd')[2]), 'Nothing yet.')
      assert.ok(item.html.includes('/assets/media.'), 'the media page loads its script')
      void ctx
    })

    test('one file goes to its page, where its fields are saved with a version check', async (t) => {
      const { ctx, browser } = await makeWorld(t, dialect, driver)
      const sent = await browser.upload('/admin/media', [
        { name: 'quay.jpg', bytes: await photo({ width: 800, height: 600 }) },
      ])
      assert.equal(sent.status, 303)
      assert.match(sent.location, /^\/admin\/media\/[0-9a-f-]{36}\?done=uploaded$/)
      const page = await browser.get(sent.location)
      assert.match(textOf(page.document.querySelector('[role=status]')), /Now give it alt text/)
      const form = page.document.querySelector(`form[action="${sent.location.split('?')[0]}"]`)
      assert.ok(form)

      const saved = await browser.submit(form, {
        alt: 'The old quay at low tide',
        caption: 'The quay, before the works.',
        credit: 'Ada Brekke',
        focal_x: '25',
        focal_y: '62.5',
      })
      assert.equal(saved.status, 303, banner(saved))
      const id = sent.location.split('/')[3]?.split('?')[0] ?? ''
      const item = await ctx.stores.media.findById(id)
      assert.equal(item?.alt, 'The old quay at low tide')
      assert.deepEqual(item?.focalPoint, { x: 0.25, y: 0.625 })

      // The same form again: its version is stale now.
      const stale = await browser.submit(form, { alt: 'An older idea' })
      assert.equal(stale.status, 409)
      assert.match(banner(stale), /Someone else saved this image/)
      assert.equal(stale.document.querySelector('#alt')?.text, 'The old quay at low tide')

      const bad = await browser.submit(
        (await browser.get(`/admin/media/${id}`)).document.querySelector(
          `form[action="/admin/media/${id}"]`,
        )!,
        {
          focal_x: '140',
        },
      )
      assert.equal(bad.status, 422)
      assert.match(fieldError(bad, 'focal_x') ?? banner(bad), /0 to 100 %/)
      assert.equal(
        bad.document.querySelector('#focal_x')?.getAttribute('value'),
        '140',
        'what was typed stays',
      )
    })

    test('every bad file is a 4xx saying what is wrong; nothing is kept; the others still go in', async (t) => {
      const { browser, place, server } = await makeWorld(t, dialect, driver, { MEDIA_MAX_MB: '1' })
      for (const bad of await badFiles()) {
        const page = await browser.upload('/admin/media', [{ name: 'photo.jpg', bytes: bad.bytes }])
        if (bad.code === 'empty_file') {
          assert.equal(page.status, 422, bad.what)
          continue
        }
        assert.equal(
          page.status,
          bad.status,
          `${bad.what}: ${banner(page)} ${outcomes(page).join()}`,
        )
        const said = outcomes(page).join(' ')
        assert.match(
          said,
          bad.status === 413 ? /larger than the library takes \(1 MB\)/ : bad.says,
          bad.what,
        )
        assert.deepEqual(await place.keys(), [], `${bad.what}: nothing stored`)
      }
      // A good file beside a bad one: the good one is added, the page says which was refused.
      const mixed = await browser.upload('/admin/media', [
        { name: 'good.jpg', bytes: await photo({ width: 300, height: 200 }) },
        { name: 'notes.jpg', bytes: Buffer.from('not a picture at all, just words\n') },
      ])
      assert.equal(mixed.status, 422)
      assert.match(outcomes(mixed)[0] ?? '', /^✓ good\.jpg: added/)
      assert.match(outcomes(mixed)[1] ?? '', /^✗ notes\.jpg: This file is text, not an image/)
      assert.equal(mixed.document.querySelectorAll('.media-tile').length, 1)
      // The server is unharmed.
      assert.equal((await server.get('/')).status, 200)
    })

    test('an upload without the token, or with it after the files, stores nothing', async (t) => {
      const { browser, place } = await makeWorld(t, dialect, driver)
      const bytes = await photo({ width: 300, height: 200 })
      for (const csrf of ['none', 'after'] as const) {
        const page = await browser.upload('/admin/media', [{ name: 'x.jpg', bytes }], { csrf })
        assert.equal(page.status, 403, csrf)
        assert.match(banner(page), /This form had expired/)
        assert.deepEqual(await place.keys(), [], csrf)
      }
      const notMultipart = await browser.post('/admin/media', { files: 'x.jpg' })
      assert.equal(notMultipart.status, 415)
      const empty = await browser.upload('/admin/media', [])
      assert.equal(empty.status, 422)
      assert.match(banner(empty), /Choose one or more image files/)
    })

    test('an image in use says where, and cannot be deleted; an unused one can', async (t) => {
      const { ctx, place, server } = await makeWorld(t, dialect, driver)
      const editor = await createStaff(ctx, 'editor', 'Edna Editor')
      const browser = new AdminClient(server.url)
      await browser.signInAs(editor)
      const { item } = await ctx.services.media.upload(COMMAND_LINE, {
        bytes: await photo({ width: 640, height: 480 }),
        fileName: 'storm.jpg',
      })
      const { article } = await importArticle(ctx, { headline: 'Storm closes the harbour' })
      await ctx.stores.media.setUsages({ kind: 'article_lead', ownerId: article.id }, [item.id])

      const page = await browser.get(`/admin/media/${item.id}`)
      const usage = page.document.querySelector('.usages a')
      assert.equal(textOf(usage), 'the lead image of “Storm closes the harbour”')
      assert.equal(usage?.getAttribute('href'), `/admin/articles/${article.id}`)
      const form = page.document.querySelector(`form[action="/admin/media/${item.id}/delete"]`)
      assert.ok(form)
      const refused = await browser.submit(form)
      assert.equal(refused.status, 409)
      assert.match(
        banner(refused),
        /cannot be deleted while it is used: the lead image of “Storm closes the harbour”/,
      )
      assert.ok(await ctx.stores.media.findById(item.id))

      await ctx.stores.media.setUsages({ kind: 'article_lead', ownerId: article.id }, [])
      const deleted = await browser.submit(form)
      assert.equal(deleted.status, 303)
      assert.equal(deleted.location, '/admin/media?done=deleted')
      assert.deepEqual(await place.keys(), [])
      assert.equal((await browser.get(`/admin/media/${item.id}`)).status, 404)
    })

    test('/media/NAME: the right type, cached for ever, ETag and 304; originals never reachable', async (t) => {
      const { ctx, server } = await makeWorld(t, dialect, driver)
      const { item } = await ctx.services.media.upload(COMMAND_LINE, {
        bytes: await photo({ width: 700, height: 400 }),
        fileName: 'served.jpg',
      })
      const { renditions } = await ctx.services.media.get(COMMAND_LINE, item.id)
      for (const rendition of renditions) {
        // Unmade ones are made on the spot.
        const response = await server.get(`/media/${rendition.name}`)
        assert.equal(response.status, 200, rendition.name)
        assert.equal(response.headers.get('content-type'), `image/${rendition.format}`)
        assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable')
        const etag = response.headers.get('etag') ?? ''
        assert.equal(etag, `"${rendition.name}"`)
        const bytes = Buffer.from(await response.arrayBuffer())
        assert.equal(Number(response.headers.get('content-length')), bytes.length)
        const meta = await sharp(bytes).metadata()
        assert.deepEqual([meta.width, meta.height], [rendition.width, rendition.height])
        const again = await server.get(`/media/${rendition.name}`, {
          headers: { 'if-none-match': etag },
        })
        assert.equal(again.status, 304)
      }
      for (const path of [
        `/media/${item.contentHash}`,
        `/media/..%2Foriginals%2F${item.contentHash}`,
        '/media/0123456789abcdef0123-320.webp',
        '/media/%00',
      ]) {
        const response = await server.get(path)
        assert.equal(response.status, 404, path)
        assert.equal(response.headers.get('cache-control'), 'no-store', path)
      }
    })
  })
}
