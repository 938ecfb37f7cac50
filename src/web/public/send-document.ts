import type { FastifyReply, FastifyRequest } from 'fastify'
import { isNotModified, weakEtagOf } from '../plugins/etag.js'

export interface SyndicationDocument {
  body: string
  contentType: string
  /** The newest change the document shows; no Last-Modified header when unknown. */
  lastModified: Date | undefined
  /** The document's page-cache key: its canonical path (see page-cache/cache-key.ts). */
  cacheKey: string
  /** What it shows beyond the site as a whole ('article:<id>'), for exact invalidation. */
  cacheTags?: readonly string[]
}

/**
 * Sends a feed (the site's, or an article's comments) or a sitemap with ETag and Last-Modified, answering a
 * conditional GET with 304. Marks it for the page cache, which then serves
 * it, and answers conditional GETs itself, until the next content change.
 */
export function sendDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  { body, contentType, lastModified, cacheKey, cacheTags = [] }: SyndicationDocument,
): FastifyReply {
  const etag = weakEtagOf(body)
  reply.header('etag', etag)
  if (lastModified) reply.header('last-modified', lastModified.toUTCString())
  if (isNotModified(request.headers, { etag, lastModified })) return reply.code(304).send()
  reply.cacheable = { key: cacheKey, tags: cacheTags }
  return reply.type(contentType).send(body)
}
