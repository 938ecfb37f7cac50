import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError, NotFoundError } from '../../domain/errors.js'
import { ProblemPage } from '../ui/problem-page.js'
import {
  NOT_FOUND,
  problemFor,
  sendJsonProblem,
  setRetryAfter,
  wantsJson,
  type Problem,
} from './problems.js'
import type { PageRenderer, RenderedPage } from './render.js'
import { sendHtml } from './page-bytes.js'

/** What a problem page says: a heading and the words under it. */
interface ProblemWords {
  title: string
  message: string
}

const TITLES: Record<number, string> = {
  401: 'Sign in first',
  403: 'Not allowed',
  409: 'Changed meanwhile',
  422: 'That did not work',
  429: 'Too many attempts',
  503: 'Temporarily unavailable',
  507: 'Not saved: no room left',
}

const NOT_FOUND_WORDS: ProblemWords = { title: 'Page not found', message: NOT_FOUND.message }

/** The problem page's words: every missing page reads the same, and a fault of ours says little. */
function wordsFor(error: unknown, problem: Problem): ProblemWords {
  if (problem.status === 404) return NOT_FOUND_WORDS
  if (error instanceof DomainError) {
    return { title: TITLES[problem.status] ?? 'That did not work', message: problem.message }
  }
  if (problem.status >= 500) {
    return { title: 'Something went wrong on our side', message: problem.message }
  }
  return { title: 'Something is wrong with this request', message: problem.message }
}

/** Whether rendered pages may be kept, and a number that changes with every content change. */
export interface ProblemPageMemo {
  enabled: boolean
  generation: number
}

/**
 * Sends a problem: as JSON to a client that asks for it, otherwise as the
 * problem page. Also used for router failures, which Fastify reports before
 * any plugin decorations exist, so it renders without reply.page. The 404
 * page is the same for every address, so it is rendered once per content
 * generation: a crawler or a scanner asking for thousands of missing pages
 * costs what a cached page costs.
 */
export function createProblemSender(renderPage: PageRenderer, memo?: ProblemPageMemo) {
  let notFoundPage: { html: RenderedPage['html']; generation: number } | undefined

  async function render(words: ProblemWords): Promise<RenderedPage['html']> {
    const page = async () =>
      (
        await renderPage(
          (sections) => (
            <ProblemPage title={words.title} message={words.message} sections={sections} />
          ),
          { title: words.title, noindex: true },
        )
      ).html
    if (words !== NOT_FOUND_WORDS || !memo?.enabled) return page()
    const generation = memo.generation
    if (notFoundPage?.generation === generation) return notFoundPage.html
    const html = await page()
    // Kept only if no change came while it rendered.
    if (memo.generation === generation) notFoundPage = { html, generation }
    return html
  }

  return async function sendProblem(
    request: FastifyRequest,
    reply: FastifyReply,
    error: unknown,
  ): Promise<FastifyReply> {
    // On an address with no route, anything short of a server fault (a body that
    // did not parse, say) is answered as what it is: no such page.
    const found = problemFor(error)
    const problem = request.is404 && found.status < 500 ? NOT_FOUND : found
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    if (wantsJson(request)) return sendJsonProblem(reply, problem)
    setRetryAfter(reply, problem).code(problem.status).header('cache-control', 'no-store')
    return sendHtml(reply, await render(wordsFor(error, problem)))
  }
}

export type ProblemSender = ReturnType<typeof createProblemSender>

export const errorsPlugin = fp<{ sendProblem: ProblemSender }>(
  async (app: FastifyInstance, { sendProblem }) => {
    app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error))
    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, new NotFoundError('page_not_found', 'No such page')),
    )
  },
  { name: 'errors' },
)
