import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError, NotFoundError } from '../../domain/errors.js'
import { statusOfDomainError } from './domain-status.js'
import { ProblemPage } from '../ui/problem-page.js'
import type { PageRenderer } from './render.js'

interface Problem {
  status: number
  title: string
  message: string
}

const TITLES: Record<number, string> = {
  401: 'Sign in first',
  403: 'Not allowed',
  409: 'Changed meanwhile',
  422: 'That did not work',
  429: 'Too many attempts',
}

/** The single mapping from an error to what the reader is told. */
export function problemFor(error: unknown): Problem {
  if (error instanceof NotFoundError) return notFound
  if (error instanceof DomainError) {
    const status = statusOfDomainError(error)
    return { status, title: TITLES[status] ?? 'That did not work', message: error.message }
  }
  const status = (error as Partial<FastifyError>).statusCode
  const code = (error as Partial<FastifyError>).code
  // A URL the router cannot even decode, or one too long to be ours, names no page.
  if (code === 'FST_ERR_BAD_URL' || code === 'FST_ERR_MAX_PARAM_LENGTH' || status === 404) {
    return notFound
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      status,
      title: 'Something is wrong with this request',
      message: (error as Error).message,
    }
  }
  return {
    status: 500,
    title: 'Something went wrong on our side',
    message: 'The error has been logged and will be looked at. Please try again in a moment.',
  }
}

const notFound: Problem = {
  status: 404,
  title: 'Page not found',
  message: 'There is no page at this address. It may have moved, or the link may be mistyped.',
}

/** Whether rendered pages may be kept, and a number that changes with every content change. */
export interface ProblemPageMemo {
  enabled: boolean
  generation: number
}

/**
 * Sends the problem page. Also used for router failures, which Fastify reports
 * before any plugin decorations exist, so it renders without reply.page.
 * The 404 page is the same for every address, so it is rendered once per
 * content generation: a crawler or a scanner asking for thousands of missing
 * pages costs what a cached page costs.
 */
export function createProblemSender(renderPage: PageRenderer, memo?: ProblemPageMemo) {
  let notFoundPage: { html: string; generation: number } | undefined

  async function render(problem: Problem): Promise<string> {
    const page = () =>
      renderPage(
        (sections) => (
          <ProblemPage title={problem.title} message={problem.message} sections={sections} />
        ),
        { title: problem.title, noindex: true },
      )
    if (problem !== notFound || !memo?.enabled) return page()
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
    const problem = request.is404 && found.status < 500 ? notFound : found
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    reply.code(problem.status).header('cache-control', 'no-store')
    const accept = request.headers.accept ?? ''
    if (accept.includes('application/json') && !accept.includes('text/html')) {
      return reply.send({ error: { status: problem.status, message: problem.message } })
    }
    return reply.type('text/html; charset=utf-8').send(await render(problem))
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
