import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sendJsonProblem, wantsJson, type Problem } from '../plugins/problems.js'
import { formOf } from '../plugins/request-parsing.js'
import type { AdminDeps } from './deps.js'
import { summariseReplay } from './replay-summary.js'
import { bindCsrfToken, SESSION_COOKIE } from './session.js'
import { AdminProblemPage, LoginPage } from './views/auth-pages.js'
import { TypedValues } from './views/replay-pages.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** When the signed-in user last gave their password; null when signed out. */
    authenticatedAt: Date | null
    /** Signed in, but the site requires a second factor they have not set up yet. */
    mustSetUpTwoFactor: boolean
  }
  interface FastifyContextConfig {
    /** Reachable without a session (the sign-in pages). */
    public?: boolean
    /** Its form carries passwords: refused for want of a session, it is not kept for replay. */
    secret?: boolean
    /** Its form sends files (multipart): they cannot be kept to send again after signing in. */
    upload?: boolean
    /** Reachable by someone who must set up two-factor sign-in before anything else. */
    twoFactorSetup?: boolean
  }
}

export const TWO_FACTOR_SETUP_PATH = '/admin/account/two-factor'

/** The path a form was posted to, without its query. */
export function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/admin'
}

const SESSION_ENDED: Problem = {
  status: 401,
  code: 'session_ended',
  message: 'Your session had ended, so nothing was changed. Sign in, then try again.',
}

/** A POST refused for want of a session: a sign-in form that keeps it, to send after signing in. */
async function signInToSend(request: FastifyRequest, reply: FastifyReply, deps: AdminDeps) {
  // A script (autosave, suggestions) cannot sign in again: it is told why, in the one JSON shape.
  if (wantsJson(request)) return sendJsonProblem(reply, SESSION_ENDED)
  if (request.routeOptions.config.upload) {
    const problem: Problem = {
      ...SESSION_ENDED,
      message:
        'Your session had ended, so nothing was uploaded. Sign in, then choose the files again.',
    }
    return reply.admin(<LoginPage next={pathOf(request)} problem={problem} />, {
      title: 'Sign in again',
      status: 401,
    })
  }
  if (request.routeOptions.config.secret) {
    // Passwords are never written back into a page, not even a hidden field.
    return reply.admin(<LoginPage next="/admin/account" problem={SESSION_ENDED} />, {
      title: 'Sign in again',
      status: 401,
    })
  }
  const values = formOf(request)
  const action = pathOf(request)
  const summary = await summariseReplay(action, values, deps.services, undefined)
  return reply.admin(<LoginPage replay={{ action, values, summary }} next="/admin" />, {
    title: 'Sign in again',
    status: 401,
  })
}

/** Someone who must set up two-factor sign-in is sent there, and may do nothing else first. */
function setUpFirst(request: FastifyRequest, reply: FastifyReply) {
  if (request.method === 'GET' || request.method === 'HEAD') {
    return reply.redirect(TWO_FACTOR_SETUP_PATH, 303)
  }
  const problem: Problem = {
    status: 403,
    code: 'two_factor_required',
    message:
      'This site requires two-factor sign-in for your role. Set it up first; nothing was changed.',
  }
  if (wantsJson(request)) return sendJsonProblem(reply, problem)
  return reply.admin(
    <>
      <AdminProblemPage
        problem={problem}
        link={{ href: TWO_FACTOR_SETUP_PATH, text: 'Set it up now' }}
      />
      <TypedValues values={formOf(request)} />
    </>,
    { title: 'Set up two-factor sign-in', status: 403 },
  )
}

/**
 * Who is asking: the session (and the CSRF token bound to it) on every
 * request; then, once the body is parsed, the guard that turns away anyone
 * without a session, keeping what they sent.
 */
export function guardNewsroom(app: FastifyInstance, deps: AdminDeps): void {
  const { accounts } = deps.services
  app.decorateRequest('user', null)
  app.decorateRequest('authenticatedAt', null)
  app.decorateRequest('mustSetUpTwoFactor', false)
  app.decorateRequest('csrfToken', '')

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    const session = token ? await accounts.authenticate(token) : undefined
    request.user = session?.user ?? null
    request.authenticatedAt = session?.authenticatedAt ?? null
    request.mustSetUpTwoFactor = session?.mustSetUpTwoFactor ?? false
    await bindCsrfToken(request, reply, accounts, {
      session: session ? token : undefined,
      secure: deps.secureCookies,
    })
  })

  // After the body is parsed, so a form refused for want of a session keeps its values.
  app.addHook('preHandler', async (request, reply) => {
    const config = request.routeOptions.config
    if (config.public) return
    if (!request.user) {
      if (request.method === 'GET' || request.method === 'HEAD') {
        return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 303)
      }
      return signInToSend(request, reply, deps)
    }
    if (request.mustSetUpTwoFactor && !config.twoFactorSetup) return setUpFirst(request, reply)
  })
}
