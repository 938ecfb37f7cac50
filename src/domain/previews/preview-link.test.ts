import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  PREVIEW_DURATIONS,
  PREVIEW_TOKEN_PATTERN,
  isLive,
  isPreviewDuration,
  newPreviewToken,
  previewTokenHash,
} from './preview-link.js'

describe('preview links', () => {
  test('the four lifetimes an editor chooses from, and nothing else', () => {
    assert.deepEqual(
      Object.values(PREVIEW_DURATIONS).map((d) => d.ms / 3_600_000),
      [1, 24, 72, 168],
    )
    for (const value of ['1h', '24h', '3d', '7d']) assert.equal(isPreviewDuration(value), true)
    for (const value of ['', '2h', '7D', ' 1h', 'toString', '__proto__', 'constructor']) {
      assert.equal(isPreviewDuration(value), false, value)
    }
  })

  test('tokens are 43 URL-safe characters, all different; the stored hash is SHA-256 hex', () => {
    const tokens = new Set(Array.from({ length: 200 }, newPreviewToken))
    assert.equal(tokens.size, 200)
    for (const token of tokens) assert.match(token, PREVIEW_TOKEN_PATTERN)
    const [token = ''] = tokens
    assert.match(previewTokenHash(token), /^[0-9a-f]{64}$/)
    assert.notEqual(previewTokenHash(token), previewTokenHash(`${token.slice(0, -1)}x`))
  })

  test('live until the expiry instant (exclusive), and never once revoked', () => {
    const expiresAt = new Date('2026-12-01T10:00:00Z')
    assert.equal(isLive({ expiresAt, revokedAt: null }, new Date('2026-12-01T09:59:59.999Z')), true)
    assert.equal(isLive({ expiresAt, revokedAt: null }, expiresAt), false)
    const revokedAt = new Date('2026-11-30T10:00:00Z')
    assert.equal(isLive({ expiresAt, revokedAt }, new Date('2026-11-30T09:00:00Z')), false)
  })
})
