import type { FastifyInstance } from 'fastify'
import { SITEMAP_INDEX_PATH } from '../../ui/urls.js'
import type { PublicDeps } from '../deps.js'

/** Crawlers keep out of the newsroom, and find every public page through the sitemap index. */
export async function robotsRoutes(app: FastifyInstance, { site }: Pick<PublicDeps, 'site'>) {
  const text = `User-agent: *\nDisallow: /admin/\n\nSitemap: ${site.url}${SITEMAP_INDEX_PATH}\n`
  app.get('/robots.txt', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(text),
  )
}
