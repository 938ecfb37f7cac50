import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { NotFoundError } from '../../../domain/errors.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import { formOf, queryParam, text } from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'
import { TWO_FACTOR_SETUP_PATH } from '../guard.js'
import { DEVICE_COOKIE } from '../session.js'
import { AdminProblemPage } from '../views/auth-pages.js'
import { RecoveryCodesPage, TwoFactorPage } from '../views/two-factor-pages.js'

const idParams = z.object({
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
})

/** Reachable by someone sent to set it up before anything else. */
const duringSetup = { config: { twoFactorSetup: true } }

const NOTICES = new Map([['off', 'Two-factor sign-in is off.']])

export async function twoFactorRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { twoFactor } = services
  const originOf = (request: FastifyRequest) => ({
    ip: request.ip,
    device: request.cookies[DEVICE_COOKIE],
  })

  async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    { problem, notice }: { problem?: Problem; notice?: string | undefined } = {},
  ): Promise<FastifyReply> {
    const { setup, ...status } = await twoFactor.status(actorFor(request))
    return reply.admin(
      <TwoFactorPage status={status} setup={setup} problem={problem} notice={notice} />,
      { title: 'Two-factor sign-in', area: 'account', status: problem?.status },
    )
  }

  /** A form on the two-factor page: a refusal shows the page again with the reason. */
  function pageForm(run: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) {
    return async (request: FastifyRequest, reply: FastifyReply) =>
      handleForm(request, reply, {
        run: () => run(request, reply),
        render: (problem) => renderPage(request, reply, { problem }),
      })
  }

  app.get('/account/two-factor', duringSetup, async (request, reply) =>
    renderPage(request, reply, { notice: NOTICES.get(queryParam(request, 'done')) }),
  )

  app.post(
    '/account/two-factor/setup',
    duringSetup,
    pageForm(async (request, reply) => {
      await twoFactor.beginSetup(actorFor(request))
      return renderPage(request, reply)
    }),
  )

  app.post(
    '/account/two-factor/confirm',
    duringSetup,
    pageForm(async (request, reply) => {
      const codes = await twoFactor.confirmSetup(
        actorFor(request),
        text(formOf(request), 'code'),
        originOf(request),
      )
      return reply.admin(<RecoveryCodesPage codes={codes} first />, {
        title: 'Two-factor sign-in is on',
        area: 'account',
      })
    }),
  )

  app.post(
    '/account/two-factor/recovery-codes',
    pageForm(async (request, reply) => {
      const codes = await twoFactor.regenerateRecoveryCodes(actorFor(request))
      return reply.admin(<RecoveryCodesPage codes={codes} first={false} />, {
        title: 'New recovery codes',
        area: 'account',
      })
    }),
  )

  app.post(
    '/account/two-factor/disable',
    { config: { secret: true } },
    pageForm(async (request, reply) => {
      await twoFactor.disable(
        actorFor(request),
        text(formOf(request), 'password'),
        originOf(request),
      )
      return reply.redirect(`${TWO_FACTOR_SETUP_PATH}?done=off`, 303)
    }),
  )

  app.post('/users/:id/two-factor/reset', async (request, reply) => {
    const parsed = idParams.safeParse(request.params)
    if (!parsed.success) throw new NotFoundError('user_not_found', 'There is no such user.')
    const { id } = parsed.data
    return handleForm(request, reply, {
      run: async () => {
        await twoFactor.reset(actorFor(request), id)
        return reply.redirect(`/admin/users/${id}?done=two-factor-off`, 303)
      },
      render: (problem) =>
        reply.admin(<AdminProblemPage problem={problem} />, {
          title: 'Problem',
          status: problem.status,
        }),
    })
  })

  app.post('/settings/two-factor', async (request, reply) => {
    const required = text(formOf(request), 'required') === 'yes'
    return handleForm(request, reply, {
      run: async () => {
        await twoFactor.setRequired(actorFor(request), required)
        return reply.redirect('/admin/settings?saved=1', 303)
      },
      render: (problem) =>
        reply.admin(<AdminProblemPage problem={problem} />, {
          title: 'Problem',
          status: problem.status,
        }),
    })
  })
}
