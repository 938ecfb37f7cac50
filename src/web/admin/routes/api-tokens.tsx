import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Actor } from '../../../domain/access/policy.js'
import { ValidationError } from '../../../domain/errors.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import { formOf, id, parseOrNotFound, queryParam, text } from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'
import { ApiTokensPage, type ApiTokensPageProps } from '../views/api-tokens-page.js'

const idParams = z.object({ id })

function paramId(request: FastifyRequest, code: string): string {
  return parseOrNotFound(idParams, request.params, { code, message: 'There is no such thing.' }).id
}

/** "" is no expiry; anything else must be a whole number of days (the service checks the range). */
function expiresDaysOf(typed: string): number | undefined {
  if (typed.trim() === '') return undefined
  if (!/^\d{1,5}$/.test(typed.trim())) {
    throw new ValidationError('invalid_token_expiry', 'Give the days as a whole number.', {
      field: 'expires',
    })
  }
  return Number(typed.trim())
}

/** Where a user's tokens are listed: your own on your account, another's under users. */
const pageOf = (actor: Actor, userId: string) =>
  actor.id === userId ? '/admin/account/tokens' : `/admin/users/${userId}/tokens`

/** API tokens in the newsroom: each person their own; admins (users:manage) anyone's. */
export async function apiTokenRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { apiTokens, accounts } = services

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    extra: Pick<ApiTokensPageProps, 'created' | 'attempt' | 'problem' | 'notice'> = {},
  ): Promise<FastifyReply> {
    const actor = actorFor(request)
    const tokens = await apiTokens.list(actor, userId)
    const isYou = actor.id === userId
    const name = isYou ? actor.displayName : (await accounts.getUser(actor, userId)).displayName
    return reply.admin(
      <ApiTokensPage owner={{ id: userId, name, isYou }} tokens={tokens} {...extra} />,
      {
        title: isYou ? 'Your API tokens' : `API tokens for ${name}`,
        area: isYou ? 'account' : 'users',
        status: extra.problem?.status,
      },
    )
  }

  async function create(request: FastifyRequest, reply: FastifyReply, userId: string) {
    const form = formOf(request)
    const attempt = { name: text(form, 'name'), expires: text(form, 'expires') }
    return handleForm(request, reply, {
      run: async () => {
        const expiresDays = expiresDaysOf(attempt.expires)
        const { token, record } = await apiTokens.create(actorFor(request), {
          userId,
          name: attempt.name,
          ...(expiresDays === undefined ? {} : { expiresDays }),
        })
        // Shown in this answer only: no redirect could carry it without storing it.
        return render(request, reply, userId, { created: { name: record.name, token } })
      },
      render: (problem: Problem) => render(request, reply, userId, { attempt, problem }),
    })
  }

  const ownId = (request: FastifyRequest): string => actorFor(request).id ?? ''
  const revokedNotice = (request: FastifyRequest) =>
    queryParam(request, 'done') === 'revoked' ? 'Token revoked: it no longer works.' : undefined

  app.get('/account/tokens', async (request, reply) =>
    render(request, reply, ownId(request), { notice: revokedNotice(request) }),
  )
  app.post('/account/tokens', async (request, reply) => create(request, reply, ownId(request)))

  app.get('/users/:id/tokens', async (request, reply) =>
    render(request, reply, paramId(request, 'user_not_found'), {
      notice: revokedNotice(request),
    }),
  )
  app.post('/users/:id/tokens', async (request, reply) =>
    create(request, reply, paramId(request, 'user_not_found')),
  )

  app.post('/tokens/:id/revoke', async (request, reply) => {
    const tokenId = paramId(request, 'token_not_found')
    const actor = actorFor(request)
    return handleForm(request, reply, {
      run: async () => {
        const { userId } = await apiTokens.revoke(actor, tokenId)
        return reply.redirect(`${pageOf(actor, userId)}?done=revoked`, 303)
      },
      render: (problem: Problem) => render(request, reply, actor.id ?? '', { problem }),
    })
  })
}
