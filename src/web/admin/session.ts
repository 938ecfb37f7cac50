import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AccountService } from '../../domain/accounts/account-service.js'
import { sameBytes } from '../../domain/accounts/sign-in-keys.js'

// Every newsroom cookie is scoped to /admin: public pages never see them, so they
// stay cacheable and a reader's request carries nothing worth stealing.
export const SESSION_COOKIE = 'dl_session'
/** Before signing in, the CSRF token is bound to this random value instead of a session. */
export const PRE_SESSION_COOKIE = 'dl_presession'
/** Marks a browser its user signed in on before (OWASP "device cookies"; domain/accounts). */
export const DEVICE_COOKIE = 'dl_device'
const COOKIE_PATH = '/admin'
const DEVICE_COOKIE_DAYS = 365
const RANDOM_VALUE = /^[A-Za-z0-9_-]{43}$/

declare module 'fastify' {
  interface FastifyRequest {
    /** The token this request's forms must carry, and that a posted form must match. */
    csrfToken: string
  }
}

function cookieOptions(secure: boolean) {
  return { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure }
}

/**
 * The session cookie. `lifetimeSeconds` is the session's absolute lifetime; a
 * half-open session (the second factor still to come) gets a cookie that ends
 * with the browser, and the server ends it after a few minutes anyway.
 */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  lifetimeSeconds: number | undefined,
  secure: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(secure),
    ...(lifetimeSeconds !== undefined && { maxAge: lifetimeSeconds }),
  })
  reply.request.cookies[SESSION_COOKIE] = token
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(secure))
  delete reply.request.cookies[SESSION_COOKIE]
}

export function setDeviceCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    ...cookieOptions(secure),
    maxAge: DEVICE_COOKIE_DAYS * 24 * 3600,
  })
}

/**
 * A new pre-session value, after signing in or out: a token seen before (or
 * planted before signing in) cannot be used after.
 */
export function rotatePreSession(reply: FastifyReply, secure: boolean): string {
  const value = randomBytes(32).toString('base64url')
  // Lax, not Strict: a link into the newsroom from elsewhere must not mint a new value and
  // so break the forms open in other tabs. Cross-site POSTs are refused before they get here.
  reply.setCookie(PRE_SESSION_COOKIE, value, cookieOptions(secure))
  reply.request.cookies[PRE_SESSION_COOKIE] = value
  return value
}

/**
 * Works out the request's CSRF token: a MAC of its session when it has one,
 * else of its pre-session cookie (made now if missing). Called once the
 * session is known, and again when signing in or out changes it.
 */
export async function bindCsrfToken(
  request: FastifyRequest,
  reply: FastifyReply,
  accounts: Pick<AccountService, 'csrfTokenFor'>,
  { session, secure }: { session: string | undefined; secure: boolean },
): Promise<void> {
  if (session) {
    request.csrfToken = await accounts.csrfTokenFor({ session })
    return
  }
  const existing = request.cookies[PRE_SESSION_COOKIE]
  const preSession =
    existing && RANDOM_VALUE.test(existing) ? existing : rotatePreSession(reply, secure)
  request.csrfToken = await accounts.csrfTokenFor({ preSession })
}

/** Whether the form's token is this request's, compared in constant time over its bytes. */
export function isCsrfValid(request: FastifyRequest, submitted: unknown): boolean {
  return (
    typeof submitted === 'string' &&
    request.csrfToken !== '' &&
    sameBytes(submitted, request.csrfToken)
  )
}
