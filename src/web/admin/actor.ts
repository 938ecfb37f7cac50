import type { FastifyRequest } from 'fastify'
import type { Actor } from '../../domain/access/policy.js'
import { actorOf } from '../../domain/accounts/account-service.js'
import { UnauthenticatedError } from '../../domain/errors.js'

/**
 * The signed-in user as the domain sees them, with when they last gave their
 * password (never known: long ago). The guard has already turned away anyone else.
 */
export function actorFor(request: FastifyRequest): Actor {
  if (!request.user) throw new UnauthenticatedError('not_signed_in', 'Sign in first.')
  return { ...actorOf(request.user), authenticatedAt: request.authenticatedAt ?? new Date(0) }
}
