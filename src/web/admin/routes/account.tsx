import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import { formOf, queryParam, text } from '../../plugins/request-parsing.js'
import { handleForm, safeNext } from '../forms.js'
import { pathOf } from '../guard.js'
import { summariseReplay } from '../replay-summary.js'
import { DEVICE_COOKIE, SESSION_COOKIE } from '../session.js'
import { AccountPage, AdminProblemPage } from '../views/auth-pages.js'
import { ContinuePage, ReauthPage, replayedValues } from '../views/replay-pages.js'

/**
 * A change that needs a recent password (domain/accounts/recent-auth.ts): the
 * form is kept, the password asked for, and then the change offered again.
 */
export async function askForPassword(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AdminDeps,
): Promise<FastifyReply> {
  if (request.routeOptions.config.secret) {
    // A form with passwords in it is never written back into a page.
    const problem: Problem = {
      status: 401,
      code: 'reauthentication_required',
      message: 'Enter your password again, then try again.',
    }
    return reply.admin(<AdminProblemPage problem={problem} />, { title: 'Problem', status: 401 })
  }
  const action = pathOf(request)
  const values = formOf(request)
  const summary = await summariseReplay(action, values, deps.services, actorFor(request))
  return reply.admin(<ReauthPage replay={{ action, values, summary }} />, {
    title: 'Confirm it is you',
    status: 401,
  })
}

export async function accountRoutes(app: FastifyInstance, deps: AdminDeps) {
  const { services } = deps

  async function renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    { saved, problem }: { saved?: boolean; problem?: Problem },
  ): Promise<FastifyReply> {
    const { on } = await services.twoFactor.status(actorFor(request))
    return reply.admin(<AccountPage saved={saved} problem={problem} twoFactorOn={on} />, {
      title: 'Your account',
      area: 'account',
      status: problem?.status,
    })
  }

  app.get('/account', async (request, reply) =>
    renderAccount(request, reply, { saved: queryParam(request, 'saved') === '1' }),
  )

  app.post('/account/password', { config: { secret: true } }, async (request, reply) => {
    const form = formOf(request)
    return handleForm(request, reply, {
      run: async () => {
        await services.accounts.changePassword(
          actorFor(request),
          request.cookies[SESSION_COOKIE] ?? '',
          { current: text(form, 'current'), next: text(form, 'next') },
          { ip: request.ip, device: request.cookies[DEVICE_COOKIE] },
        )
        return reply.redirect('/admin/account?saved=1', 303)
      },
      render: (problem) => renderAccount(request, reply, { problem }),
    })
  })

  app.post(
    '/reauth',
    { config: { secret: true, twoFactorSetup: true } },
    async (request, reply) => {
      const form = formOf(request)
      const action = safeNext(text(form, 'replay_to'))
      const values = replayedValues(form)
      const replay = {
        action,
        values,
        summary: await summariseReplay(action, values, services, actorFor(request)),
      }
      return handleForm(request, reply, {
        run: async () => {
          await services.accounts.reauthenticate(
            request.cookies[SESSION_COOKIE] ?? '',
            text(form, 'password'),
            { ip: request.ip, device: request.cookies[DEVICE_COOKIE] },
          )
          return reply.admin(<ContinuePage replay={replay} heading="Thank you" />, {
            title: 'Confirmed',
          })
        },
        render: (problem) =>
          reply.admin(<ReauthPage replay={replay} problem={problem} />, {
            title: 'Confirm it is you',
            status: problem.status,
          }),
      })
    },
  )
}
