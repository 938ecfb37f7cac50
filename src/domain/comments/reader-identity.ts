import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'

/**
 * The network a reader posts from: an IPv4 /24 or an IPv6 /48, the unit that
 * rate limits and bans apply to (one address is too easy to change).
 */
export function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1]
  const address = mapped ?? ip
  if (isIP(address) === 4) return `${address.split('.').slice(0, 3).join('.')}.0/24`
  if (isIP(address) === 6) {
    const [head = '', tail = ''] = address.toLowerCase().split('::')
    const groups = head === '' ? [] : head.split(':')
    const fill = 8 - groups.length - (tail === '' ? 0 : tail.split(':').length)
    const full = [
      ...groups,
      ...Array<string>(Math.max(0, fill)).fill('0'),
      ...(tail === '' ? [] : tail.split(':')),
    ]
    return `${full
      .slice(0, 3)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':')}::/48`
  }
  return ip
}

/**
 * A keyed hash (HMAC-SHA-256) of an email or a network. Stored instead of the
 * value itself: enough to recognise a returning commenter or enforce a ban,
 * useless to anyone who copies the database without the site's key.
 */
export function keyedHash(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex')
}

/**
 * The comment form's token: when the form was made, signed for one article.
 * It stands in for a CSRF token on a page that has no session (and may come
 * from a cache), and lets the server see how long the reader took to write.
 */
export function issueFormToken(key: string, articleId: string, now: Date): string {
  const issued = now.getTime().toString(36)
  return `${issued}.${keyedHash(key, `${articleId}.${issued}`).slice(0, 32)}`
}

export type FormTokenCheck = 'valid' | 'invalid' | 'too_fast' | 'expired'

export function checkFormToken(
  key: string,
  token: string,
  articleId: string,
  now: Date,
  { minMs, maxMs }: { minMs: number; maxMs: number },
): FormTokenCheck {
  const [issued = '', signature = ''] = token.split('.')
  // Compared as bytes: a signature as long as ours in characters may not be in bytes.
  if (!sameBytes(signature, keyedHash(key, `${articleId}.${issued}`).slice(0, 32))) {
    return 'invalid'
  }
  const age = now.getTime() - parseInt(issued, 36)
  if (!Number.isFinite(age) || age < 0) return 'invalid'
  if (age < minMs) return 'too_fast'
  if (age > maxMs) return 'expired'
  return 'valid'
}

/** Equal as bytes, in constant time for equal lengths. */
function sameBytes(a: string, b: string): boolean {
  const given = Buffer.from(a)
  const expected = Buffer.from(b)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

const COMMENTER_ID = /^[A-Za-z0-9_-]{22}$/

/**
 * The returning-commenter cookie: a random commenter id (128 bits), signed.
 * A browser gets one with its first comment and sends it with the next; the
 * id becomes trusted when a moderator approves one of its comments. Nothing a
 * stranger can type (an email, an address on the same network) stands in for it.
 */
export function issueCommenterToken(key: string, commenterId: string): string {
  return `${commenterId}.${keyedHash(key, `commenter-token.${commenterId}`).slice(0, 43)}`
}

export function newCommenterId(): string {
  return randomBytes(16).toString('base64url')
}

/** The commenter id a genuine token names; undefined for anything forged, altered or malformed. */
export function commenterIdOf(key: string, token: string | undefined): string | undefined {
  if (token === undefined) return undefined
  const dot = token.indexOf('.')
  const id = token.slice(0, dot)
  if (dot < 0 || !COMMENTER_ID.test(id)) return undefined
  return sameBytes(token, issueCommenterToken(key, id)) ? id : undefined
}
