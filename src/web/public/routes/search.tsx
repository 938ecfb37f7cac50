import type { FastifyInstance, FastifyReply } from 'fastify'
import { NotFoundError } from '../../../domain/errors.js'
import type { SearchResults } from '../../../domain/search/search-service.js'
import { withoutControls } from '../../../text/control-characters.js'
import { pageKey } from '../../page-cache/cache-key.js'
import { problemOf } from '../../plugins/problems.js'
import { SEARCH_PATH } from '../../ui/search-form.js'
import { pagePath } from '../../ui/urls.js'
import type { PublicDeps } from '../deps.js'
import { pageQuery, parseOrNotFound } from '../../plugins/request-parsing.js'
import { SearchPage } from '../views/search-page.js'

/**
 * `q` as a form sends it (application/x-www-form-urlencoded: spaces as `+`).
 * A request whose raw `q` is exactly this is canonical, and only such a
 * request is served from, or stored in, the page cache.
 */
const formEncoded = (text: string): string => new URLSearchParams({ q: text }).toString().slice(2)

interface SearchView {
  text: string
  results?: SearchResults
  problem?: string
  status?: number
}

function sendSearch(reply: FastifyReply, view: SearchView) {
  const { results, problem, status = 200 } = view
  // Shown back to the reader, so never with raw control characters.
  const text = withoutControls(view.text)
  const q = text === '' ? undefined : formEncoded(text)
  const path = q === undefined ? SEARCH_PATH : `${SEARCH_PATH}?q=${q}`
  const page = results?.page ?? 1
  const title = text === '' ? 'Search' : `Search: ${text}`
  return reply.page(<SearchPage text={text} path={path} results={results} problem={problem} />, {
    title: page > 1 ? `${title} (page ${page})` : title,
    description: 'Search the stories published on this site.',
    // Results pages are endless and thin: search engines should index the stories instead.
    noindex: true,
    status,
    cacheKey: problem ? undefined : pageKey(SEARCH_PATH, { q, page: page > 1 ? page : undefined }),
    prevPath: results && page > 1 ? pagePath(path, page - 1) : undefined,
    nextPath: results && page < results.pageCount ? pagePath(path, page + 1) : undefined,
  })
}

/** /search?q=…&page=N: reader search, server-rendered, no JavaScript needed. */
export async function searchRoutes(app: FastifyInstance, { services }: PublicDeps) {
  app.get(SEARCH_PATH, async (request, reply) => {
    const { page } = parseOrNotFound(pageQuery, request.query)
    const raw = (request.query as Record<string, unknown>).q ?? ''
    if (typeof raw !== 'string') {
      return sendSearch(reply, {
        text: '',
        problem: 'Search for one thing at a time.',
        status: 400,
      })
    }
    const text = raw.replace(/\s+/g, ' ').trim()
    if (text === '') {
      // The empty form: there are no pages of nothing.
      if (page > 1) throw new NotFoundError('page_not_found', 'No such page')
      return sendSearch(reply, { text })
    }
    try {
      return sendSearch(reply, { text, results: await services.search.search(text, page) })
    } catch (error) {
      const problem = problemOf(error)
      // A page past the last is a 404 like any other, and the database away a 503 like any
      // other (with Retry-After, and JSON for a script); a query that cannot be searched is explained.
      if (!problem || problem.status === 404 || problem.status >= 500) throw error
      return sendSearch(reply, { text, problem: problem.message, status: problem.status })
    }
  })
}
