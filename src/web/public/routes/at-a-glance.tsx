import type { FastifyInstance } from 'fastify'
import { pageKey } from '../../page-cache/cache-key.js'
import { AT_A_GLANCE_PATH, pagePath } from '../../ui/urls.js'
import type { PublicDeps } from '../deps.js'
import { pageQuery, parseOrNotFound } from '../../plugins/request-parsing.js'
import { HOME_CRUMB, breadcrumbList, websiteSharing } from '../structured-data.js'
import { AtAGlancePage } from '../views/at-a-glance-page.js'

const PER_PAGE = 20

/** /at-a-glance: the latest stories in a line each, paged; the home page's rail leads here. */
export async function atAGlanceRoutes(app: FastifyInstance, { services, site }: PublicDeps) {
  app.get(AT_A_GLANCE_PATH, async (request, reply) => {
    const { page } = parseOrNotFound(pageQuery, request.query)
    const listing = await services.articles.listPublished({}, page, PER_PAGE)
    const title = 'At a glance'
    const description = `The latest stories from ${site.name}, in a line each.`
    return reply.page(<AtAGlancePage listing={listing} />, {
      title: page > 1 ? `${title} (page ${page})` : title,
      description,
      canonicalPath: pagePath(AT_A_GLANCE_PATH, page),
      cacheKey: pageKey(AT_A_GLANCE_PATH, { page: page > 1 ? page : undefined }),
      prevPath: page > 1 ? pagePath(AT_A_GLANCE_PATH, page - 1) : undefined,
      nextPath: page < listing.pageCount ? pagePath(AT_A_GLANCE_PATH, page + 1) : undefined,
      structuredData: [breadcrumbList(site, [HOME_CRUMB, { name: title, path: AT_A_GLANCE_PATH }])],
      sharing: websiteSharing(site, title, description),
    })
  })
}
