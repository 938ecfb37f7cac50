// Static assets: the brotli form `npm run build` writes beside each file is
// served when it is that file's, and never when the file has changed since.
import assert from 'node:assert/strict'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, type TestContext } from 'node:test'
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'
import { loadAssets, precompressAssets } from '../../src/web/assets.js'

const CSS = Buffer.from(`body { color: #111; }\n${'.story { margin: 0 auto; }\n'.repeat(200)}`)

function folder(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-assets-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'site.css'), CSS)
  writeFileSync(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  return dir
}

test('the build writes a brotli form beside each stylesheet and script, and it is served', (t) => {
  const dir = folder(t)
  precompressAssets(dir)
  assert.ok(!existsSync(join(dir, 'logo.png.br')), 'pictures are not compressed')
  const written = readFileSync(join(dir, 'site.css.br'))
  assert.deepEqual(brotliDecompressSync(written), CSS)
  // A copy of the folder, so that nothing read before is reused.
  const copy = mkdtempSync(join(tmpdir(), 'dateline-assets-'))
  t.after(() => rmSync(copy, { recursive: true, force: true }))
  cpSync(dir, copy, { recursive: true })
  // A valid brotli form of the same bytes, but not the one brotli would make now: it is used as is.
  const other = brotliCompressSync(CSS, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 2 },
  })
  writeFileSync(join(copy, 'site.css.br'), other)
  assert.deepEqual(loadAssets(copy).get('site.css')?.br, other)
  assert.equal(loadAssets(copy).has('site.css.br'), false, 'not served as an asset of its own')
})

test('a brotli form left from another version of the file, or not brotli at all, is not used', (t) => {
  const stale = folder(t)
  writeFileSync(join(stale, 'site.css.br'), brotliCompressSync(Buffer.from('body { color: red; }')))
  assert.deepEqual(brotliDecompressSync(loadAssets(stale).get('site.css')!.br!), CSS)
  const garbage = folder(t)
  writeFileSync(join(garbage, 'site.css.br'), 'not brotli')
  assert.deepEqual(brotliDecompressSync(loadAssets(garbage).get('site.css')!.br!), CSS)
})
