// The media library's use cases against a real database (both dialects) and a
// real media store (a folder, and an S3-compatible server): uploads, the fields
// read from agency metadata, renditions and what is stripped from them, the
// background job, search, edits, deletion and who may do what.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import exifr from 'exifr'
import sharp from 'sharp'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/domain/errors.js'
import type { MediaFields } from '../../src/domain/media/media.js'
import { createStaff } from '../web/admin-session.js'
import { importArticle } from '../helpers/factories.js'
import { testDialects } from '../helpers/dialects.js'
import {
  AGENCY_TAGS,
  cmykJpeg,
  hasExiftool,
  photo,
  sixteenBitPng,
  withTags,
} from '../helpers/images.js'
import { createMediaContext, mediaSetups } from '../helpers/media.js'

const fieldsOf = (item: MediaFields, changes: Partial<MediaFields> = {}): MediaFields => ({
  alt: item.alt,
  decorative: item.decorative,
  caption: item.caption,
  credit: item.credit,
  copyright: item.copyright,
  focalPoint: item.focalPoint,
  ...changes,
})

test('exiftool is installed (apt-get install libimage-exiftool-perl)', () => {
  assert.ok(hasExiftool(), 'the media tests write IPTC, XMP and GPS with exiftool')
})

for (const [label, dialect, driver] of mediaSetups(testDialects())) {
  describe(`media library (${label})`, () => {
    test('an agency photo: fields from IPTC, orientation applied, GPS and camera data in no rendition', async (t) => {
      const { ctx, place } = await createMediaContext(t, dialect, driver)
      const original = withTags(await photo({ width: 1500, height: 1000 }), {
        ...AGENCY_TAGS,
        'EXIF:Orientation#': '6',
      })
      assert.ok(await exifr.gps(original), 'the test photo does carry a GPS position')

      const { item, filled, duplicate } = await ctx.services.media.upload(COMMAND_LINE, {
        bytes: original,
        fileName: 'DSC_0042.JPG',
      })
      assert.equal(duplicate, false)
      assert.deepEqual(filled.sort(), ['caption', 'copyright', 'credit'])
      assert.equal(item.caption, 'Fishing boats wait out the storm in Tromsø harbour')
      assert.equal(item.credit, 'Sigrid Lunde / Nordic Wire')
      assert.equal(item.copyright, '© 2026 Nordic Wire')
      assert.equal(item.alt, '', 'a caption is never taken for alt text')
      assert.equal(item.fileName, 'DSC_0042.JPG')
      assert.deepEqual([item.width, item.height], [1000, 1500], 'turned upright by its orientation')
      assert.equal(item.format, 'jpeg')
      assert.equal(item.renditionsStatus, 'pending')

      // The smallest renditions are made with the upload; the rest by the job.
      let details = await ctx.services.media.get(COMMAND_LINE, item.id)
      assert.deepEqual(
        details.renditions.filter((r) => r.madeAt).map((r) => `${r.width} ${r.format}`),
        ['320 avif', '320 jpeg', '320 webp'],
      )
      assert.equal(await ctx.services.media.processPending(), 1)
      assert.equal(await ctx.services.media.processPending(), 0, 'nothing left to do')
      details = await ctx.services.media.get(COMMAND_LINE, item.id)
      assert.equal(details.item.renditionsStatus, 'ready')

      // A 1000 × 1500 portrait: widths up to 2048 × 1536 pixels' worth, never enlarged.
      const ladder = details.renditions.filter((r) => !r.crop)
      assert.deepEqual([...new Set(ladder.map((r) => r.width))], [320, 640, 960, 1000])
      // Crops around the focal point: small squares for author photos in every format, and
      // 16:9, 4:3 and 1:1 JPEGs for machines, as wide as the picture allows (1000, not 1200).
      const crops = details.renditions.filter((r) => r.crop)
      assert.deepEqual(crops.map((r) => `${r.format} ${r.width}×${r.height}`).sort(), [
        'avif 120×120',
        'avif 240×240',
        'avif 480×480',
        'jpeg 1000×1000',
        'jpeg 1000×563',
        'jpeg 1000×750',
        'jpeg 120×120',
        'jpeg 240×240',
        'jpeg 480×480',
        'webp 120×120',
        'webp 240×240',
        'webp 480×480',
      ])
      for (const rendition of details.renditions) {
        assert.ok(rendition.madeAt && rendition.byteSize, `${rendition.name} is made`)
        const served = await ctx.services.media.readRendition(rendition.name)
        assert.ok(served, rendition.name)
        const meta = await sharp(served.bytes).metadata()
        const expectedFormat = rendition.format === 'avif' ? 'heif' : rendition.format
        assert.equal(meta.format, expectedFormat, rendition.name)
        assert.equal(served.contentType, `image/${rendition.format}`)
        assert.deepEqual([meta.width, meta.height], [rendition.width, rendition.height])
        assert.ok(!meta.orientation || meta.orientation === 1, 'upright pixels, no orientation tag')
        assert.equal(meta.exif, undefined, `${rendition.name} has no EXIF`)
        assert.equal(meta.xmp, undefined, `${rendition.name} has no XMP`)
        assert.equal(meta.iptc, undefined, `${rendition.name} has no IPTC`)
        assert.equal(await exifr.gps(served.bytes).catch(() => undefined), undefined)
        const anything: unknown = await exifr
          .parse(served.bytes, { tiff: true, xmp: true, iptc: true, gps: true, exif: true })
          .catch(() => undefined)
        assert.equal(anything, undefined, `${rendition.name}: ${JSON.stringify(anything)}`)
        assert.ok(!Buffer.from(served.bytes).includes('SN-0042'), 'no serial number anywhere')
        assert.ok(!Buffer.from(served.bytes).includes('Nordic Wire'), 'no IPTC text anywhere')
      }
      // The original is kept apart; only renditions are ever served.
      const keys = await place.keys()
      assert.ok(keys.includes(`originals/${item.contentHash}`))
      assert.equal(keys.filter((key) => key.startsWith('renditions/')).length, 24)
    })

    test('a small image is never enlarged, and is ready at once', async (t) => {
      const { ctx } = await createMediaContext(t, dialect, driver)
      const { item } = await ctx.services.media.upload(COMMAND_LINE, {
        bytes: await photo({ width: 200, height: 150, format: 'png' }),
        fileName: 'icon.png',
      })
      const { renditions } = await ctx.services.media.get(COMMAND_LINE, item.id)
      assert.deepEqual(
        renditions
          .filter((r) => !r.crop)
          .map((r) => `${r.format} ${r.width}×${r.height} ${r.madeAt ? 'made' : ''}`),
        ['avif 200×150 made', 'jpeg 200×150 made', 'webp 200×150 made'],
        'its one width is made with the upload',
      )
      // Crops are never wider than the part of the picture they show.
      assert.deepEqual(
        [...new Set(renditions.filter((r) => r.crop).map((r) => `${r.width}×${r.height}`))].sort(),
        ['120×120', '150×150', '200×113', '200×150'],
      )
      await ctx.services.media.processPending()
      assert.equal(
        (await ctx.services.media.get(COMMAND_LINE, item.id)).item.renditionsStatus,
        'ready',
      )
    })

    test('CMYK and 16-bit files are taken and served as 8-bit sRGB', async (t) => {
      const { ctx } = await createMediaContext(t, dialect, driver)
      for (const [name, bytes] of [
        ['print.jpg', await cmykJpeg()],
        ['scan.png', await sixteenBitPng()],
      ] as const) {
        const source = await sharp(bytes).metadata()
        assert.ok(source.space === 'cmyk' || source.depth === 'ushort', `${name} is what it claims`)
        const { item } = await ctx.services.media.upload(COMMAND_LINE, { bytes, fileName: name })
        await ctx.services.media.processPending()
        const { renditions } = await ctx.services.media.get(COMMAND_LINE, item.id)
        for (const rendition of renditions) {
          const served = await ctx.services.media.readRendition(rendition.name)
          const meta = await sharp(served?.bytes).metadata()
          assert.equal(meta.space, 'srgb', `${name} → ${rendition.name}`)
          assert.equal(meta.depth, 'uchar', `${name} → ${rendition.name}`)
        }
      }
    })

    test('the same file twice is one item; its fields are not overwritten', async (t) => {
      const { ctx, place } = await createMediaContext(t, dialect, driver)
      const bytes = await photo({ width: 400, height: 300 })
      const first = await ctx.services.media.upload(COMMAND_LINE, {
        bytes,
        fileName: 'a.jpg',
        fields: { caption: 'First' },
      })
      const keys = await place.keys()
      const second = await ctx.services.media.upload(COMMAND_LINE, {
        bytes,
        fileName: 'b.jpg',
        fields: { caption: 'Second' },
      })
      assert.equal(second.duplicate, true)
      assert.equal(second.item.id, first.item.id)
      assert.equal(second.item.caption, 'First')
      assert.deepEqual(await place.keys(), keys)
    })

    test('search by caption, credit and file name, in any case, with paging', async (t) => {
      const { ctx } = await createMediaContext(t, dialect, driver)
      const add = async (fileName: string, caption: string, credit: string, seed: number) => {
        const bytes = await photo({ width: 64, height: 48, seed })
        ctx.clock.advance(1000)
        return ctx.services.media.upload(COMMAND_LINE, {
          bytes,
          fileName,
          fields: { caption, credit },
        })
      }
      await add('harbour.jpg', 'Boats in the HARBOUR at dawn', 'Nordic Wire', 10)
      await add('council.jpg', 'The council votes', 'Ada Brekke', 20)
      await add('ØRESUND_bridge.jpg', 'A bridge', 'Øresund Foto', 30)
      await add('100%_sure.jpg', 'Percent', 'x_y', 40)
      const search = (query: string, page = 1, perPage = 10) =>
        ctx.services.media.list(COMMAND_LINE, { query, page, perPage })
      const names = async (query: string) => (await search(query)).items.map((i) => i.fileName)

      assert.deepEqual(await names('harbour'), ['harbour.jpg'])
      assert.deepEqual(await names('nordic wire'), ['harbour.jpg'])
      assert.deepEqual(await names('øresund'), ['ØRESUND_bridge.jpg'], 'non-ASCII, any case')
      assert.deepEqual(await names('100%'), ['100%_sure.jpg'], '% is a character, not a wildcard')
      assert.deepEqual(await names('x_y'), ['100%_sure.jpg'], '_ too')
      assert.deepEqual(await names('nothing like it'), [])
      const all = await search('', 1, 3)
      assert.deepEqual(
        [all.total, all.pageCount, all.items.map((i) => i.fileName)],
        [4, 2, ['100%_sure.jpg', 'ØRESUND_bridge.jpg', 'council.jpg']],
        'newest first',
      )
      assert.deepEqual(
        (await search('', 2, 3)).items.map((i) => i.fileName),
        ['harbour.jpg'],
      )
      await assert.rejects(search('', 3, 3), NotFoundError)
    })

    test('fields are edited with a version check; an image in use cannot be deleted', async (t) => {
      const { ctx, place } = await createMediaContext(t, dialect, driver)
      const { item } = await ctx.services.media.upload(COMMAND_LINE, {
        bytes: await photo({ width: 800, height: 600 }),
        fileName: 'wall.jpg',
      })
      const saved = await ctx.services.media.update(
        COMMAND_LINE,
        item.id,
        fieldsOf(item, { alt: 'A sea wall under construction', focalPoint: { x: 0.25, y: 0.7 } }),
        { baseVersion: item.version },
      )
      assert.equal(saved.version, item.version + 1)
      const again = await ctx.services.media.get(COMMAND_LINE, item.id)
      assert.equal(again.item.alt, 'A sea wall under construction')
      assert.deepEqual(again.item.focalPoint, { x: 0.25, y: 0.7 })
      await assert.rejects(
        ctx.services.media.update(COMMAND_LINE, item.id, fieldsOf(item, { alt: 'Stale' }), {
          baseVersion: item.version,
        }),
        (error: unknown) => error instanceof ConflictError && error.code === 'stale_media',
      )

      const { article } = await importArticle(ctx, { headline: 'Sea wall finished at last' })
      await ctx.stores.media.setUsages({ kind: 'article_lead', ownerId: article.id }, [item.id])
      const keys = await place.keys()
      await assert.rejects(ctx.services.media.remove(COMMAND_LINE, item.id), (error: unknown) => {
        assert.ok(error instanceof ConflictError)
        assert.equal(error.code, 'media_in_use')
        assert.match(error.message, /the lead image of “Sea wall finished at last”/)
        return true
      })
      assert.ok(await ctx.stores.media.findById(item.id), 'still there')
      assert.deepEqual(await place.keys(), keys, 'and so are its files')

      await ctx.stores.media.setUsages({ kind: 'article_lead', ownerId: article.id }, [])
      await ctx.services.media.remove(COMMAND_LINE, item.id)
      assert.equal(await ctx.stores.media.findById(item.id), undefined)
      assert.deepEqual(await place.keys(), [], 'the original and every rendition are gone')
    })

    test('contributors upload and edit their own; editors edit and delete any', async (t) => {
      const { ctx } = await createMediaContext(t, dialect, driver)
      const [writer, colleague, editor] = await Promise.all([
        createStaff(ctx, 'contributor'),
        createStaff(ctx, 'contributor'),
        createStaff(ctx, 'editor'),
      ])
      const { item } = await ctx.services.media.upload(writer.actor, {
        bytes: await photo({ width: 300, height: 200 }),
        fileName: 'mine.jpg',
      })
      assert.equal(item.createdBy, writer.user.id)
      assert.equal(item.createdByName, writer.user.displayName)
      const change = (who: typeof writer, alt: string, version: number) =>
        ctx.services.media.update(who.actor, item.id, fieldsOf(item, { alt }), {
          baseVersion: version,
        })

      assert.equal((await ctx.services.media.get(colleague.actor, item.id)).canEdit, false)
      await assert.rejects(change(colleague, 'Not theirs', 1), ForbiddenError)
      const own = await change(writer, 'Theirs', 1)
      const edited = await change(editor, 'Edited', own.version)
      assert.equal(edited.alt, 'Edited')
      await assert.rejects(ctx.services.media.remove(writer.actor, item.id), ForbiddenError)
      assert.equal((await ctx.services.media.get(editor.actor, item.id)).canDelete, true)
      await ctx.services.media.remove(editor.actor, item.id)
    })
  })
}
