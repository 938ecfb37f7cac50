import { createHash, randomBytes } from 'node:crypto'

/** A signed-in browser. Stored under the hash of its token, never the token itself. */
export interface Session {
  id: string
  userId: string
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
  /** When its user last proved who they are with their password (signing in, or again since). */
  authenticatedAt: Date
  /** The password was right, and the second factor is still to come: not signed in yet. */
  secondFactorPending: boolean
}

/** How long sessions last: set by the operator (SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS). */
export interface SessionLifetimes {
  /** A session unused for this long has ended. */
  idleMs: number
  /** A session ends this long after signing in, however much it is used. */
  absoluteMs: number
}

/** Between the password and the second factor: time to open an app and type six digits. */
export const SECOND_FACTOR_WINDOW_MS = 5 * 60 * 1000

/** Sliding the expiry costs a write: at most once an hour, and often enough for a short idle limit. */
export function touchIntervalMs(lifetimes: SessionLifetimes): number {
  return Math.min(3600 * 1000, Math.floor(lifetimes.idleMs / 10))
}

/** 256 random bits, URL-safe: the value of the session cookie. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What is stored: the SHA-256 of the token. A leaked sessions table opens no sessions. */
export function sessionIdFor(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** When a session seen at `now` should expire: idle limit, capped by the absolute limit. */
export function slidingExpiry(
  session: Pick<Session, 'createdAt'>,
  now: Date,
  lifetimes: SessionLifetimes,
): Date {
  return new Date(
    Math.min(now.getTime() + lifetimes.idleMs, session.createdAt.getTime() + lifetimes.absoluteMs),
  )
}
