import type { FastifyInstance } from 'fastify'
import type { PublicDeps } from '../deps.js'
import { homeStructuredData, websiteSharing } from '../structured-data.js'
import { HomePage } from '../views/home-page.js'
import { feedLinks } from '../feeds/feed-model.js'

export async function homeRoutes(app: FastifyInstance, { services, site }: PublicDeps) {
  app.get('/', async (_request, reply) => {
    const listing = services.listings.home()
    const front = await services.articles.frontPage({ top: 4, briefs: 6, perSection: 4 })
    return reply.page((sections) => <HomePage front={front} sections={sections} />, {
      title: '',
      description: listing.description,
      canonicalPath: '/',
      cacheKey: '/',
      structuredData: homeStructuredData(site),
      sharing: websiteSharing(site, site.name, listing.description),
      feeds: feedLinks(listing, site),
    })
  })
}
