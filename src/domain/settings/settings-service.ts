import { randomBytes } from 'node:crypto'
import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import { DEFAULT_COMMENT_SETTINGS, type CommentSettings } from '../comments/comment-policy.js'
import { ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { ContentChanges } from '../changes.js'
import type { UnitOfWork } from '../unit-of-work.js'

const SITE_KEY = 'site_key'
const COMMENTS = 'comments'

export const MAX_BLOCKED_WORDS = 500
export const MAX_COMMENT_DAYS = 3650

export type SettingsService = ReturnType<typeof createSettingsService>

export function createSettingsService({
  stores,
  clock,
  newId,
  changes,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  changes: ContentChanges
}) {
  let siteKey: string | undefined

  return {
    /**
     * The site's secret for keyed hashes and form tokens: made once, kept in
     * the database so that every app process signs and checks alike.
     */
    async siteKey(): Promise<string> {
      if (siteKey) return siteKey
      await stores.settings.setIfAbsent(SITE_KEY, randomBytes(32).toString('base64url'))
      siteKey = await stores.settings.get(SITE_KEY)
      if (!siteKey) throw new Error('the site key could not be stored')
      return siteKey
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
