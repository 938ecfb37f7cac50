import type { FastifyInstance } from 'fastify'
import { ApiReferencePage } from './reference-page.js'

/** The reference page: HTML in the site's layout, at /api/v1/ (and /api). */
export async function apiReferenceRoute(
  app: FastifyInstance,
  options: {
    /** The OpenAPI document, read when the page is first rendered. */
    document: () => Parameters<typeof ApiReferencePage>[0]['document']
    siteUrl: string
  },
) {
  app.get('/', async (_request, reply) =>
    reply.page(<ApiReferencePage document={options.document()} siteUrl={options.siteUrl} />, {
      title: 'API',
      description:
        'The Content API (published articles, sections, authors, tags, threads and pages as JSON) and the Admin API.',
      canonicalPath: '/api/v1',
    }),
  )
}
