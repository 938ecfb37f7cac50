import { createHmac, timingSafeEqual } from 'node:crypto'
import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import { DEFAULT_COMMENT_SETTINGS, type CommentSettings } from '../comments/comment-policy.js'
import { ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { ContentChanges } from '../changes.js'
import type { UnitOfWork } from '../unit-of-work.js'

/** The key an older release kept in the database; now only for matching what it hashed. */
const LEGACY_SITE_KEY = 'legacy_site_key'
/** A keyed hash of a constant: tells whether the secret is the one the database was set up with. */
const SECRET_CHECK = 'secret_key_check'
export const COMMENTS = 'comments'

export const MAX_BLOCKED_WORDS = 500
export const MAX_COMMENT_DAYS = 3650

export type SettingsService = ReturnType<typeof createSettingsService>

export function createSettingsService({
  stores,
  clock,
  newId,
  changes,
  secret,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  changes: ContentChanges
  /** SECRET_KEY or the key file's key (secret-key.ts): never stored in the database. */
  secret: string
}) {
  const derive = (purpose: string) => createHmac('sha256', secret).update(purpose).digest()
  const siteKey = derive('dateline site key v1').toString('base64url')
  const check = derive('dateline secret check v1').toString('hex')
  let legacyKey: Promise<string | undefined> | undefined

  return {
    /**
     * The key for keyed hashes and signed tokens, derived from the secret that
     * lives outside the database, so every process sharing it signs alike.
     */
    async siteKey(): Promise<string> {
      return siteKey
    },

    /**
     * The key an older release kept in the database, if the site has one: bans
     * made before the upgrade were hashed with it, and are still matched.
     */
    legacySiteKey(): Promise<string | undefined> {
      legacyKey ??= stores.settings.get(LEGACY_SITE_KEY)
      return legacyKey
    },

    /**
     * Whether the secret is the one this database was first used with (the
     * first process to ask records a check value, which reveals nothing of it).
     */
    async secretMatches(): Promise<boolean> {
      await stores.settings.setIfAbsent(SECRET_CHECK, check)
      const stored = Buffer.from((await stores.settings.get(SECRET_CHECK)) ?? '')
      const expected = Buffer.from(check)
      return stored.length === expected.length && timingSafeEqual(stored, expected)
    },

    async commentSettings(): Promise<CommentSettings> {
      const stored = await stores.settings.get(COMMENTS)
      if (!stored) return DEFAULT_COMMENT_SETTINGS
      return { ...DEFAULT_COMMENT_SETTINGS, ...(JSON.parse(stored) as Partial<CommentSettings>) }
    },

    /** Admins only. */
    async updateCommentSettings(actor: Actor, settings: CommentSettings): Promise<CommentSettings> {
      authorize(actor, 'settings:manage')
      if (
        !['open', 'closed', 'days'].includes(settings.mode) ||
        !['pre', 'post'].includes(settings.moderation)
      ) {
        throw new ValidationError(
          'invalid_comment_settings',
          'Choose a comment mode and a moderation mode.',
        )
      }
      if (
        !Number.isInteger(settings.days) ||
        settings.days < 1 ||
        settings.days > MAX_COMMENT_DAYS
      ) {
        throw new ValidationError(
          'invalid_days',
          `Give a number of days from 1 to ${MAX_COMMENT_DAYS}.`,
          {
            field: 'days',
          },
        )
      }
      const blockedWords = [
        ...new Set(settings.blockedWords.map((word) => word.trim().toLowerCase()).filter(Boolean)),
      ]
      if (
        blockedWords.length > MAX_BLOCKED_WORDS ||
        blockedWords.some((word) => word.length > 100)
      ) {
        throw new ValidationError(
          'too_many_blocked_words',
          `Up to ${MAX_BLOCKED_WORDS} blocked words of at most 100 characters each.`,
          { field: 'blockedWords' },
        )
      }
      const clean: CommentSettings = { ...settings, blockedWords }
      await stores.transaction(async (tx) => {
        await tx.settings.set(COMMENTS, JSON.stringify(clean))
        await recordAudit(
          tx.audit,
          { clock, newId },
          {
            actor,
            action: 'settings_changed',
            subject: 'Comments',
            details: `${clean.mode}${clean.mode === 'days' ? ` (${clean.days} days)` : ''}, ${clean.moderation}-moderation, ${blockedWords.length} blocked words`,
          },
        )
      })
      // Whether a comment form shows is part of every article page.
      await changes.announce({ scope: 'site' })
      return clean
    },
  }
}
