import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createPasswordHasher, MAX_PASSWORD_COST, PASSWORD_COST } from './password.js'

describe('password hashing', () => {
  test('hashes at its cost, with the parameters in the hash; only the password matches', async () => {
    const passwords = createPasswordHasher(4)
    const hash = await passwords.hash('correct horse battery staple')
    assert.match(hash, /^scrypt\$16\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/)
    assert.equal(await passwords.verify('correct horse battery staple', hash), true)
    assert.equal(await passwords.verify('correct horse battery stapler', hash), false)
    assert.notEqual(await passwords.hash('correct horse battery staple'), hash, 'salted')
  })

  test('production keeps N=2^15; a hash made at any cost verifies at any other', async () => {
    assert.equal(PASSWORD_COST, 15)
    const production = createPasswordHasher()
    const stored = await production.hash('a long enough password')
    assert.match(stored, /^scrypt\$32768\$8\$1\$/)
    assert.equal(await createPasswordHasher(4).verify('a long enough password', stored), true)
    const cheap = await createPasswordHasher(4).hash('a long enough password')
    assert.equal(await production.verify('a long enough password', cheap), true)
  })

  test('the dummy hash has the same cost and matches nothing', async () => {
    const passwords = createPasswordHasher(5)
    assert.match(passwords.dummyHash, /^scrypt\$32\$8\$1\$/)
    assert.equal(await passwords.verify('', passwords.dummyHash), false)
    assert.equal(await passwords.verify('anything', passwords.dummyHash), false)
  })

  test('a malformed hash never matches; a cost out of range is refused', async () => {
    const passwords = createPasswordHasher(4)
    for (const stored of ['', 'plain', 'bcrypt$16$8$1$c2FsdA==$a2V5', 'scrypt$16$8$1$$']) {
      assert.equal(await passwords.verify('plain', stored), false, stored)
    }
    for (const cost of [0, 1.5, MAX_PASSWORD_COST + 1]) {
      assert.throws(() => createPasswordHasher(cost), RangeError, String(cost))
    }
  })
})
