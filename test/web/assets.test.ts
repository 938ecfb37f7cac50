// Static assets: the gzip and brotli forms `npm run build` writes beside each
// file are served when they are that file's, and never when the file has
// changed since.
import assert from 'node:assert/strict'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, type TestContext } from 'node:test'
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  gunzipSync,
  gzipSync,
} from 'node:zlib'
import { loadAssets, precompressAssets } from '../../src/web/assets.js'

const CSS = Buffer.from(`body { color: #111; }\n${'.story { margin: 0 auto; }\n'.repeat(200)}`)

const ENCODINGS = [
  {
    encoding: 'gzip',
    suffix: 'gz',
    compress: (data: Buffer) => gzipSync(data, { level: 1 }),
    decompress: gunzipSync,
  },
  {
    encoding: 'br',
    suffix: 'br',
    compress: (data: Buffer) =>
      brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 2 } }),
    decompress: brotliDecompressSync,
  },
] as const

function folder(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-assets-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'site.css'), CSS)
  writeFileSync(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  return dir
}

for (const { encoding, suffix, compress, decompress } of ENCODINGS) {
  test(`the build writes a ${encoding} form beside each stylesheet and script, and it is served`, (t) => {
    const dir = folder(t)
    precompressAssets(dir)
    assert.ok(!existsSync(join(dir, `logo.png.${suffix}`)), 'pictures are not compressed')
    const written = readFileSync(join(dir, `site.css.${suffix}`))
    assert.deepEqual(decompress(written), CSS)
    // A copy of the folder, so that nothing read before is reused.
    const copy = mkdtempSync(join(tmpdir(), 'dateline-assets-'))
    t.after(() => rmSync(copy, { recursive: true, force: true }))
    cpSync(dir, copy, { recursive: true })
    // A valid form of the same bytes, but not the one the build makes: it is used as is.
    const other = compress(CSS)
    assert.notDeepEqual(other, written)
    writeFileSync(join(copy, `site.css.${suffix}`), other)
    assert.deepEqual(loadAssets(copy).get('site.css')?.[encoding], other)
    assert.equal(loadAssets(copy).has(`site.css.${suffix}`), false, 'not an asset of its own')
  })

  test(`a ${encoding} form left from another version of the file, or not ${encoding} at all, is not used`, (t) => {
    const stale = folder(t)
    writeFileSync(join(stale, `site.css.${suffix}`), compress(Buffer.from('body { color: red; }')))
    assert.deepEqual(decompress(loadAssets(stale).get('site.css')![encoding]!), CSS)
    const garbage = folder(t)
    writeFileSync(join(garbage, `site.css.${suffix}`), `not ${encoding}`)
    assert.deepEqual(decompress(loadAssets(garbage).get('site.css')![encoding]!), CSS)
  })
}
