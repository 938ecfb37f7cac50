import { createHash } from 'node:crypto'

/**
 * Whether an If-None-Match header matches an entity tag, by the weak
 * comparison RFC 9110 prescribes for it: `W/` prefixes are ignored, the header
 * may list several tags, and `*` matches anything.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const wanted = opaque(etag)
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || opaque(tag) === wanted
  })
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag
}

/** A weak entity tag of a response body: the one the page cache gives the same bytes. */
export function weakEtagOf(body: string | Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`
}

/**
 * Whether a conditional GET may be answered 304 (RFC 9110 §13.2.2):
 * If-None-Match decides when present; otherwise If-Modified-Since, compared
 * in whole seconds as HTTP dates are.
 */
export function isNotModified(
  headers: { 'if-none-match'?: string; 'if-modified-since'?: string },
  { etag, lastModified }: { etag: string; lastModified: Date | undefined },
): boolean {
  const ifNoneMatch = headers['if-none-match']
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, etag)
  const ifModifiedSince = headers['if-modified-since']
  if (ifModifiedSince === undefined || lastModified === undefined) return false
  const since = Date.parse(ifModifiedSince)
  if (Number.isNaN(since)) return false
  return Math.floor(lastModified.getTime() / 1000) * 1000 <= since
}
