import { accountGuardRule, type Actor } from '../access/policy.js'
import type { Clock } from '../clock.js'
import { ForbiddenError, UnauthenticatedError } from '../errors.js'

/**
 * How long after giving their password someone may change what guards an
 * account (passwords, roles, two-factor sign-in) without giving it again. A
 * session left open on a shared computer, or stolen, is not enough for those.
 */
export const RECENT_AUTH_MS = 10 * 60 * 1000

/** The password is needed again before this change; the newsroom asks for it and carries on. */
export class ReauthenticationRequiredError extends UnauthenticatedError {}

/**
 * Throws unless the actor gave their password within RECENT_AUTH_MS (or has
 * no session to ask); a token actor is always refused (policy.ts, accountGuardRule).
 */
export function requireRecentAuthentication(actor: Actor, clock: Clock): void {
  const rule = accountGuardRule(actor)
  if (rule === 'refused') {
    throw new ForbiddenError(
      'session_required',
      'An API token cannot change passwords, roles, two-factor sign-in or tokens: sign in to the newsroom.',
    )
  }
  if (rule === 'trusted' || actor.authenticatedAt === undefined) return
  if (clock.now().getTime() - actor.authenticatedAt.getTime() <= RECENT_AUTH_MS) return
  throw new ReauthenticationRequiredError(
    'reauthentication_required',
    'For this change, enter your password again.',
  )
}
