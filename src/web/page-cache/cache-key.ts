/** Query parameters that are part of a public page's identity; all others are ignored. */
const IDENTITY_PARAMS = new Set(['page', 'comments', 'reply', 'comment', 'q'])

/** The Content API's addresses (its admin part never reaches the cache: serve-from-cache.ts). */
export const API_PATH_PREFIX = '/api/'

/** Longer addresses are never cached: none of ours is, and they would only fill the cache. */
export const MAX_CACHED_URL_LENGTH = 512

/**
 * The cache key for a request URL: the path with repeated and trailing slashes
 * collapsed (as the router does), then the identity parameters in a fixed
 * order. Parameters the page ignores (utm_*, fbclid…) are dropped, so they
 * can neither fill the cache nor split it. Undefined when the URL must not be
 * served from or stored in the cache.
 */
export function cacheKeyOf(url: string): string | undefined {
  if (url.length > MAX_CACHED_URL_LENGTH) return undefined
  const question = url.indexOf('?')
  const rawPath = question < 0 ? url : url.slice(0, question)
  const path = rawPath.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1')
  if (question < 0) return path
  // The Content API refuses any parameter it does not offer: every one it answers is identity.
  const isIdentity = path.startsWith(API_PATH_PREFIX)
    ? () => true
    : (name: string) => IDENTITY_PARAMS.has(name)
  const kept: string[] = []
  const seen = new Set<string>()
  for (const pair of url.slice(question + 1).split('&')) {
    if (pair === '') continue
    const equals = pair.indexOf('=')
    const name = equals < 0 ? pair : pair.slice(0, equals)
    if (!isIdentity(name)) continue
    // A repeated identity parameter is ambiguous: let the page decide, uncached.
    if (seen.has(name)) return undefined
    seen.add(name)
    kept.push(pair)
  }
  return kept.length === 0 ? path : `${path}?${kept.sort().join('&')}`
}

/**
 * The key of a page as its handler understood the request: its path and the
 * identity parameters it accepted, in the order cacheKeyOf puts them. A page is
 * stored only when this equals the key of the URL asked for, so a value the
 * handler ignored or rejected can never become a cache entry.
 */
export function pageKey(
  path: string,
  params: Record<string, string | number | undefined> = {},
): string {
  const pairs = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${value}`)
    .sort()
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`
}

/** Whether a Cookie header carries a newsroom session: such a request is never served a shared page. */
export function carriesSession(cookie: string | undefined): boolean {
  return cookie !== undefined && /(?:^|;)\s*dl_session=/.test(cookie)
}
