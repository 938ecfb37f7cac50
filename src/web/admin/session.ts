import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { SESSION_MAX_AGE_MS } from '../../domain/accounts/session.js'

// Both cookies are scoped to /admin: public pages never see them, so they stay
// cacheable and a reader's request carries nothing worth stealing.
export const SESSION_COOKIE = 'dl_session'
export const CSRF_COOKIE = 'dl_csrf'
const COOKIE_PATH = '/admin'

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_MAX_AGE_MS / 1000,
  })
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure })
}

/**
 * The CSRF token: a random value in a cookie that every form must echo. Another
 * site can make a browser send the cookie, but cannot read it to fill the form.
 */
export function csrfToken(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = request.cookies[CSRF_COOKIE]
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing
  return rotateCsrfToken(reply, secure)
}

/** A new token, after signing in or out, so that a token seen before cannot be replayed. */
export function rotateCsrfToken(reply: FastifyReply, secure: boolean): string {
  const token = randomBytes(32).toString('base64url')
  reply.setCookie(CSRF_COOKIE, token, {
    path: COOKIE_PATH,
    httpOnly: true,
    // Lax, not Strict: a link into the newsroom from elsewhere must not mint a new token and
    // so break the forms open in other tabs. Cross-site POSTs still arrive without it.
    sameSite: 'lax',
    secure,
  })
  // A page rendered later in this request (the "Save my changes" page after signing in)
  // must carry the new token, not the one the browser is about to replace.
  reply.request.cookies[CSRF_COOKIE] = token
  return token
}

/** Whether the form's token matches the cookie's, compared in constant time. */
export function isCsrfValid(request: FastifyRequest, submitted: unknown): boolean {
  const expected = request.cookies[CSRF_COOKIE]
  if (typeof submitted !== 'string' || !expected || submitted.length !== expected.length) {
    return false
  }
  return timingSafeEqual(Buffer.from(submitted), Buffer.from(expected))
}
