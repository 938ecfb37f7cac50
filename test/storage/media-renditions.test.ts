// Renditions are made once: readers asking at the same moment share one resize,
// the background job and an early reader share one, two processes never make
// one item's renditions together, and work a crashed process claimed is taken
// up after its lease. The image processor is the real one, counted.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { IGNORE_CHANGES } from '../../src/domain/changes.js'
import type { ImageProcessor } from '../../src/domain/media/image-processor.js'
import { createMediaService } from '../../src/domain/media/media-service.js'
import { RENDITION_LEASE_MS } from '../../src/domain/media/renditions.js'
import { renditionKey } from '../../src/domain/media/media-storage.js'
import { uuidv7 } from '../../src/domain/ids.js'
import { createSharpProcessor } from '../../src/media/sharp-processor.js'
import { createMediaStorage } from '../../src/storage/media/create-media-storage.js'
import type { TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { photo } from '../helpers/images.js'
import { createTestMediaPlace, mediaSetups } from '../helpers/media.js'
import { createSharedDatabase } from '../helpers/shared-database.js'

/** The real sharp processor, with a count of every rendition it makes, by name. */
function countingProcessor(): ImageProcessor & { made: Map<string, number> } {
  const real = createSharpProcessor()
  const made = new Map<string, number>()
  return {
    made,
    probe: (bytes) => real.probe(bytes),
    render: (original, specs, each) =>
      real.render(original, specs, async (image) => {
        made.set(image.spec.name, (made.get(image.spec.name) ?? 0) + 1)
        await each(image)
      }),
  }
}

/** The media service of one app process over a context, with a counted processor. */
async function processOf(ctx: TestAppContext) {
  const processor = countingProcessor()
  const storage = await createMediaStorage(ctx.config.media.storage)
  const media = createMediaService({
    stores: ctx.stores,
    storage,
    processor,
    clock: ctx.clock,
    newId: () => uuidv7(ctx.clock.now().getTime()),
    changes: IGNORE_CHANGES,
    maxBytes: ctx.config.media.maxBytes,
    publicUrl: undefined,
    siteUrl: ctx.config.siteUrl,
  })
  return { media, made: processor.made, storage }
}

const total = (made: Map<string, number>) => [...made.values()].reduce((a, b) => a + b, 0)

for (const [label, dialect, driver] of mediaSetups(testDialects())) {
  describe(`media renditions are made once (${label})`, () => {
    test('readers at the same moment, and the background job, share one resize', async (t) => {
      const place = await createTestMediaPlace(t, driver)
      const shared = await createSharedDatabase(t, dialect, place.env)
      const one = await processOf(await shared.open())
      const { item } = await one.media.upload(COMMAND_LINE, {
        bytes: await photo({ width: 1400, height: 900 }),
        fileName: 'crowd.jpg',
      })
      const uploadMade = total(one.made)
      assert.equal(uploadMade, 3, 'the smallest width, in three formats')
      const renditions = await one.media.get(COMMAND_LINE, item.id)
      const large = renditions.renditions.find((r) => r.width === 1280 && r.format === 'webp')
      assert.ok(large && !large.madeAt)

      // Five readers ask for the same unmade rendition at once.
      const served = await Promise.all(
        Array.from({ length: 5 }, () => one.media.readRendition(large.name)),
      )
      assert.equal(one.made.get(large.name), 1, 'one resize for five readers')
      assert.ok(served.every((s) => s && Buffer.compare(s.bytes, served[0]!.bytes) === 0))

      // The job and a reader asking meanwhile: still one resize each.
      const jpeg = renditions.renditions.find((r) => r.width === 1400 && r.format === 'jpeg')
      assert.ok(jpeg)
      const job = one.media.processPending()
      const early = await one.media.readRendition(jpeg.name)
      assert.equal(await job, 1)
      assert.ok(early)
      for (const rendition of renditions.renditions) {
        assert.equal(one.made.get(rendition.name), 1, `${rendition.name} made once`)
      }
      // Later readers get the stored file: no more resizing.
      await one.media.readRendition(jpeg.name)
      assert.equal(total(one.made), renditions.renditions.length)
    })

    test('two processes never make one item together; a crashed claim is taken up after its lease', async (t) => {
      const place = await createTestMediaPlace(t, driver)
      const shared = await createSharedDatabase(t, dialect, place.env)
      const a = await processOf(await shared.open())
      const b = await processOf(await shared.open())
      const uploads = []
      for (const seed of [40, 80, 120]) {
        shared.clock.advance(1000)
        uploads.push(
          await a.media.upload(COMMAND_LINE, {
            bytes: await photo({ width: 700, height: 500, seed }),
            fileName: `p${seed}.jpg`,
          }),
        )
      }
      const [first, second, third] = uploads.map((upload) => upload.item)
      assert.ok(first && second && third)

      // A third process claims the first item, then dies before making anything.
      const crashed = await shared.open()
      const now = shared.clock.now()
      const claimed = await crashed.stores.media.claimPending(
        now,
        new Date(now.getTime() - RENDITION_LEASE_MS),
      )
      assert.equal(claimed?.id, first.id)
      await crashed.close()

      a.made.clear()
      const [byA, byB] = await Promise.all([a.media.processPending(), b.media.processPending()])
      assert.equal(byA + byB, 2, 'the two unclaimed items, once each')
      const made = new Map([...a.made, ...b.made])
      for (const [name, count] of [...a.made].filter(([name]) => b.made.has(name))) {
        assert.fail(`${name} was made by both processes (${count} + ${b.made.get(name)})`)
      }
      assert.ok(made.size > 0)
      assert.equal((await a.media.get(COMMAND_LINE, first.id)).item.renditionsStatus, 'pending')
      assert.equal(await b.media.processPending(), 0, 'the crashed claim still holds')

      shared.clock.advance(RENDITION_LEASE_MS + 1)
      assert.equal(await b.media.processPending(), 1, 'after the lease, another process takes it')
      for (const item of [first, second, third]) {
        const details = await a.media.get(COMMAND_LINE, item.id)
        assert.equal(details.item.renditionsStatus, 'ready')
        assert.ok(details.renditions.every((r) => r.madeAt !== null))
      }
    })

    test('a rendition whose file went missing is made again; unknown names are not found', async (t) => {
      const place = await createTestMediaPlace(t, driver)
      const shared = await createSharedDatabase(t, dialect, place.env)
      const one = await processOf(await shared.open())
      const { item } = await one.media.upload(COMMAND_LINE, {
        bytes: await photo({ width: 500, height: 400 }),
        fileName: 'lost.jpg',
      })
      await one.media.processPending()
      const [rendition] = (await one.media.get(COMMAND_LINE, item.id)).renditions
      assert.ok(rendition)
      await one.storage.delete([renditionKey(rendition.name)])
      // Another process: this one still holds the bytes it made a moment ago.
      const two = await processOf(await shared.open())
      const again = await two.media.readRendition(rendition.name)
      assert.equal(two.made.get(rendition.name), 1)
      assert.ok(again && again.bytes.length > 0)
      assert.ok(await one.storage.get(renditionKey(rendition.name)), 'stored again')

      for (const name of [
        '0123456789abcdef0123-320.webp',
        '../originals/x',
        `${rendition.name}.exe`,
        '',
      ]) {
        assert.equal(await two.media.readRendition(name), undefined, JSON.stringify(name))
      }
    })
  })
}
