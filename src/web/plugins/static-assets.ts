import type { FastifyInstance } from 'fastify'
import type { Asset } from '../assets.js'
import { pickEncoding } from './content-encoding.js'
import { etagMatches } from './etag.js'

/** Serves hashed assets from memory with immutable caching and precompressed bodies. */
export async function staticAssetsPlugin(
  app: FastifyInstance,
  { assets }: { assets: ReadonlyMap<string, Asset> },
) {
  for (const asset of assets.values()) {
    app.get(asset.path, async (request, reply) => {
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', asset.etag)
        .header('vary', 'accept-encoding')
        .type(asset.contentType)
      if (etagMatches(request.headers['if-none-match'], asset.etag)) return reply.code(304).send()
      const encoding = pickEncoding(request.headers['accept-encoding'])
      const body = encoding === 'identity' ? undefined : asset[encoding]
      if (body) return reply.header('content-encoding', encoding).send(body)
      return reply.send(asset.identity)
    })
  }
}
