import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createRequestLeases, leaseSize, type LeaseStore } from './request-leases.js'

/** The database's counting, as storage/content-api-reads.ts does it: all of a block or none. */
function countingStore() {
  const counts = new Map<string, number>()
  let writes = 0
  const store: LeaseStore = {
    async reserve(networkHash, window, count, limit) {
      writes++
      const key = `${networkHash} ${window}`
      const now = counts.get(key) ?? 0
      if (now + count > limit) return false
      counts.set(key, now + count)
      return true
    },
  }
  return {
    store,
    writes: () => writes,
    counted: (network: string, window: number) => counts.get(`${network} ${window}`) ?? 0,
  }
}

async function admitted(results: Promise<boolean>[]): Promise<number> {
  return (await Promise.all(results)).filter(Boolean).length
}

describe('request leases', () => {
  test('blocks are a twentieth of the limit, from 1 to 50', () => {
    assert.equal(leaseSize(3), 1)
    assert.equal(leaseSize(600), 30)
    assert.equal(leaseSize(1_000_000), 50)
  })

  test('admits exactly the limit, with one write per block', async () => {
    const { store, writes, counted } = countingStore()
    const leases = createRequestLeases(store)
    let yes = 0
    for (let i = 0; i < 700; i++) if (await leases.admit('net', 1, 600)) yes++
    assert.equal(yes, 600)
    assert.equal(counted('net', 1), 600)
    // 20 blocks of 30, then one refused block and one refused single: the window is full.
    assert.equal(writes(), 22)
  })

  test('fifty requests arriving together make two writes, not fifty', async () => {
    const { store, writes } = countingStore()
    const leases = createRequestLeases(store)
    assert.equal(await admitted(Array.from({ length: 50 }, () => leases.admit('net', 1, 600))), 50)
    assert.equal(writes(), 2)
  })

  test('several processes on one database never pass the limit together', async () => {
    const { store, counted } = countingStore()
    const processes = [
      createRequestLeases(store),
      createRequestLeases(store),
      createRequestLeases(store),
    ]
    const asks = Array.from({ length: 900 }, (_, i) => processes[i % 3]!.admit('net', 7, 600))
    const yes = await admitted(asks)
    assert.ok(yes <= 600, `${yes} admitted`)
    assert.ok(yes >= 600 - 3 * 29, 'at most a block per process unused')
    assert.equal(counted('net', 7), 600, 'the whole allowance was counted, no more')
  })

  test('near the limit, one at a time: nothing of the allowance is lost to a block', async () => {
    const { store, counted } = countingStore()
    const other = createRequestLeases(store)
    const leases = createRequestLeases(store)
    for (let i = 0; i < 585; i++) await other.admit('net', 1, 600)
    // The other process holds a block of 30 from which it took 585 - 570 = 15; 15 are left in it.
    assert.equal(counted('net', 1), 600)
    assert.equal(await leases.admit('net', 1, 600), false)
    assert.equal(await admitted(Array.from({ length: 20 }, () => other.admit('net', 1, 600))), 15)
  })

  test('a new minute, and another network, start afresh', async () => {
    const { store } = countingStore()
    const leases = createRequestLeases(store)
    for (let i = 0; i < 3; i++) assert.equal(await leases.admit('net', 1, 3), true)
    assert.equal(await leases.admit('net', 1, 3), false)
    assert.equal(await leases.admit('other', 1, 3), true)
    assert.equal(await leases.admit('net', 2, 3), true)
  })

  test('a limit below one admits nothing', async () => {
    const { store, writes } = countingStore()
    assert.equal(await createRequestLeases(store).admit('net', 1, 0), false)
    assert.equal(writes(), 0)
  })
})
