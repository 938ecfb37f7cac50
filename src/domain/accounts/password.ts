import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto'

/**
 * The production cost, as log2 of scrypt's N: N=2^15, r=8, p=1 (RFC 7914's
 * interactive-login order of magnitude), about 50 ms on one core and 32 MiB
 * of memory per guess for an attacker. Config never goes below it outside tests.
 */
export const PASSWORD_COST = 15
/** The highest cost accepted: 2^17 needs 128 MiB per hash. */
export const MAX_PASSWORD_COST = 17

const R = 8
const P = 1
const KEY_LENGTH = 32
/** Room for the highest cost, and for hashes stored at any cost up to it. */
const MAX_MEMORY = 2 * 128 * R * 2 ** MAX_PASSWORD_COST

function scrypt(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

export interface PasswordHasher {
  /** "scrypt$N$r$p$salt$key", base64 parts: the parameters travel with the hash. */
  hash(password: string): Promise<string>
  /**
   * Checks a password against a stored hash in constant time, at the cost the
   * hash was made with. A malformed hash never matches.
   */
  verify(password: string, stored: string): Promise<boolean>
  /** A hash nothing matches, at this cost: checked for unknown emails, so a miss takes as long. */
  readonly dummyHash: string
}

/** Hashes new passwords at 2^`cost` (see PASSWORD_COST); verifies hashes of any cost. */
export function createPasswordHasher(cost: number = PASSWORD_COST): PasswordHasher {
  if (!Number.isInteger(cost) || cost < 1 || cost > MAX_PASSWORD_COST) {
    throw new RangeError(`password cost must be an integer from 1 to ${MAX_PASSWORD_COST}`)
  }
  const N = 2 ** cost
  return {
    async hash(password) {
      const salt = randomBytes(16)
      const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEMORY })
      return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$')
    },
    verify: verifyPassword,
    dummyHash: ['scrypt', N, R, P, 'A'.repeat(22) + '==', 'A'.repeat(43) + '='].join('$'),
  }
}

async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A readable random password for new accounts: 4 groups of 5 letters and digits, about 100 bits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(20)
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length])
  return [0, 5, 10, 15].map((start) => chars.slice(start, start + 5).join('')).join('-')
}
