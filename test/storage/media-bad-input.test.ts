// Every kind of bad file the library refuses, through the service, on both
// databases and both media drivers: a clear refusal with a stable code, and
// nothing stored (no item, no file). The HTTP statuses are in test/web/media-admin.test.ts.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { badFiles } from '../helpers/bad-images.js'
import { testDialects } from '../helpers/dialects.js'
import { photo } from '../helpers/images.js'
import { createMediaContext, mediaSetups } from '../helpers/media.js'

for (const [label, dialect, driver] of mediaSetups(testDialects())) {
  describe(`media library: bad files (${label})`, () => {
    test('each is refused with a clear reason, and nothing is stored', async (t) => {
      const { ctx, place } = await createMediaContext(t, dialect, driver, { MEDIA_MAX_MB: '1' })
      for (const bad of await badFiles()) {
        await assert.rejects(
          ctx.services.media.upload(COMMAND_LINE, { bytes: bad.bytes, fileName: 'photo.jpg' }),
          (error: unknown) => {
            assert.ok(error instanceof bad.kind, `${bad.what}: ${String(error)}`)
            assert.equal(error.code, bad.code, bad.what)
            assert.match(error.message, bad.says, bad.what)
            return true
          },
          bad.what,
        )
        assert.deepEqual(await place.keys(), [], `${bad.what}: no file kept`)
        assert.equal(await ctx.stores.media.count(''), 0, `${bad.what}: no item`)
      }
      // The library still works afterwards.
      const { item } = await ctx.services.media.upload(COMMAND_LINE, {
        bytes: await photo({ width: 400, height: 300 }),
        fileName: 'fine.jpg',
      })
      assert.equal(item.width, 400)
    })

    test('hostile file names are shown cleaned, and never name a stored file', async (t) => {
      const { ctx, place } = await createMediaContext(t, dialect, driver)
      const names: [string, string][] = [
        ['../../x.jpg', 'x.jpg'],
        ['..\\..\\windows\\x.jpg', 'x.jpg'],
        ['nul\u0000byte.jpg', 'nulbyte.jpg'],
        ['\u202Egpj.exe', 'gpj.exe'],
        ['.hidden.jpg', 'hidden.jpg'],
        ['аpple.jpg', 'аpple.jpg'],
        ['', 'untitled'],
        [`${'long'.repeat(200)}.jpg`, `${'long'.repeat(200).slice(0, 195)}….jpg`],
      ]
      for (const [index, [raw, shown]] of names.entries()) {
        const { item } = await ctx.services.media.upload(COMMAND_LINE, {
          bytes: await photo({ width: 60, height: 40, seed: 20 + index * 9 }),
          fileName: raw,
        })
        assert.equal(item.fileName, shown, JSON.stringify(raw))
      }
      for (const key of await place.keys()) {
        assert.match(
          key,
          /^(originals\/[0-9a-f]{64}|renditions\/[0-9a-f]{20}-\d+\.(avif|webp|jpg))$/,
        )
      }
    })
  })
}
