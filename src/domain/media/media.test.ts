import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ValidationError } from '../errors.js'
import {
  assertMediaFields,
  assertUsableImage,
  CENTRE,
  displayFileName,
  MEDIA_LIMITS,
} from './media.js'
import {
  MAX_RENDITION_PIXELS,
  pictureOf,
  plannedRenditions,
  renditionName,
  renditionWidths,
  RENDITION_NAME,
} from './rendition.js'
import { fieldsForUpload } from './upload-fields.js'
import { describeUsages } from './usage-words.js'

const HASH = 'a'.repeat(64)

describe('rendition ladder', () => {
  test('steps below the original, then its own width; never wider than it', () => {
    assert.deepEqual(renditionWidths(6000, 4000), [320, 640, 960, 1280, 1600, 2048])
    assert.deepEqual(renditionWidths(1000, 700), [320, 640, 960, 1000])
    assert.deepEqual(renditionWidths(640, 480), [320, 640])
    assert.deepEqual(renditionWidths(200, 150), [200])
    assert.deepEqual(renditionWidths(1, 1), [1])
  })

  test('portraits and tall pictures stop at 2048 × 1536 pixels’ worth', () => {
    const portrait = renditionWidths(4000, 6000)
    const top = portrait[portrait.length - 1] ?? 0
    assert.equal(top, 1448)
    assert.ok(top * Math.round((6000 * top) / 4000) <= MAX_RENDITION_PIXELS + 2048)
    assert.deepEqual(renditionWidths(1000, 10_000), [320, 560])
  })

  test('names are stable, differ by format and width, and match the served pattern', () => {
    const planned = plannedRenditions({ contentHash: HASH, width: 1000, height: 500 })
    assert.equal(planned.length, 12)
    assert.equal(new Set(planned.map((spec) => spec.name)).size, 12)
    for (const spec of planned) {
      assert.match(spec.name, RENDITION_NAME)
      assert.equal(spec.height, Math.round(spec.width / 2))
    }
    assert.equal(renditionName(HASH, 'webp', 640), renditionName(HASH, 'webp', 640))
    assert.notEqual(renditionName(HASH, 'webp', 640), renditionName('b'.repeat(64), 'webp', 640))
  })

  test('a <picture>: AVIF then WebP sources, a JPEG img with its srcset, the original’s size', () => {
    const picture = pictureOf(
      { contentHash: HASH, width: 1000, height: 500, alt: 'Boats', decorative: false },
      (name) => `/media/${name}`,
    )
    assert.deepEqual(
      picture.sources.map((source) => source.type),
      ['image/avif', 'image/webp'],
    )
    assert.match(picture.fallback.src, /-1000\.jpg$/)
    assert.equal(picture.fallback.srcset.split(', ').length, 4)
    assert.deepEqual([picture.width, picture.height, picture.alt], [1000, 500, 'Boats'])
    const decorative = pictureOf(
      { contentHash: HASH, width: 10, height: 10, alt: 'Ignored', decorative: true },
      (name) => name,
    )
    assert.equal(decorative.alt, '')
  })
})

describe('media fields', () => {
  const fields = {
    alt: '',
    decorative: false,
    caption: '',
    credit: '',
    copyright: '',
    focalPoint: CENTRE,
  }

  test('alt text is needed to publish, unless the image is decorative', () => {
    assert.throws(
      () => assertUsableImage({ alt: '  ', decorative: false, fileName: 'a.jpg' }),
      (error: unknown) => error instanceof ValidationError && error.code === 'image_needs_alt',
    )
    assert.doesNotThrow(() => assertUsableImage({ alt: '', decorative: true, fileName: 'a.jpg' }))
    assert.doesNotThrow(() =>
      assertUsableImage({ alt: 'Boats', decorative: false, fileName: 'a.jpg' }),
    )
  })

  test('limits, control characters and focal points outside the picture are refused', () => {
    assert.doesNotThrow(() => assertMediaFields(fields))
    const refused = (changes: object, code: string) =>
      assert.throws(
        () => assertMediaFields({ ...fields, ...changes }),
        (error: unknown) => error instanceof ValidationError && error.code === code,
        code,
      )
    refused({ alt: 'x'.repeat(MEDIA_LIMITS.alt + 1) }, 'alt_too_long')
    refused({ credit: 'Nordic\u0000Wire' }, 'credit_invalid')
    refused({ focalPoint: { x: 1.01, y: 0.5 } }, 'invalid_focal_point')
    refused({ focalPoint: { x: 0.5, y: Number.NaN } }, 'invalid_focal_point')
    assert.doesNotThrow(() => assertMediaFields({ ...fields, caption: 'Two\nlines' }))
  })

  test('a shown file name: the last part of a path, no controls or direction overrides', () => {
    assert.equal(displayFileName('C:\\Users\\ada\\IMG 1.jpg'), 'IMG 1.jpg')
    assert.equal(displayFileName('../../etc/passwd'), 'passwd')
    assert.equal(displayFileName('evil\u202Egpj.exe'), 'evilgpj.exe')
    assert.equal(displayFileName('e\u0301te\u0301.jpg'), 'été.jpg', 'composed')
    assert.equal(displayFileName('...'), 'untitled')
    const long = displayFileName(`${'é'.repeat(300)}.jpeg`)
    assert.equal([...long].length, MEDIA_LIMITS.fileName)
    assert.ok(long.endsWith('….jpeg'))
  })

  test('typed fields win; metadata fills the rest, cleaned and cut to the limits; never alt', () => {
    const { fields: filled, filled: names } = fieldsForUpload(
      { credit: 'Staff' },
      {
        caption: `  A\tcaption\u0007 ${'x'.repeat(2000)}`,
        credit: 'Agency',
        copyright: '© Someone',
      },
    )
    assert.deepEqual(names, ['caption', 'copyright'])
    assert.equal(filled.credit, 'Staff')
    assert.equal(filled.alt, '')
    assert.equal([...filled.caption].length, MEDIA_LIMITS.caption)
    assert.ok(filled.caption.startsWith('A caption x'))
  })

  test('where an image is used, in words', () => {
    const usage = (label: string) => ({
      kind: 'article_lead' as const,
      ownerId: label,
      label,
      public: true,
    })
    assert.equal(describeUsages([usage('A')]), 'the lead image of “A”')
    assert.equal(
      describeUsages([
        usage('A'),
        { kind: 'author_photo', ownerId: 'x', label: 'Ada Brekke', public: true },
      ]),
      'the lead image of “A” and the photo of Ada Brekke',
    )
    assert.match(
      describeUsages(['1', '2', '3', '4', '5', '6', '7'].map(usage)),
      /and 2 more places$/,
    )
  })
})
