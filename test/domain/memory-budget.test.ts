// The one memory budget every in-memory store draws from (domain/memory-budget.ts).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  createMemoryBudget,
  estimateBytes,
  serverMemory,
  STORE_SHARES,
  stringBytes,
  type StoreName,
} from '../../src/domain/memory-budget.js'
import { collectSooner } from '../../src/heap-growth.js'

describe('memory budget', () => {
  test('shares never add up to more than the whole', () => {
    const budget = createMemoryBudget(1_000)
    assert.equal(budget.share('a', 600).limit, 600)
    assert.equal(budget.unallotted(), 400)
    assert.throws(() => budget.share('b', 401), /memory share b \(401 bytes\) exceeds .* \(400\)/)
    assert.equal(budget.share('b', 400).limit, 400)
    assert.equal(budget.unallotted(), 0)
  })

  test("a server's page cache takes its part and every store a share of the rest", () => {
    const memory = serverMemory(1_000_000, 400_000)
    assert.equal(memory.pageCache.limit, 400_000)
    const names = Object.keys(STORE_SHARES) as StoreName[]
    const limits = names.map((name) => memory.store(name).limit)
    assert.ok(limits.every((limit) => limit > 0))
    const all = memory.budget.shares().reduce((sum, share) => sum + share.limit, 0)
    assert.ok(all <= 1_000_000 && all > 990_000, `${all} bytes allotted of 1,000,000`)
    assert.equal(memory.store('bodies'), memory.store('bodies'), 'one share per store')
    // The page cache's part is never more than the whole.
    assert.equal(serverMemory(1_000, 5_000).pageCache.limit, 1_000)
  })

  test('strings count one byte a character in Latin-1, two otherwise', () => {
    assert.equal(stringBytes('abcd') - stringBytes(''), 4)
    assert.equal(stringBytes('café') - stringBytes(''), 4)
    assert.equal(stringBytes('naïve — “quoted”') - stringBytes(''), 2 * 16)
  })

  test('an estimate counts every string once per object, however often it is reached', () => {
    const body = 'x'.repeat(10_000)
    const article = { body, tags: ['a', 'b'], at: new Date('2026-06-01T12:00:00Z') }
    const one = estimateBytes(article)
    assert.ok(one > 10_000 && one < 10_400, `${one}`)
    // The same object twice (two lists sharing a story) is one object; a cycle ends.
    const shared: Record<string, unknown> = { first: article, again: article }
    shared.self = shared
    assert.ok(estimateBytes(shared) - one < 200)
    assert.ok(estimateBytes(new Map([['k', body]])) > 10_000)
  })

  test("the server's heap growth is set unless the operator set it", () => {
    assert.equal(collectSooner(['--max-old-space-size=512', '--heap-growing-percent=50']), false)
    assert.equal(collectSooner(['--max-old-space-size=512']), true)
  })
})
