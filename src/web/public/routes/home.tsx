import type { FastifyInstance } from 'fastify'
import { NotFoundError } from '../../../domain/errors.js'
import { pageQuery, parseOrNotFound } from '../../plugins/request-parsing.js'
import type { PublicDeps } from '../deps.js'
import { homeStructuredData, websiteSharing } from '../structured-data.js'
import { HomePage } from '../views/home-page.js'
import { feedLinks } from '../feeds/feed-model.js'

export async function homeRoutes(
  app: FastifyInstance,
  { services, site, listingReads: reads }: PublicDeps,
) {
  app.get('/', async (request, reply) => {
    // The front page is one page: a later one is missing, as past the end of any listing.
    const { page } = parseOrNotFound(pageQuery, request.query)
    if (page > 1) throw new NotFoundError('page_not_found', `There is no page ${page} here.`)
    const listing = services.listings.home()
    const front = await reads.front()
    return reply.page(
      { keptFor: front, view: () => <HomePage front={front} /> },
      {
        title: '',
        description: listing.description,
        canonicalPath: '/',
        cacheKey: '/',
        freshUntil: front.changesAt,
        structuredData: homeStructuredData(site),
        sharing: websiteSharing(site, site.name, listing.description),
        feeds: feedLinks(listing, site),
      },
    )
  })
}
