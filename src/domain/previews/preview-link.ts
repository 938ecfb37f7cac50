import { createHash, randomBytes } from 'node:crypto'

/**
 * A link that shows a draft to someone outside the newsroom. The link carries
 * a random token; only its SHA-256 is stored, as for sessions, so a copy of
 * the table opens nothing. The token is 256 random bits: it cannot be guessed,
 * and any change to it names no link at all.
 */
export interface PreviewLink {
  id: string
  articleId: string
  /** Who made it; null once their account is gone. */
  createdBy: string | null
  createdAt: Date
  expiresAt: Date
  revokedAt: Date | null
}

const HOUR = 60 * 60 * 1000

/** The lifetimes an editor chooses from, shortest first. */
export const PREVIEW_DURATIONS = Object.freeze({
  '1h': { label: '1 hour', ms: HOUR },
  '24h': { label: '24 hours', ms: 24 * HOUR },
  '3d': { label: '3 days', ms: 72 * HOUR },
  '7d': { label: '7 days', ms: 168 * HOUR },
})

export type PreviewDuration = keyof typeof PREVIEW_DURATIONS

export function isPreviewDuration(value: string): value is PreviewDuration {
  return Object.hasOwn(PREVIEW_DURATIONS, value)
}

/** 32 random bytes, base64url: 43 characters. */
export const PREVIEW_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export function newPreviewToken(): string {
  return randomBytes(32).toString('base64url')
}

export function previewTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Whether the link still opens its draft at `now`. */
export function isLive(link: Pick<PreviewLink, 'expiresAt' | 'revokedAt'>, now: Date): boolean {
  return link.revokedAt === null && now.getTime() < link.expiresAt.getTime()
}
