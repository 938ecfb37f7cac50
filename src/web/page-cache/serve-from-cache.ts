import type { IncomingMessage, ServerResponse } from 'node:http'
import { cacheKeyOf, carriesSession } from './cache-key.js'
import { sendCachedPage, type PageCache } from './page-cache.js'

/**
 * The cache key of a reader's request for a page, or undefined when the
 * request is never answered from the cache.
 */
export function readerCacheKey(cache: PageCache, request: IncomingMessage): string | undefined {
  if (!cache.enabled || (request.method !== 'GET' && request.method !== 'HEAD')) return undefined
  const url = request.url
  // The newsroom and assets are never in the page cache; spare them the lookup.
  if (
    !url ||
    url.startsWith('/admin') ||
    url.startsWith('/assets/') ||
    url.startsWith('/api/v1/admin')
  ) {
    return undefined
  }
  // A page rendered for someone with a session is never stored, and such a reader gets a fresh one.
  if (carriesSession(request.headers.cookie)) return undefined
  return cacheKeyOf(url)
}

/**
 * Answers a request from the page cache when it can, before any framework
 * work. Returns false to let the app handle the request.
 */
export function serveFromCache(
  cache: PageCache,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  const key = readerCacheKey(cache, request)
  if (!key) return false
  const page = cache.get(key)
  if (!page) return false
  sendCachedPage(page, request, response)
  return true
}
