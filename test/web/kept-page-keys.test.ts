// The keys article pages' kept HTML is found by (web/public/kept-page-keys.ts): bounded by
// count, so a site's few hundred most read pages are each rendered again only when they change.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { keptPageKeys } from '../../src/web/public/kept-page-keys.js'

/** Ids as long as real ones: the identities of a page's reads, its page and its availability. */
const idOf = (n: number) =>
  `${n}.${n + 1}.3.4.${n + 2}.6 1 {"open":false,"reason":"Comments close 14 days after publication."}`

describe('keptPageKeys', () => {
  test('an id gets the same key each time, and another id another key', () => {
    const keyOf = keptPageKeys(10)
    const first = keyOf(idOf(1))
    assert.equal(keyOf(idOf(1)), first)
    assert.notEqual(keyOf(idOf(2)), first)
  })

  test('every one of `count` pages read in turn keeps its key', () => {
    const keyOf = keptPageKeys(500)
    const ids = Array.from({ length: 500 }, (_, n) => idOf(10 * n))
    const keys = ids.map(keyOf)
    // The same pages read again, in another order: none was dropped for the others.
    const again = [...ids].reverse().map(keyOf).reverse()
    assert.deepEqual(
      again.map((key, n) => key === keys[n]),
      ids.map(() => true),
    )
  })

  test('past `count`, the least recently used goes and a page read lately stays', () => {
    const keyOf = keptPageKeys(3)
    const [a, b] = [keyOf(idOf(1)), keyOf(idOf(2))]
    keyOf(idOf(3))
    assert.equal(keyOf(idOf(1)), a, 'read again: now the most recent')
    keyOf(idOf(4))
    assert.notEqual(keyOf(idOf(2)), b, 'the least recently used was dropped')
    assert.equal(keyOf(idOf(1)), a)
  })
})
