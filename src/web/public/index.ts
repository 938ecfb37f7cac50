import type { FastifyInstance } from 'fastify'
import type { PublicDeps } from './deps.js'
import { articleRoutes } from './routes/article.js'
import { commentRoutes } from './routes/comments.js'
import { homeRoutes } from './routes/home.js'
import { listingRoutes } from './routes/listings.js'
import { robotsRoutes } from './routes/robots.js'

/** The reader-facing site: an encapsulated plugin, so nothing here leaks into admin or API. */
export async function publicSite(app: FastifyInstance, deps: PublicDeps) {
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) {
      reply.header('cache-control', reply.statusCode < 400 ? 'public, max-age=60' : 'no-store')
    }
  })
  await app.register(homeRoutes, deps)
  await app.register(articleRoutes, deps)
  await app.register(commentRoutes, deps)
  await app.register(listingRoutes, deps)
  await app.register(robotsRoutes)
}
