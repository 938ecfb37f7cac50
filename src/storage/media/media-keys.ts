/**
 * Keys come from hashes (domain/media/media-storage.ts), never from a user.
 * The drivers still refuse anything else, so that no bug can write outside
 * the library's folder or bucket prefix.
 */
const KEY = /^(originals|renditions)\/[0-9a-z][0-9a-z.-]{0,126}$/

export function assertMediaKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`not a media storage key: ${key}`)
}

/** How long caches may keep a file: renditions for ever (their names change with their bytes). */
export function cacheControlFor(key: string): string {
  return key.startsWith('renditions/') ? 'public, max-age=31536000, immutable' : 'private, no-store'
}
