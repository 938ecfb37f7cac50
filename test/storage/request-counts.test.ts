// The Content API counts requests per network in blocks (request-leases.ts). A
// count need not survive a crash, so on SQLite it is written without waiting
// for the disk: these tests hold the store to its limit and the connection to
// synchronous=FULL for every other write, whatever the count's write did.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import { createContentApiReads } from '../../src/storage/content-api-reads.js'
import { openTestDatabase, testDialects } from '../helpers/dialects.js'

for (const dialect of testDialects()) {
  describe(`request counts (${dialect})`, () => {
    async function openReads(t: { after: (fn: () => Promise<void>) => void }) {
      const { db, dialect: name } = await openTestDatabase(t, dialect)
      return { db, reads: createContentApiReads(db, name) }
    }

    test('blocks are counted up to the limit and no further, per network and window', async (t) => {
      const { db, reads } = await openReads(t)
      const reserve = (networkHash: string, window: number, count: number) =>
        reads.reserveRequests({ networkHash, window, count, limit: 100 })
      assert.equal(await reserve('n1', 7, 50), true)
      assert.equal(await reserve('n1', 7, 50), true)
      assert.equal(await reserve('n1', 7, 1), false, 'the window is full')
      assert.equal(await reserve('n2', 7, 50), true, 'another network has its own allowance')
      assert.equal(await reserve('n1', 8, 50), true, 'the next window starts again')
      assert.equal(await reserve('n1', 7, 0), false, 'an empty block is refused')
      const rows = await db
        .selectFrom('api_rate_windows')
        .select(['network_hash', 'window_number', 'requests'])
        .orderBy('network_hash')
        .orderBy('window_number')
        .execute()
      assert.deepEqual(
        rows.map((row) => [row.network_hash, Number(row.window_number), Number(row.requests)]),
        [
          ['n1', 7, 100],
          ['n1', 8, 50],
          ['n2', 7, 50],
        ],
      )
    })

    if (dialect !== 'sqlite') return

    test('every other write is still synced: the connection is back at synchronous=FULL', async (t) => {
      const { db, reads } = await openReads(t)
      const synchronous = async () =>
        Number(
          (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous,
        )
      // Counted and refused alike, and with other statements queued behind the count.
      const results = await Promise.all([
        reads.reserveRequests({ networkHash: 'n', window: 1, count: 5, limit: 5 }),
        synchronous(),
        reads.reserveRequests({ networkHash: 'n', window: 1, count: 5, limit: 5 }),
        synchronous(),
      ])
      assert.deepEqual(results, [true, 2, false, 2])
      assert.equal(await synchronous(), 2)
    })
  })
}
