import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { pickEncoding } from '../plugins/content-encoding.js'
import { PageStream } from '../plugins/page-bytes.js'
import { cacheKeyOf, carriesSession } from './cache-key.js'
import type { PageCache } from './page-cache.js'

/**
 * Stores public pages as they are sent, when the handler marked them
 * cacheable and the request asked for exactly that page. Registered inside
 * the public site only: nothing from the newsroom can reach the cache.
 */
export const pageCachePlugin = fp<{ cache: PageCache }>(
  async (app: FastifyInstance, { cache }) => {
    // The cache's generation when each request began: set() refuses a page if a purge came since.
    const began = new WeakMap<object, number>()
    app.addHook('onRequest', async (request) => {
      began.set(request, cache.generation)
    })
    app.addHook('onSend', async (request, reply, payload) => {
      const cacheable = reply.cacheable
      if (!cache.enabled || !cacheable || request.method !== 'GET' || reply.statusCode !== 200) {
        return payload
      }
      // A page rendered for someone with a session, or one that sets a cookie, is never shared.
      if (reply.hasHeader('set-cookie') || carriesSession(request.headers.cookie)) return payload
      if (cacheKeyOf(request.url) !== cacheable.key) return payload
      const since = began.get(request)
      if (since === undefined) return payload
      if (payload instanceof PageStream) {
        // Kept, so made whole; Fastify counts the length of what is sent instead.
        reply.removeHeader('content-length')
        payload = payload.page.whole()
      }
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
      const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8')
      const policy = reply.getHeader('content-security-policy')
      const allowOrigin = reply.getHeader('access-control-allow-origin')
      const etag = reply.getHeader('etag')
      const page = cache.set(cacheable.key, payload, {
        // A tag the route made (the API's, from its parts) stays the answer's tag, cached or not.
        etag: typeof etag === 'string' ? etag : undefined,
        contentType,
        tags: cacheable.tags,
        freshUntil: cacheable.freshUntil?.getTime(),
        since,
        policy: typeof policy === 'string' ? policy : undefined,
        extraHeaders:
          typeof allowOrigin === 'string' ? { 'access-control-allow-origin': allowOrigin } : {},
      })
      if (!page) return payload
      reply
        .header('etag', page.etag)
        .header('last-modified', page.lastModified)
        .header('vary', 'accept-encoding')
      const encoding = pickEncoding(request.headers['accept-encoding'])
      if (encoding === 'identity') return payload
      reply.header('content-encoding', encoding)
      return page.body.in(encoding).body
    })
  },
  { name: 'page-cache' },
)
