import type { FastifyInstance } from 'fastify'
import type { PublicDeps } from '../deps.js'
import { canonicalPathOf } from '../render-article.js'
import { renderPreviewPage } from '../render-preview.js'

/**
 * /preview/TOKEN: a draft for someone without an account. No cookie is read
 * or set; every link that opens nothing (expired, revoked, altered, its story
 * deleted, or no token at all) gets the site's one 404 page.
 */
export async function previewRoutes(app: FastifyInstance, deps: PublicDeps) {
  const { services, site } = deps

  app.get<{ Params: { token: string } }>('/preview/:token', async (request, reply) => {
    // Set first, so that the 404 for a dead link carries them too.
    reply
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      // The address is the key: it is not sent on to anywhere the page links to.
      .header('referrer-policy', 'no-referrer')
    const target = await services.previews.open(request.params.token)
    // Out now: the link shows the story where readers see it.
    if (target.kind === 'published') {
      return reply.redirect(canonicalPathOf(target.article, site.timeZone), 303)
    }
    return renderPreviewPage(reply, deps, target.article, target.shownAt)
  })
}
