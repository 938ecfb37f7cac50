import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ValidationError } from '../errors.js'
import { passwordWeakness } from './password-strength.js'
import { assertPassword, USER_LIMITS } from './user.js'

async function refusal(password: string, known: string[] = []): Promise<ValidationError> {
  try {
    await assertPassword(password, 'next', known)
  } catch (error) {
    assert.ok(error instanceof ValidationError)
    assert.equal(error.field, 'next')
    return error
  }
  assert.fail(`"${password}" was accepted`)
}

describe('passwords people may set', () => {
  test('at least 12 characters, at most 200', async () => {
    assert.equal(USER_LIMITS.passwordMin, 12)
    assert.equal((await refusal('password12')).code, 'invalid_password')
    assert.match((await refusal('short')).message, /at least 12 characters/)
    assert.equal((await refusal(`${'lantern orchard '.repeat(13)}`)).code, 'invalid_password')
  })

  test('common, patterned or personal passwords are refused with the reason', async () => {
    for (const [password, reason] of [
      ['password1234', /common/i],
      ['qwertyuiop123', /common/i],
      ['aaaaaaaaaaaaaaaa', /repeat/i],
      ['abcabcabcabcabc', /repeat/i],
    ] as const) {
      const error = await refusal(password)
      assert.equal(error.code, 'weak_password', password)
      assert.match(error.message, reason, password)
    }
    const personal = await refusal('Grete Hansen 2026', [
      'grete.hansen@news.example',
      'Grete Hansen',
    ])
    assert.equal(personal.code, 'weak_password')
  })

  test('long passphrases and generated passwords pass; the fixtures the tests use too', async () => {
    for (const password of [
      'lantern orchard copper seventy',
      'correct horse battery staple',
      'a long enough test password',
      'harbour-lights-41',
      'k7pqz-m3vwx-h9trb-2cfga',
    ]) {
      assert.equal(await passwordWeakness(password, []), undefined, password)
      await assert.doesNotReject(assertPassword(password), password)
    }
  })
})
