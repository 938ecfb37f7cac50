import type { FastifyRequest } from 'fastify'
import type { Actor } from '../../../domain/access/policy.js'
import type { ApiTokenService } from '../../../domain/api-tokens/api-token-service.js'
import { UnauthenticatedError } from '../../../domain/errors.js'

/** Who each request acts as, set once its token has been checked. */
const actors = new WeakMap<FastifyRequest, Actor>()

/** The token's user, for a route under the Admin API's guard. */
export function adminActor(request: FastifyRequest): Actor {
  const actor = actors.get(request)
  if (!actor) throw new UnauthenticatedError('token_required', 'Send a bearer token.')
  return actor
}

/** Reads "Authorization: Bearer …"; every refusal is one 401 that names no reason beyond the form. */
export async function admitBearer(request: FastifyRequest, tokens: ApiTokenService): Promise<void> {
  const header = request.headers.authorization
  const match = header === undefined ? null : /^Bearer (\S+)$/.exec(header)
  if (!match?.[1]) {
    throw new UnauthenticatedError(
      'token_required',
      'Send a token from the newsroom as "Authorization: Bearer …".',
    )
  }
  actors.set(request, await tokens.authenticate(match[1]))
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An Admin API route that reads an upload (multipart/form-data) instead of JSON. */
    multipart?: boolean
  }
}
