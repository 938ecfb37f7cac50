import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import type { FastifyInstance } from 'fastify'
import type { User } from '../../domain/accounts/user.js'
import type { AdminDeps } from './deps.js'
import {
  problemFor,
  sendJsonProblem,
  SERVER_FAULT,
  setRetryAfter,
  wantsJson,
  type Problem,
} from '../plugins/problems.js'
import { formOf } from '../plugins/request-parsing.js'
import { adminRenderPlugin } from './render.js'
import { articleRoutes } from './routes/articles.js'
import { auditRoutes } from './routes/audit.js'
import { authRoutes } from './routes/auth.js'
import { commentModerationRoutes } from './routes/comments.js'
import { settingsRoutes } from './routes/settings.js'
import { dashboardRoutes } from './routes/dashboard.js'
import { historyRoutes } from './routes/history.js'
import { sectionRoutes } from './routes/sections.js'
import { userRoutes } from './routes/users.js'
import { threadRoutes } from './routes/threads.js'
import { keyPointRoutes } from './routes/key-points.js'
import { SESSION_COOKIE } from './session.js'
import { AdminProblemPage, LoginPage } from './views/auth-pages.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member of staff, in the newsroom; null elsewhere or when signed out. */
    user: User | null
  }
  interface FastifyContextConfig {
    /** Reachable without a session (the sign-in page). */
    public?: boolean
    /** Its form carries passwords: refused for want of a session, it is not kept for replay. */
    secret?: boolean
  }
}

const SESSION_ENDED: Problem = {
  status: 401,
  code: 'session_ended',
  message: 'Your session had ended, so nothing was changed. Sign in, then try again.',
}

/** The one mapping (plugins/problems.ts), in the newsroom's words where they differ. */
function newsroomProblem(error: unknown): Problem {
  const problem = problemFor(error)
  if (problem.status === 413) {
    return { ...problem, message: 'That is more than the newsroom accepts in one form.' }
  }
  // A fault of ours says little; the database failing (503, 507) says what to do.
  if (problem.code === SERVER_FAULT.code) {
    return { ...problem, message: 'Something went wrong on our side. The error has been logged.' }
  }
  return problem
}

/** Large enough for a long article with its fields, urlencoded. */
const FORM_BODY_LIMIT = 4 * 1024 * 1024

/**
 * The newsroom at /admin: an encapsulated plugin, so its cookies, session
 * lookup and guard never touch the public site.
 */
export async function newsroom(app: FastifyInstance, options: AdminDeps) {
  // Not the options object itself: it carries this plugin's prefix, which sub-plugins would repeat.
  const deps: AdminDeps = {
    services: options.services,
    site: options.site,
    secureCookies: options.secureCookies,
  }
  await app.register(cookie)
  await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT })
  app.decorateRequest('user', null)
  await app.register(adminRenderPlugin, { site: deps.site, secureCookies: deps.secureCookies })

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE]
    request.user = token ? ((await deps.services.accounts.authenticate(token)) ?? null) : null
  })

  // Newsroom pages are personal: never stored by a browser cache, a proxy or a CDN.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store')
  })

  // After the body is parsed, so a form refused for want of a session keeps its values.
  app.addHook('preHandler', async (request, reply) => {
    if (request.user || request.routeOptions.config.public) return
    if (request.method === 'GET' || request.method === 'HEAD') {
      return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 303)
    }
    const path = request.url.split('?')[0] ?? '/admin'
    // A script (autosave, suggestions) cannot sign in again: it is told why, in the one JSON shape.
    if (wantsJson(request)) return sendJsonProblem(reply, SESSION_ENDED)
    if (request.routeOptions.config.secret) {
      // Passwords are never written back into a page, not even a hidden field.
      return reply.admin(<LoginPage next="/admin/account" problem={SESSION_ENDED} />, {
        title: 'Sign in again',
        status: 401,
      })
    }
    return reply.admin(
      <LoginPage replay={{ action: path, values: formOf(request) }} next="/admin" />,
      {
        title: 'Sign in again',
        status: 401,
      },
    )
  })

  app.setErrorHandler(async (error, request, reply) => {
    const problem = newsroomProblem(error)
    if (problem.status >= 500) request.log.error({ err: error }, 'newsroom request failed')
    if (wantsJson(request)) return sendJsonProblem(reply, problem)
    setRetryAfter(reply, problem)
    return reply.admin(<AdminProblemPage problem={problem} />, {
      title: 'Problem',
      status: problem.status,
    })
  })

  await app.register(authRoutes, deps)
  await app.register(dashboardRoutes, deps)
  await app.register(articleRoutes, deps)
  await app.register(historyRoutes, deps)
  await app.register(userRoutes, deps)
  await app.register(sectionRoutes, deps)
  await app.register(auditRoutes, deps)
  await app.register(commentModerationRoutes, deps)
  await app.register(settingsRoutes, deps)
  await app.register(threadRoutes, deps)
  await app.register(keyPointRoutes, deps)
}
