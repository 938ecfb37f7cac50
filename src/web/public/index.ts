import type { FastifyInstance } from 'fastify'
import { pageCachePlugin } from '../page-cache/page-cache-plugin.js'
import type { PageCache } from '../page-cache/page-cache.js'
import type { PublicDeps } from './deps.js'
import { articleRoutes } from './routes/article.js'
import { commentRoutes } from './routes/comments.js'
import { homeRoutes } from './routes/home.js'
import { listingRoutes } from './routes/listings.js'
import { robotsRoutes } from './routes/robots.js'

/** The reader-facing site: an encapsulated plugin, so nothing here leaks into admin or API. */
export async function publicSite(
  app: FastifyInstance,
  options: PublicDeps & { cache: PageCache; cacheControl: string },
) {
  const deps: PublicDeps = { services: options.services, site: options.site }
  app.addHook('onSend', async (request, reply) => {
    if (reply.hasHeader('cache-control')) return
    const shared = request.method === 'GET' || request.method === 'HEAD'
    // Pages may be kept by browsers and CDNs; errors and answers to posts never.
    reply.header(
      'cache-control',
      shared && reply.statusCode < 400 ? options.cacheControl : 'private, no-store',
    )
  })
  await app.register(pageCachePlugin, { cache: options.cache })
  await app.register(homeRoutes, deps)
  await app.register(articleRoutes, deps)
  await app.register(commentRoutes, deps)
  await app.register(listingRoutes, deps)
  await app.register(robotsRoutes)
}
