// A stopping server finishes the image in hand and claims no other: the
// background job can be told to stop between items, and the rest stays
// pending for the next process (or the next start).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { startRenditionWorker } from '../../src/media/rendition-worker.js'
import { testDialects } from '../helpers/dialects.js'
import { photo } from '../helpers/images.js'
import { createMediaContext, mediaSetups } from '../helpers/media.js'

for (const [label, dialect, driver] of mediaSetups(testDialects())) {
  describe(`the rendition job stops between items (${label})`, () => {
    test('told to stop, it finishes the item in hand and leaves the rest pending', async (t) => {
      const { ctx } = await createMediaContext(t, dialect, driver)
      const { media } = ctx.services
      const ids: string[] = []
      for (const seed of [30, 60, 90]) {
        const { item } = await media.upload(COMMAND_LINE, {
          bytes: await photo({ width: 700, height: 500, seed }),
          fileName: `p${seed}.jpg`,
        })
        ids.push(item.id)
      }
      let asked = 0
      assert.equal(await media.processPending({ until: () => asked++ >= 1 }), 1)
      const statuses = await Promise.all(
        ids.map(async (id) => (await media.get(COMMAND_LINE, id)).item.renditionsStatus),
      )
      assert.deepEqual(statuses.sort(), ['pending', 'pending', 'ready'])

      // The server's worker, stopped at once, waits for at most the item it took.
      const worker = startRenditionWorker(media, { error: () => {} })
      await worker.stop()
      const after = await Promise.all(
        ids.map(async (id) => (await media.get(COMMAND_LINE, id)).item.renditionsStatus),
      )
      assert.ok(after.filter((status) => status === 'pending').length >= 1, after.join(', '))
      assert.equal(await media.processPending(), after.filter((s) => s === 'pending').length)
    })
  })
}
