import type { FastifyInstance } from 'fastify'
import { carriesSession } from '../page-cache/cache-key.js'
import { pageCachePlugin } from '../page-cache/page-cache-plugin.js'
import type { PageCache } from '../page-cache/page-cache.js'
import type { PublicDeps } from './deps.js'
import { archiveRoutes } from './routes/archive.js'
import { articleRoutes } from './routes/article.js'
import { atAGlanceRoutes } from './routes/at-a-glance.js'
import { commentRoutes } from './routes/comments.js'
import { homeRoutes } from './routes/home.js'
import { listingRoutes } from './routes/listings.js'
import { robotsRoutes } from './routes/robots.js'
import { searchRoutes } from './routes/search.js'
import { feedRoutes } from './routes/feeds.js'
import { sitemapRoutes } from './routes/sitemaps.js'
import { threadRoutes } from './routes/threads.js'
import { previewRoutes } from './routes/preview.js'
import { pageRoutes } from './routes/pages.js'

/** The reader-facing site: an encapsulated plugin, so nothing here leaks into admin or API. */
export async function publicSite(
  app: FastifyInstance,
  options: PublicDeps & { cache: PageCache; cacheControl: string; feedFullText: boolean },
) {
  const { services, site, articleReads, listingReads } = options
  const deps: PublicDeps = { services, site, articleReads, listingReads }
  app.addHook('onSend', async (request, reply) => {
    if (reply.hasHeader('cache-control')) return
    const shared =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !carriesSession(request.headers.cookie)
    // Pages may be kept by browsers and CDNs; errors, answers to posts and pages for a
    // signed-in member of staff never.
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
  await app.register(archiveRoutes, deps)
  await app.register(atAGlanceRoutes, deps)
  await app.register(robotsRoutes, deps)
  await app.register(searchRoutes, deps)
  await app.register(feedRoutes, { ...deps, feedFullText: options.feedFullText })
  await app.register(sitemapRoutes, deps)
  await app.register(threadRoutes, deps)
  await app.register(previewRoutes, deps)
  await app.register(pageRoutes, deps)
}
