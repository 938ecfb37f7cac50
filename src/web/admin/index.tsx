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
import { ReauthenticationRequiredError } from '../../domain/accounts/recent-auth.js'
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
import { previewLinkRoutes } from './routes/previews.js'
import { confirmationRoutes } from './routes/confirmations.js'
import { sectionRoutes } from './routes/sections.js'
import { userRoutes } from './routes/users.js'
import { threadRoutes } from './routes/threads.js'
import { frontPageRoutes } from './routes/front-page.js'
import { keyPointRoutes } from './routes/key-points.js'
import { twoFactorRoutes } from './routes/two-factor.js'
import { AdminProblemPage } from './views/auth-pages.js'
import { mediaRoutes } from './routes/media.js'
import { authorRoutes } from './routes/authors.js'
import { tagRoutes } from './routes/tags.js'
import { redirectRoutes } from './routes/redirects.js'
import { webhookRoutes } from './routes/webhooks.js'
import { pageRoutes } from './routes/pages.js'
import { menuRoutes } from './routes/menus.js'
import { profileRoutes } from './routes/profile.js'
import { apiTokenRoutes } from './routes/api-tokens.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member of staff, in the newsroom; null elsewhere or when signed out. */
    user: User | null
  }
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
  await app.register(adminRenderPlugin, { site: deps.site })
  guardNewsroom(app, deps)

  // Newsroom pages are personal: never stored by a browser cache, a proxy or a CDN.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store')
  })

  app.setErrorHandler(async (error, request, reply) => {
    // A person is asked for their password, then offered the form again; a script is told why.
    if (error instanceof ReauthenticationRequiredError && !wantsJson(request)) {
      return askForPassword(request, reply, deps)
    }
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
  await app.register(accountRoutes, deps)
  await app.register(twoFactorRoutes, deps)
  await app.register(dashboardRoutes, deps)
  await app.register(articleRoutes, deps)
  await app.register(historyRoutes, deps)
  await app.register(previewLinkRoutes, deps)
  await app.register(confirmationRoutes, deps)
  await app.register(userRoutes, deps)
  await app.register(sectionRoutes, deps)
  await app.register(redirectRoutes, deps)
  await app.register(webhookRoutes, deps)
  await app.register(pageRoutes, deps)
  await app.register(menuRoutes, deps)
  await app.register(profileRoutes, deps)
  await app.register(apiTokenRoutes, deps)
  await app.register(authorRoutes, deps)
  await app.register(tagRoutes, deps)
  await app.register(auditRoutes, deps)
  await app.register(commentModerationRoutes, deps)
  await app.register(settingsRoutes, deps)
  await app.register(threadRoutes, deps)
  await app.register(frontPageRoutes, deps)
  await app.register(keyPointRoutes, deps)
  await app.register(mediaRoutes, deps)
}
