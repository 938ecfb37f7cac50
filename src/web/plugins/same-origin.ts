import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ForbiddenError } from '../../domain/errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The request changes state and a browser says it came from another site's page. */
    crossSite: boolean
  }
  interface FastifyContextConfig {
    /**
     * The handler refuses a cross-site request itself, to answer in its own
     * shape (the comment form: the page again, with what was typed). It must
     * check `request.crossSite` before doing anything.
     */
    refusesCrossSiteItself?: boolean
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Whether a browser says this request was sent from another site's page.
 *
 * Browsers send `Origin` with every POST (and other state-changing methods):
 * it must be this site, as SITE_URL names it or as the request reached us
 * (the Host header, behind a proxy that keeps it). Without `Origin`,
 * `Sec-Fetch-Site` says the same thing in other words: only `same-origin` and
 * `none` (typed or bookmarked by the user) are ours. A request with neither
 * header comes from an old browser or a program (curl, a script); it is let
 * through, since no browser of today would send a cross-site form without
 * them, and the newsroom's CSRF token and the comment form's signed token
 * still have to be right.
 */
export function isCrossSite(request: FastifyRequest, siteOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method)) return false
  const origin = request.headers.origin
  if (origin !== undefined) {
    if (origin === siteOrigin) return false
    try {
      return new URL(origin).host !== request.host
    } catch {
      // "null" (a sandboxed frame, a file) and anything unreadable is not us.
      return true
    }
  }
  const fetchSite = request.headers['sec-fetch-site']
  return fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none'
}

/**
 * Refuses state-changing requests from other sites' pages, newsroom and public
 * alike, before anything else runs: before the body is read, the session is
 * looked up, or a form is kept to be replayed after signing in.
 */
export const sameOriginPlugin = fp<{ siteUrl: string }>(
  async (app, { siteUrl }) => {
    const siteOrigin = new URL(siteUrl).origin
    app.decorateRequest('crossSite', false)
    app.addHook('onRequest', async (request) => {
      request.crossSite = isCrossSite(request, siteOrigin)
      if (request.crossSite && !request.routeOptions.config.refusesCrossSiteItself) {
        throw new ForbiddenError(
          'cross_site_request',
          'This request came from another site, so it was refused. Nothing was changed. If you meant to do this, do it from the page on this site.',
        )
      }
    })
  },
  { name: 'same-origin' },
)
