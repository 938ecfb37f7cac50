// Each in-memory store kept within its share of one budget: filled past it,
// the least recently used go and what is accounted never exceeds the whole.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { serverMemory, type MemoryShare } from '../../src/domain/memory-budget.js'
import { sharedLookups } from '../../src/domain/related/shared-lookups.js'
import { createPageCache } from '../../src/web/page-cache/page-cache.js'
import { keyedMemo } from '../../src/web/read-memo.js'
import { secondUse } from '../../src/web/second-use.js'
import { boundedMemo } from '../../src/web/ui/bounded-memo.js'

const now = () => new Date('2026-06-01T12:00:00Z')
const page = (n: number) => `<p>${n}</p>${'·'.repeat(2_000)}`

/** A budget of 200 KB, and a check of it to run after every step. */
function budget() {
  const memory = serverMemory(200_000, 60_000)
  const within = (share: MemoryShare) => {
    assert.ok(share.used <= share.limit, `${share.name}: ${share.used} of ${share.limit}`)
    assert.ok(share.used >= 0, `${share.name}: never below zero`)
    assert.ok(memory.budget.used <= memory.budget.total, 'the whole budget holds')
  }
  return { memory, within }
}

describe('stores within one memory budget', () => {
  test('a bounded memo evicts the least recently used past its share', () => {
    const { memory, within } = budget()
    const share = memory.store('bodies')
    const memo = boundedMemo<string>(share, (html) => html.length * 2)
    for (let n = 0; n < 200; n++) {
      memo.set(`page ${n}`, page(n))
      within(share)
    }
    assert.ok(memo.size > 1 && memo.size < 200, `${memo.size} kept`)
    assert.equal(memo.get('page 0'), undefined, 'the oldest went')
    assert.equal(memo.get('page 199'), page(199), 'the newest stayed')
    memo.clear()
    assert.equal(share.used, 0)
  })

  test('a keyed memo of reads evicts past its share, and a change empties its account', async () => {
    const { memory, within } = budget()
    const share = memory.store('articles')
    const memo = keyedMemo<string>(share, { now, weigh: (html) => html.length * 2 })
    let loads = 0
    const load = (n: number) => async () => (loads++, page(n))
    for (let n = 0; n < 100; n++) {
      await memo.get(`a${n}`, load(n))
      within(share)
    }
    assert.ok(memo.size < 100)
    await memo.get('a99', load(99))
    assert.equal(loads, 100, 'the newest is still kept')
    await memo.get('a0', load(0))
    assert.equal(loads, 101, 'the oldest was read again')
    memo.changed({ scope: 'site' })
    assert.equal(share.used, 0)
  })

  test('stores that keep on second use neither weigh nor count a first one, and hold their share', async () => {
    const { memory, within } = budget()
    const bodies = memory.store('bodies')
    let weighed = 0
    const memo = boundedMemo<string>(bodies, (html) => (weighed++, html.length * 2), {
      admit: secondUse(1_000),
    })
    const reads = memory.store('articles')
    const kept = keyedMemo<string>(reads, {
      now,
      weigh: (html) => html.length * 2,
      admit: secondUse(1_000),
    })
    for (let n = 0; n < 200; n++) {
      memo.set(`page ${n}`, page(n))
      await kept.get(`a${n}`, async () => page(n))
      within(bodies)
      within(reads)
    }
    assert.equal(weighed, 0, 'a first use is not even weighed')
    assert.equal(memo.size + kept.size, 0)
    assert.equal(bodies.used + reads.used, 0)
    // Every one used again: kept now, and past their shares the least recently used go.
    for (let n = 0; n < 200; n++) {
      memo.set(`page ${n}`, page(n))
      await kept.get(`a${n}`, async () => page(n))
      within(bodies)
      within(reads)
    }
    assert.equal(weighed, 200)
    assert.ok(memo.size > 1 && memo.size < 200, `${memo.size} kept`)
    assert.ok(kept.size > 1 && kept.size < 200, `${kept.size} kept`)
    assert.equal(memo.get('page 199'), page(199), 'the newest stayed')
    assert.equal(memo.get('page 0'), undefined, 'the oldest went')
    memo.clear()
    kept.forget()
    assert.equal(bodies.used + reads.used, 0)
  })

  test('related lookups drop their oldest past their share, and forgetting clears the account', async () => {
    const { memory, within } = budget()
    const share = memory.store('related')
    const kept = sharedLookups(share)
    let loads = 0
    for (let n = 0; n < 200; n++) {
      await kept.one(`tag ${n}`, async () => (loads++, [page(n)]))
      await kept.many('candidate', [`c${n}`], async (missing) => {
        loads++
        return new Map(missing.map((id) => [id, page(n)]))
      })
      within(share)
    }
    await kept.one('tag 199', async () => (loads++, []))
    assert.equal(loads, 400, 'the newest is kept')
    await kept.one('tag 0', async () => (loads++, []))
    assert.equal(loads, 401, 'the oldest went')
    kept.forgetAllBut(['candidate'], ['c199'])
    within(share)
    assert.ok(share.used > 0, 'the candidates kept still count')
    kept.forget()
    assert.equal(share.used, 0)
  })

  test('the page cache draws its part of the budget', () => {
    const { memory, within } = budget()
    const cache = createPageCache({
      memory: memory.pageCache,
      maxAgeMs: 600_000,
      cacheControl: 'public, max-age=60',
      securityHeaders: {},
      now: () => 0,
    })
    for (let n = 0; n < 100; n++) {
      cache.set(`/p${n}`, page(n), {
        contentType: 'text/html; charset=utf-8',
        tags: [],
        since: cache.generation,
      })
      within(memory.pageCache)
    }
    assert.equal(cache.get('/p0'), undefined)
    assert.ok(cache.get('/p99'))
    assert.equal(cache.size.bytes, memory.pageCache.used)
  })

  test('what the page cache counts for a page covers what it holds in the heap', async () => {
    setFlagsFromString('--expose-gc')
    const collect = runInNewContext('gc') as () => void
    const cache = createPageCache({
      memory: 1e9,
      maxAgeMs: 600_000,
      cacheControl: 'public, max-age=60',
      securityHeaders: { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' },
      now: () => 0,
    })
    const pages = 20_000
    collect()
    const before = process.memoryUsage()
    for (let n = 0; n < pages; n++) {
      const key = `/2026/06/01/a-story-of-the-harbour-${n}`
      const stored = cache.set(key, `<p>${n}</p>`, {
        contentType: 'text/html; charset=utf-8',
        tags: [`article:${n}`],
        since: cache.generation,
      })
      // Answered in both encodings, as a page read by many browsers is.
      stored?.body.in('gzip')
      stored?.body.in('br')
    }
    // zlib lets go of its engines' memory once the tick that used them is over, and the
    // collector frees array buffers' memory after it is done marking: collect twice.
    for (let round = 0; round < 2; round++) {
      await new Promise((resolve) => setImmediate(resolve))
      collect()
    }
    const after = process.memoryUsage()
    const held = after.heapUsed + after.external - before.heapUsed - before.external
    assert.equal(cache.size.pages, pages)
    assert.ok(held <= cache.size.bytes, `${held} bytes held, ${cache.size.bytes} counted`)
    // Counted too high, the cache holds fewer pages than its budget allows.
    assert.ok(held >= cache.size.bytes * 0.6, `${held} bytes held, ${cache.size.bytes} counted`)
  })
})
