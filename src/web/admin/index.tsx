import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import type { FastifyInstance } from 'fastify'
import type { User } from '../../domain/accounts/user.js'
import type { AdminDeps } from './deps.js'
import { formOf, problemOf } from './forms.js'
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
import { mediaRoutes } from './routes/media.js'
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
    /** Its form sends files (multipart): they cannot be kept to send again after signing in. */
    upload?: boolean
  }
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
    if (request.routeOptions.config.upload) {
      const problem = {
        status: 401,
        message:
          'Your session had ended, so nothing was uploaded. Sign in, then choose the files again.',
      }
      return reply.admin(<LoginPage next={path} problem={problem} />, {
        title: 'Sign in again',
        status: 401,
      })
    }
    if (request.routeOptions.config.secret) {
      // Passwords are never written back into a page, not even a hidden field.
      const problem = {
        status: 401,
        message: 'Your session had ended, so nothing was changed. Sign in, then try again.',
      }
      return reply.admin(<LoginPage next="/admin/account" problem={problem} />, {
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
    const problem = problemOf(error)
    if (problem) {
      return reply.admin(<AdminProblemPage problem={problem} />, {
        title: 'Problem',
        status: problem.status,
      })
    }
    const status = (error as { statusCode?: number }).statusCode
    if (status !== undefined && status >= 400 && status < 500) {
      const message =
        status === 413
          ? 'That is more than the newsroom accepts in one form.'
          : (error as Error).message
      return reply.admin(<AdminProblemPage problem={{ status, message }} />, {
        title: 'Problem',
        status,
      })
    }
    request.log.error({ err: error }, 'newsroom request failed')
    return reply.admin(
      <AdminProblemPage
        problem={{
          status: 500,
          message: 'Something went wrong on our side. The error has been logged.',
        }}
      />,
      { title: 'Problem', status: 500 },
    )
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
  await app.register(mediaRoutes, deps)
}
