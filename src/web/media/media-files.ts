import type { FastifyInstance } from 'fastify'
import { NotFoundError } from '../../domain/errors.js'
import type { ServedRendition } from '../../domain/media/renditions.js'
import { etagMatches } from '../plugins/etag.js'

/** What serving renditions needs of the media service. */
export interface MediaFilesDeps {
  media: { readRendition(name: string): Promise<ServedRendition | undefined> }
}

/**
 * /media/NAME: renditions by their content-hashed names, cached for ever by
 * browsers and CDNs. A rendition not made yet is made now, once, however many
 * readers ask for it at the same moment. Only renditions are reachable here:
 * originals (which still carry GPS and camera data) never are.
 */
export async function mediaFiles(app: FastifyInstance, { media }: MediaFilesDeps) {
  app.get<{ Params: { name: string } }>('/media/:name', async (request, reply) => {
    const rendition = await media.readRendition(request.params.name)
    if (!rendition) throw new NotFoundError('media_not_found', 'There is no such image.')
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', rendition.etag)
      // A CDN on another host may serve these to the site's pages.
      .header('cross-origin-resource-policy', 'cross-origin')
      .type(rendition.contentType)
    if (etagMatches(request.headers['if-none-match'], rendition.etag)) return reply.code(304).send()
    return reply.send(
      Buffer.from(rendition.bytes.buffer, rendition.bytes.byteOffset, rendition.bytes.length),
    )
  })
}
