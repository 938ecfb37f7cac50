// A cached page's compressed bodies: made when a client first asks for each
// encoding, each decoding to the page as rendered, and a page read often
// compressed again more tightly after an answer, never during one.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import {
  ENCODING_OVERHEAD_BYTES,
  PageBodies,
  headerValue,
} from '../../src/web/page-cache/page-bodies.js'

const page = Buffer.from(
  Array.from(
    { length: 400 },
    (_, i) => `<p>Paragraph ${i}: the harbour council met on ${i % 7} days.</p>`,
  ).join(''),
)
const afterAnswer = () => new Promise((resolve) => setImmediate(resolve))

test('compresses an encoding only when a client first asks for it, and keeps only what is compressed', () => {
  const grown: number[] = []
  const bodies = new PageBodies(page, ['content-type', 'text/html'], [], (_key, _bodies, bytes) =>
    grown.push(bytes),
  )
  const body = (encoding: 'identity' | 'gzip' | 'br') => bodies.in(encoding)
  const identity = body('identity')
  assert.equal(identity.body, page)
  assert.equal(headerValue(identity.headers, 'content-length'), String(page.length))
  assert.equal(headerValue(identity.headers, 'content-encoding'), undefined)
  assert.deepEqual(grown, [], 'nothing compressed for an identity answer')

  const gzip = body('gzip')
  assert.deepEqual(gunzipSync(gzip.body), page)
  assert.equal(headerValue(gzip.headers, 'content-encoding'), 'gzip')
  assert.equal(headerValue(gzip.headers, 'content-length'), String(gzip.body.length))
  assert.equal(headerValue(gzip.headers, 'content-type'), 'text/html')
  assert.equal(body('gzip').body, gzip.body, 'made once, then kept')
  assert.equal(gzip.body.buffer.byteLength, gzip.body.length, 'kept without the rest of a chunk')
  assert.deepEqual(
    grown,
    [ENCODING_OVERHEAD_BYTES + gzip.body.length - page.length],
    'the page as rendered is let go',
  )

  const again = body('identity')
  assert.notEqual(again.body, page, 'made again from the compressed page')
  assert.deepEqual(again.body, page)
  assert.equal(headerValue(again.headers, 'content-length'), String(page.length))

  const br = body('br')
  assert.deepEqual(brotliDecompressSync(br.body), page)
  assert.equal(br.body.buffer.byteLength, br.body.length, 'kept without the rest of a chunk')
  assert.deepEqual(grown, [
    ENCODING_OVERHEAD_BYTES + gzip.body.length - page.length,
    ENCODING_OVERHEAD_BYTES + br.body.length,
  ])
})

test('a page first asked for in brotli is given back whole from it', () => {
  const bodies = new PageBodies(page, [], [], () => {})
  const body = (encoding: 'identity' | 'gzip' | 'br') => bodies.in(encoding)
  body('br')
  assert.deepEqual(body('identity').body, page)
  assert.deepEqual(gunzipSync(body('gzip').body), page)
})

for (const [encoding, decompress] of [
  ['br', brotliDecompressSync],
  ['gzip', gunzipSync],
] as const) {
  test(`a page read often is compressed again in ${encoding}, after an answer, into something no larger`, async () => {
    let size = page.length
    const bodies = new PageBodies(page, [], [], (_key, _bodies, bytes) => (size += bytes))
    const body = (encoding: 'gzip' | 'br') => bodies.in(encoding)
    const first = body(encoding).body
    for (let answer = 2; answer < 8; answer++) assert.equal(body(encoding).body, first)
    assert.equal(body(encoding).body, first, 'the eighth answer still gets what was made')
    await afterAnswer()
    const tighter = body(encoding)
    assert.notEqual(tighter.body, first)
    assert.ok(tighter.body.length <= first.length, `${tighter.body.length} ≤ ${first.length}`)
    assert.deepEqual(decompress(tighter.body), page)
    assert.equal(headerValue(tighter.headers, 'content-length'), String(tighter.body.length))
    assert.equal(
      size,
      ENCODING_OVERHEAD_BYTES + tighter.body.length,
      'the size counts the new body alone',
    )
  })
}
