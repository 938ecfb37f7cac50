import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import type { FastifyInstance } from 'fastify'
import type { User } from '../../domain/accounts/user.js'
import type { AdminDeps } from './deps.js'
import { ReauthenticationRequiredError } from '../../domain/accounts/recent-auth.js'
import { problemOf } from './forms.js'
import { guardNewsroom } from './guard.js'
import { askForPassword } from './routes/account.js'
import { adminRenderPlugin } from './render.js'
import { articleRoutes } from './routes/articles.js'
import { auditRoutes } from './routes/audit.js'
import { accountRoutes } from './routes/account.js'
import { authRoutes } from './routes/auth.js'
import { commentModerationRoutes } from './routes/comments.js'
import { settingsRoutes } from './routes/settings.js'
import { dashboardRoutes } from './routes/dashboard.js'
import { historyRoutes } from './routes/history.js'
import { sectionRoutes } from './routes/sections.js'
import { userRoutes } from './routes/users.js'
import { threadRoutes } from './routes/threads.js'
import { keyPointRoutes } from './routes/key-points.js'
import { twoFactorRoutes } from './routes/two-factor.js'
import { AdminProblemPage } from './views/auth-pages.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member of staff, in the newsroom; null elsewhere or when signed out. */
    user: User | null
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
  await app.register(adminRenderPlugin, { site: deps.site })
  guardNewsroom(app, deps)

  // Newsroom pages are personal: never stored by a browser cache, a proxy or a CDN.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store')
  })

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof ReauthenticationRequiredError) return askForPassword(request, reply, deps)
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
  await app.register(accountRoutes, deps)
  await app.register(twoFactorRoutes, deps)
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
