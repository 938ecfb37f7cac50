import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Secret, TOTP } from 'otpauth'
import { windowStartOf, LOGIN_LIMITS } from './attempt-limits.js'
import {
  groupedSecret,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  recoveryCodeOf,
  stepOfCode,
  totpCodeOf,
} from './two-factor.js'

const at = (iso: string) => new Date(iso)
const codeAt = (secret: string, time: Date) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: time.getTime() })

describe('TOTP codes', () => {
  test('a code is right in its own 30 seconds and one step either side, never further', () => {
    const secret = newTotpSecret()
    const now = at('2026-11-20T09:00:15.000Z')
    const step = Math.floor(now.getTime() / 30_000)
    assert.equal(stepOfCode(secret, codeAt(secret, now), now), step)
    const before = new Date(now.getTime() - 30_000)
    const after = new Date(now.getTime() + 30_000)
    assert.equal(stepOfCode(secret, codeAt(secret, before), now), step - 1)
    assert.equal(stepOfCode(secret, codeAt(secret, after), now), step + 1)
    const stale = new Date(now.getTime() - 90_000)
    assert.equal(stepOfCode(secret, codeAt(secret, stale), now), undefined)
    assert.equal(stepOfCode(newTotpSecret(), codeAt(secret, now), now), undefined)
  })

  test('a typed code: six digits, spaces allowed; anything else is not one', () => {
    assert.equal(totpCodeOf(' 123 456 '), '123456')
    for (const typed of ['12345', '1234567', '12a456', '', '１２３４５６']) {
      assert.equal(totpCodeOf(typed), undefined, typed)
    }
  })

  test('the secret is 160 bits of base32, shown in groups, in an otpauth address apps read', () => {
    const secret = newTotpSecret()
    assert.match(secret, /^[A-Z2-7]{32}$/)
    assert.equal(groupedSecret(secret).replace(/ /g, ''), secret)
    const uri = new URL(otpauthUri(secret, { issuer: 'The Courier', account: 'a@b.example' }))
    assert.equal(uri.protocol, 'otpauth:')
    assert.equal(uri.searchParams.get('secret'), secret)
    assert.equal(uri.searchParams.get('issuer'), 'The Courier')
    assert.equal(uri.searchParams.get('digits'), '6')
    assert.equal(uri.searchParams.get('period'), '30')
  })
})

describe('recovery codes', () => {
  test('ten distinct codes of four groups of four, read back however they are typed', () => {
    const codes = newRecoveryCodes()
    assert.equal(codes.length, 10)
    assert.equal(new Set(codes).size, 10)
    for (const code of codes) {
      assert.match(code, /^[a-hj-km-np-z02-9]{4}(-[a-hj-km-np-z02-9]{4}){3}$/)
      assert.equal(recoveryCodeOf(code.toUpperCase()), code)
      assert.equal(recoveryCodeOf(code.replace(/-/g, ' ')), code)
    }
    assert.equal(recoveryCodeOf('abcd-efgh-jkmn-pq0r'.replace('0', 'o')), 'abcd-efgh-jkmn-pq0r')
    for (const typed of ['', 'abcd-efgh', 'abcd-efgh-jkmn-pqrs-tuvw', 'abcd-efgh-jkmn-pq1r']) {
      assert.equal(recoveryCodeOf(typed), undefined, typed)
    }
  })
})

describe('attempt windows', () => {
  test('windows are fixed 15-minute spans: every moment in one has the same start', () => {
    const start = windowStartOf(at('2026-11-20T09:00:00.000Z'))
    assert.equal(start.toISOString(), '2026-11-20T09:00:00.000Z')
    assert.equal(windowStartOf(at('2026-11-20T09:14:59.999Z')).getTime(), start.getTime())
    assert.equal(
      windowStartOf(at('2026-11-20T09:15:00.000Z')).getTime(),
      start.getTime() + LOGIN_LIMITS.windowMs,
    )
  })
})
