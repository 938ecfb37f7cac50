import type { FastifyInstance } from 'fastify'
import { NotFoundError } from '../../domain/errors.js'
import { pageCachePlugin } from '../page-cache/page-cache-plugin.js'
import type { PageCache } from '../page-cache/page-cache.js'
import { problemFor, sendJsonProblem } from '../plugins/problems.js'
import { contentRoutes } from './content-routes.js'
import { adminRoutes } from './admin/admin-routes.js'
import type { ApiDeps } from './deps.js'
import { openApiDocument } from './openapi.js'
import { apiReferenceRoute } from './reference-route.js'

/** Preflights may be remembered this long (seconds). */
const PREFLIGHT_MAX_AGE = '86400'

/**
 * The API at /api/v1, an encapsulated plugin: every answer, errors included,
 * is JSON in the site's one error shape; public reads may be fetched from any
 * origin and are kept in the page cache.
 */
export async function apiV1(
  app: FastifyInstance,
  options: ApiDeps & { cache: PageCache; cacheControl: string },
) {
  const { services, site, cacheControl } = options
  app.setErrorHandler((error, request, reply) => {
    const problem = problemFor(error)
    if (problem.status >= 500) request.log.error({ err: error }, 'API request failed')
    return sendJsonProblem(reply, problem)
  })
  app.setNotFoundHandler((_request, reply) =>
    sendJsonProblem(
      reply,
      problemFor(new NotFoundError('not_found', 'There is no API address like this one.')),
    ),
  )
  app.addHook('onRequest', async (request, reply) => {
    reply.header('access-control-allow-origin', '*')
    reply.header('access-control-expose-headers', 'etag, retry-after')
    // Each API has its own allowance per network; the Admin API's is counted before the token.
    if (request.method !== 'OPTIONS') {
      const scope = request.url.startsWith('/api/v1/admin') ? 'admin' : 'content'
      await services.contentApi.admitRequest(request.ip, scope)
    }
  })
  app.addHook('onSend', async (request, reply) => {
    if (reply.hasHeader('cache-control')) return
    const shared = (request.method === 'GET' || request.method === 'HEAD') && reply.statusCode < 400
    reply.header('cache-control', shared ? cacheControl : 'no-store')
  })
  // A cross-origin request that sends If-None-Match is preflighted: GET and HEAD only.
  app.options('/*', async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, HEAD')
      .header('access-control-allow-headers', 'if-none-match, if-modified-since')
      .header('access-control-max-age', PREFLIGHT_MAX_AGE)
      .send(),
  )

  await app.register(pageCachePlugin, { cache: options.cache })
  // Made when first asked for, not at start-up, where it took about 12 ms.
  let document: string | undefined
  const documentText = () => (document ??= JSON.stringify(openApiDocument(site.url, site.name)))
  app.get('/openapi.json', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(documentText()),
  )
  await app.register(apiReferenceRoute, {
    document: () => JSON.parse(documentText()) as never,
    siteUrl: site.url,
  })
  await app.register(contentRoutes, {
    services,
    site,
    fragments: options.fragments,
    keyPages: options.keyPages,
  })
  await app.register(adminRoutes, { prefix: '/admin', services, site })
}
