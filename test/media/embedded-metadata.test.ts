// Caption, credit and copyright as agencies and cameras write them, read with exifr.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { readEmbeddedFields } from '../../src/media/embedded-metadata.js'
import { photo, withTags } from '../helpers/images.js'

describe('readEmbeddedFields', () => {
  test('XMP comes first: dc:description, dc:creator with photoshop:Credit, dc:rights', async () => {
    const bytes = withTags(await photo({ width: 32, height: 32 }), {
      'XMP-dc:Description': 'Ferry at the pier in Kirkwall',
      'XMP-dc:Creator': 'Tomas Brandt',
      'XMP-photoshop:Credit': 'Orkney Press',
      'XMP-dc:Rights': '© Orkney Press',
      'IPTC:Caption-Abstract': 'An older caption',
    })
    assert.deepEqual(await readEmbeddedFields(bytes), {
      caption: 'Ferry at the pier in Kirkwall',
      credit: 'Tomas Brandt / Orkney Press',
      copyright: '© Orkney Press',
    })
  })

  test('IPTC in Latin-1 and in UTF-8 both read right', async () => {
    for (const iptcCharset of ['Latin', 'UTF8'] as const) {
      const bytes = withTags(
        await photo({ width: 32, height: 32 }),
        { 'IPTC:Caption-Abstract': 'Tromsø, før stormen', 'IPTC:Credit': 'Nordisk Foto' },
        { iptcCharset },
      )
      assert.deepEqual(
        await readEmbeddedFields(bytes),
        { caption: 'Tromsø, før stormen', credit: 'Nordisk Foto' },
        iptcCharset,
      )
    }
  })

  test('a camera’s EXIF fields when nothing else is there; no metadata is no fields', async () => {
    const bytes = withTags(await photo({ width: 32, height: 32 }), {
      'EXIF:ImageDescription': 'Harbour at dawn',
      'EXIF:Artist': 'Ada Brekke',
      'EXIF:Copyright': 'Ada Brekke 2026',
    })
    assert.deepEqual(await readEmbeddedFields(bytes), {
      caption: 'Harbour at dawn',
      credit: 'Ada Brekke',
      copyright: 'Ada Brekke 2026',
    })
    assert.deepEqual(await readEmbeddedFields(await photo({ width: 32, height: 32 })), {})
    assert.deepEqual(await readEmbeddedFields(Buffer.from('not an image')), {})
  })
})
