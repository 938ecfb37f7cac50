import { createHash, randomBytes } from 'node:crypto'

/** A signed-in browser. Stored under the hash of its token, never the token itself. */
export interface Session {
  id: string
  userId: string
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
}

/** A session ends after a week without use, and after a month in any case. */
export const SESSION_IDLE_MS = 7 * 24 * 3600 * 1000
export const SESSION_MAX_AGE_MS = 30 * 24 * 3600 * 1000
/** Sliding the expiry costs a write; once an hour is enough. */
export const SESSION_TOUCH_INTERVAL_MS = 3600 * 1000

/** 256 random bits, URL-safe: the value of the session cookie. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What is stored: the SHA-256 of the token. A leaked sessions table opens no sessions. */
export function sessionIdFor(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** When a session seen at `now` should expire: idle limit, capped by the absolute limit. */
export function slidingExpiry(session: Pick<Session, 'createdAt'>, now: Date): Date {
  return new Date(
    Math.min(now.getTime() + SESSION_IDLE_MS, session.createdAt.getTime() + SESSION_MAX_AGE_MS),
  )
}
