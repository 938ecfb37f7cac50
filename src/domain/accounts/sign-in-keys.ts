import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'

/**
 * Where the server's secret comes from. Today it is the site key in the
 * database (SettingsService.siteKey); context.ts passes it in through this one
 * function, so that moving it out of the database changes one line there.
 */
export type SecretSource = () => Promise<string>

/** What each derived key is for: no two uses ever share a key. */
type Purpose = 'identifiers' | 'csrf' | 'device' | 'recovery-codes' | 'totp-secrets'

/** Equal-length comparison in constant time over bytes, never characters (U+00E9 is two bytes). */
export function sameBytes(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}

/** The keyed functions of signing in, each under its own key derived from the secret. */
export function createSignInKeys(secret: SecretSource) {
  const keys = new Map<Purpose, Buffer>()
  async function keyFor(purpose: Purpose): Promise<Buffer> {
    let key = keys.get(purpose)
    if (!key) {
      key = createHmac('sha256', await secret())
        .update(`dateline sign-in ${purpose}`)
        .digest()
      keys.set(purpose, key)
    }
    return key
  }
  const mac = async (purpose: Purpose, value: string): Promise<Buffer> =>
    createHmac('sha256', await keyFor(purpose))
      .update(value)
      .digest()

  return {
    /**
     * What is stored for an email that is no account, or a network address:
     * a keyed hash, never the text someone typed. Hex, 64 characters.
     */
    identifier: async (kind: string, value: string): Promise<string> =>
      (await mac('identifiers', `${kind}:${value}`)).toString('hex'),

    /** The CSRF token for a session or a pre-session: a MAC of it, so it can only come from us. */
    csrfToken: async (binding: string): Promise<string> =>
      (await mac('csrf', binding)).toString('base64url'),

    /** A recovery code as stored: keyed, so a copy of the table cannot be tried offline. */
    recoveryCodeHash: async (code: string): Promise<string> =>
      (await mac('recovery-codes', code)).toString('hex'),

    /** A device cookie's value: the user, a random nonce, and a MAC of both (OWASP "device cookies"). */
    async issueDeviceToken(userId: string): Promise<string> {
      const nonce = randomBytes(16).toString('base64url')
      const signature = (await mac('device', `${userId}.${nonce}`)).toString('base64url')
      return `${userId}.${nonce}.${signature}`
    },

    /** The device's nonce when the token is ours and for this user; undefined otherwise. */
    async deviceNonce(token: string | undefined, userId: string): Promise<string | undefined> {
      if (!token || token.length > 200) return undefined
      const [user, nonce, signature, ...rest] = token.split('.')
      if (rest.length > 0 || user !== userId || !nonce || !signature) return undefined
      const expected = (await mac('device', `${user}.${nonce}`)).toString('base64url')
      return sameBytes(signature, expected) ? nonce : undefined
    },

    /** Seals a TOTP secret (AES-256-GCM): the database holds no usable authenticator seed. */
    async seal(plain: string): Promise<string> {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', await keyFor('totp-secrets'), iv)
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.')
    },

    async open(sealed: string): Promise<string> {
      const [iv = '', tag = '', data = ''] = sealed.split('.')
      const decipher = createDecipheriv(
        'aes-256-gcm',
        await keyFor('totp-secrets'),
        Buffer.from(iv, 'base64url'),
      )
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]).toString('utf8')
    },
  }
}

export type SignInKeys = ReturnType<typeof createSignInKeys>
