import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { uuidv7 } from './ids.js'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const NOW = Date.UTC(2026, 10, 20, 9, 0, 0)

/** The millisecond timestamp in a UUIDv7's first 48 bits. */
function timestampOf(id: string): number {
  return Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)
}

describe('uuidv7', () => {
  test('is a lower-case RFC 9562 UUID, version 7, variant 10', () => {
    for (let i = 0; i < 200; i++) assert.match(uuidv7(NOW + i), UUID_V7)
  })

  test('carries the creation time in its first 48 bits', () => {
    const now = Date.UTC(2026, 10, 17, 12, 0, 0, 123)
    const id = uuidv7(now)
    assert.equal(timestampOf(id), now)
    const hex = now.toString(16).padStart(12, '0')
    assert.equal(id.slice(0, 13), `${hex.slice(0, 8)}-${hex.slice(8)}`)
  })

  test('handles the ends of the 48-bit range', () => {
    assert.match(uuidv7(0), /^00000000-0000-7[0-9a-f]{3}-[89ab]/)
    assert.match(uuidv7(2 ** 48 - 1), /^ffffffff-ffff-7[0-9a-f]{3}-[89ab]/)
  })

  test('sorts by creation time, as text', () => {
    const times = [
      0,
      1,
      255,
      256,
      1_700_000_000_000,
      1_700_000_000_001,
      Date.UTC(2026, 0, 1),
      2 ** 47,
    ]
    const ids = times.map((time) => uuidv7(time))
    assert.deepEqual([...ids].sort(), ids)
  })

  test('differs between ids made in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(NOW)))
    assert.equal(ids.size, 1000)
  })
})
