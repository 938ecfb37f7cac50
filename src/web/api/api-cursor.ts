// Cursors are opaque to clients: base64url of what the next page starts after.
// Anything that does not decode to exactly that is a 400, never a guess.
import type { ArticleKey } from '../../domain/api/content-api-store.js'
import { InvalidRequestError } from '../../domain/api/invalid-request.js'
import { isId } from '../../domain/ids.js'
import { isSlug } from '../../text/slug.js'

const invalid = (): InvalidRequestError =>
  new InvalidRequestError(
    'invalid_cursor',
    'The cursor is not one this API gave out. Use `next` from the page before, unchanged.',
    { field: 'cursor' },
  )

const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64url')

function decode(cursor: string, kind: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid()
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  // Base64 has several spellings of one value: only the one we write is accepted.
  if (encode(text) !== cursor || !text.startsWith(`${kind}:`)) throw invalid()
  return text.slice(kind.length + 1)
}

export const articleCursor = (key: ArticleKey): string =>
  encode(`a:${key.publishedAt.getTime()}:${key.id}`)

export function articleKeyOf(cursor: string): ArticleKey {
  const [time = '', id = '', ...rest] = decode(cursor, 'a').split(':')
  const ms = /^\d{1,15}$/.test(time) ? Number(time) : NaN
  if (rest.length > 0 || !Number.isSafeInteger(ms) || !isId(id)) throw invalid()
  return { publishedAt: new Date(ms), id }
}

export const slugCursor = (slug: string): string => encode(`s:${slug}`)

export function slugOf(cursor: string): string {
  const slug = decode(cursor, 's')
  if (!isSlug(slug)) throw invalid()
  return slug
}
