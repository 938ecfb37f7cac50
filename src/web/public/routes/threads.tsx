import type { FastifyInstance } from 'fastify'
import { pageKey } from '../../page-cache/cache-key.js'
import { pagePath, threadPath } from '../../ui/urls.js'
import type { PublicDeps } from '../deps.js'
import { pageQuery, parseOrNotFound, slugParams } from '../../plugins/request-parsing.js'
import { ThreadPage } from '../views/thread-page.js'

const PER_PAGE = 20

/** A story thread's page: its published articles in the order editors gave them. */
export async function threadRoutes(app: FastifyInstance, { services }: PublicDeps) {
  app.get('/threads/:slug', async (request, reply) => {
    const params = parseOrNotFound(slugParams, request.params)
    const { page } = parseOrNotFound(pageQuery, request.query)
    const { thread, articles } = await services.threads.publishedPage(params.slug, page, PER_PAGE)
    const path = threadPath(thread.slug)
    return reply.page(<ThreadPage thread={thread} articles={articles} path={path} />, {
      title: page > 1 ? `${thread.title} (page ${page})` : thread.title,
      description: thread.description || `Every story in the thread “${thread.title}”, in order.`,
      canonicalPath: pagePath(path, page),
      cacheKey: pageKey(path, { page: page > 1 ? page : undefined }),
      prevPath: page > 1 ? pagePath(path, page - 1) : undefined,
      nextPath: page < articles.pageCount ? pagePath(path, page + 1) : undefined,
    })
  })
}
