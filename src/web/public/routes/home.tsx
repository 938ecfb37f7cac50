import type { FastifyInstance } from 'fastify'
import type { PublicDeps } from '../deps.js'
import { homeStructuredData, websiteSharing } from '../structured-data.js'
import { HomePage } from '../views/home-page.js'
import { feedLinks } from '../feeds/feed-model.js'

export async function homeRoutes(app: FastifyInstance, { services, site }: PublicDeps) {
  app.get('/', async (_request, reply) => {
    const front = await services.articles.frontPage({ top: 4, briefs: 6, perSection: 4 })
    return reply.page((sections) => <HomePage front={front} sections={sections} />, {
      title: '',
      description: `The latest news from ${site.name}.`,
      canonicalPath: '/',
      cacheKey: '/',
      structuredData: homeStructuredData(site),
      sharing: websiteSharing(site, site.name, `The latest news from ${site.name}.`),
      feeds: feedLinks({ path: '/', title: '' }, site),
    })
  })
}
