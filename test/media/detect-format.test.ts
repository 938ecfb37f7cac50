// Format detection reads bytes, never names, and never throws, whatever it is given.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { detectFormat } from '../../src/media/detect-format.js'
import { heicBytes, photo, SVG_WITH_SCRIPT, TEXT_FILE } from '../helpers/images.js'

const MAGIC = [
  [0xff, 0xd8, 0xff],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [...Buffer.from('GIF89a')],
  [...Buffer.from('RIFF\0\0\0\0WEBP')],
  [0x49, 0x49, 0x2a, 0x00],
  [0, 0, 0, 24, ...Buffer.from('ftypavif')],
  [0, 0, 0, 255, ...Buffer.from('ftyp')],
  [...Buffer.from('<svg')],
]

describe('detectFormat', () => {
  test('each format the library takes, by its content', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff'] as const) {
      const bytes = await photo({ width: 16, height: 16, format })
      assert.deepEqual(detectFormat(bytes), { kind: 'image', format })
    }
  })

  test('SVG (with or without an XML declaration), HEIC and text are named as such', () => {
    assert.deepEqual(detectFormat(SVG_WITH_SCRIPT), { kind: 'svg' })
    assert.deepEqual(detectFormat(Buffer.from('\uFEFF  <!-- x --><svg>')), { kind: 'svg' })
    assert.deepEqual(detectFormat(heicBytes()), { kind: 'heic' })
    assert.deepEqual(detectFormat(TEXT_FILE), { kind: 'text' })
    assert.deepEqual(detectFormat(Buffer.alloc(0)), { kind: 'unknown' })
  })

  test('never throws, on any bytes, with or without a real signature in front', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...MAGIC), { nil: undefined }),
        fc.uint8Array({ maxLength: 64 }),
        (magic, rest) => {
          const bytes = new Uint8Array([...(magic ?? []), ...rest])
          for (let end = 0; end <= bytes.length; end += 1) detectFormat(bytes.subarray(0, end))
        },
      ),
      { numRuns: 300 },
    )
  })
})
