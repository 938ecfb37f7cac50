import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { SITEMAP_INDEX_PATH, sitemapPath } from '../../ui/urls.js'
import type { PublicDeps } from '../deps.js'
import { parseOrNotFound } from '../../plugins/request-parsing.js'
import { sendDocument } from '../send-document.js'
import { createSitemaps } from '../sitemaps/sitemaps.js'

const XML = 'application/xml; charset=utf-8'
const fileParams = z.object({ file: z.string().regex(/^[a-z]+(?:-[0-9]+)?\.xml$/) })

/** /sitemap.xml (the index) and the files it lists under /sitemaps/. */
export async function sitemapRoutes(app: FastifyInstance, { services, site }: PublicDeps) {
  const sitemaps = createSitemaps(services.syndication, { site })

  app.get(SITEMAP_INDEX_PATH, async (request, reply) => {
    const { xml, lastModified } = await sitemaps.index()
    return sendDocument(request, reply, {
      body: xml,
      contentType: XML,
      lastModified,
      cacheKey: SITEMAP_INDEX_PATH,
    })
  })

  app.get('/sitemaps/:file', async (request, reply) => {
    const { file } = parseOrNotFound(fileParams, request.params)
    const name = file.slice(0, -'.xml'.length)
    const { xml, lastModified } = await sitemaps.file(name)
    return sendDocument(request, reply, {
      body: xml,
      contentType: XML,
      lastModified,
      cacheKey: sitemapPath(name),
    })
  })
}
