import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { secondUse, secondUseWithin } from '../../src/web/second-use.js'

describe('secondUse', () => {
  test('admits a key on its second sight, and every sight after', () => {
    const seen = secondUse(10)
    assert.equal(seen.admits('a'), false, 'first sight: noted, not admitted')
    assert.equal(seen.admits('b'), false)
    assert.equal(seen.admits('a'), true)
    assert.equal(seen.admits('a'), true)
    assert.equal(seen.admits('b'), true)
  })

  test('remembers a key for a generation at least, and forgets it past two', () => {
    const seen = secondUse(4)
    seen.admits('kept')
    for (const other of ['1', '2', '3', '4']) seen.admits(other)
    assert.equal(seen.admits('kept'), true, 'four others later: still remembered')
    const forgotten = secondUse(4)
    forgotten.admits('gone')
    for (let n = 0; n < 8; n++) forgotten.admits(`other ${n}`)
    assert.equal(forgotten.admits('gone'), false, 'eight others later: a first sight again')
  })

  test('a key seen again is remembered afresh', () => {
    const seen = secondUse(4)
    seen.admits('read')
    for (let round = 0; round < 5; round++) {
      for (const other of ['1', '2', '3']) seen.admits(`${round} ${other}`)
      assert.equal(seen.admits('read'), true, `round ${round}`)
    }
  })

  test('sized by what its store holds, never too few to tell a second use', () => {
    const small = secondUseWithin(10_000, 10_000)
    small.admits('first')
    for (let n = 0; n < 999; n++) small.admits(`other ${n}`)
    assert.equal(small.admits('first'), true, 'a store of one entry still remembers 1,000 keys')
  })
})
