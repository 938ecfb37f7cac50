// The returning-commenter cookie (ARCHITECTURE.md, "Reader comments"): given
// with a reader's accepted comment, sent back with their next one. It is read
// only by the comment POST, never by a page, so pages stay shared and cached
// (the page cache looks only for the newsroom's session cookie). SameSite=Strict:
// a post from another site never carries it.
import type { FastifyReply, FastifyRequest } from 'fastify'

export const COMMENTER_COOKIE = 'dl_commenter'

/** A year: a returning commenter is one who comes back now and then. */
const MAX_AGE_SECONDS = 365 * 24 * 3600

/** The cookie as sent, or undefined; its signature is the domain's to check. */
export function commenterTokenOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[COMMENTER_COOKIE]
  return value === undefined || value === '' ? undefined : value
}

export function setCommenterCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(COMMENTER_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: MAX_AGE_SECONDS,
  })
}
