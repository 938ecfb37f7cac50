import type { Actor } from '../access/policy.js'
import type { Clock } from '../clock.js'
import { UnauthenticatedError } from '../errors.js'

/**
 * How long after giving their password someone may change what guards an
 * account (passwords, roles, two-factor sign-in) without giving it again. A
 * session left open on a shared computer, or stolen, is not enough for those.
 */
export const RECENT_AUTH_MS = 10 * 60 * 1000

/** The password is needed again before this change; the newsroom asks for it and carries on. */
export class ReauthenticationRequiredError extends UnauthenticatedError {}

/** Throws unless the actor gave their password within RECENT_AUTH_MS (or has no session to ask). */
export function requireRecentAuthentication(actor: Actor, clock: Clock): void {
  if (actor.authenticatedAt === undefined) return
  if (clock.now().getTime() - actor.authenticatedAt.getTime() <= RECENT_AUTH_MS) return
  throw new ReauthenticationRequiredError(
    'reauthentication_required',
    'For this change, enter your password again.',
  )
}
