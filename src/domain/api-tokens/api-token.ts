import { createHash, randomBytes } from 'node:crypto'

/** A bearer token for the Admin API as the database keeps it: never the token itself. */
export interface ApiToken {
  id: string
  userId: string
  name: string
  createdAt: Date
  /** Null: never expires. */
  expiresAt: Date | null
  lastUsedAt: Date | null
  revokedAt: Date | null
}

export const API_TOKEN_LIMITS = { name: 80, expiresDays: 3650 } as const

/** `dlt_` and 43 base64url characters: 256 random bits, recognisable in a leaked log. */
export const API_TOKEN_PATTERN = /^dlt_[A-Za-z0-9_-]{43}$/

export const newApiToken = (): string => `dlt_${randomBytes(32).toString('base64url')}`

/** What is stored and looked up: the token's SHA-256 (it is random, so no salt or stretching is needed). */
export const apiTokenHash = (token: string): string =>
  createHash('sha256').update(token).digest('hex')

/** Whether a token may be used at `now`. */
export function isUsable(token: ApiToken, now: Date): boolean {
  return token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now)
}
