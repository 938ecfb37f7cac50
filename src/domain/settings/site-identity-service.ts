import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import { assertUsableImage, imageRefOf, type ImageRef } from '../media/media.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { checkIdentity, type SiteIdentity } from './site-identity.js'

export const IDENTITY = 'site_identity'

/** The identity with its logo's picture, as pages need it. */
export interface SiteIdentityView extends SiteIdentity {
  logo: ImageRef | null
}

export type SiteIdentityService = ReturnType<typeof createSiteIdentityService>

/**
 * The site's name, tagline, logo, accent, language and time zone. Every page
 * and every article address reads them, so they are held in memory: loaded at
 * start, and again whenever the settings change (a `site` change that says so, here or, through
 * the change feed, in another process).
 */
export function createSiteIdentityService({
  stores,
  clock,
  newId,
  changes,
  defaults,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  changes: ContentChanges
  /** From the environment: what a site starts with until an admin saves its own. */
  defaults: Omit<SiteIdentity, 'logoId' | 'accent' | 'tagline'>
}) {
  const initial: SiteIdentityView = {
    ...defaults,
    tagline: '',
    logoId: null,
    accent: '',
    logo: null,
  }
  let current = initial

  async function load(): Promise<SiteIdentityView> {
    const stored = await stores.settings.get(IDENTITY)
    const identity: SiteIdentity = stored
      ? { ...initial, ...(JSON.parse(stored) as Partial<SiteIdentity>) }
      : initial
    const [logo] = identity.logoId ? await stores.media.findByIds([identity.logoId]) : []
    return {
      ...identity,
      logo: logo ? imageRefOf(logo) : null,
      logoId: logo ? identity.logoId : null,
    }
  }

  return {
    /** The identity as last loaded: no statement. */
    current: (): SiteIdentityView => current,

    /** Reads the stored identity again (at start, and after a `site` change). */
    async reload(): Promise<SiteIdentityView> {
      current = await load()
      return current
    },

    /** Admins only; pages show the change at once (the `site` change purges the page cache). */
    async update(actor: Actor, typed: SiteIdentity): Promise<SiteIdentityView> {
      authorize(actor, 'settings:manage')
      const identity = checkIdentity(typed)
      await stores.transaction(async (tx) => {
        if (identity.logoId !== null) {
          const [item] = await tx.media.findByIds([identity.logoId])
          if (!item) {
            throw new ValidationError(
              'image_not_found',
              'That image is not in the media library.',
              {
                field: 'logo',
              },
            )
          }
          assertUsableImage(item)
        }
        await tx.settings.set(IDENTITY, JSON.stringify(identity))
        await tx.media.setUsages(
          { kind: 'site_logo', ownerId: 'site' },
          identity.logoId ? [identity.logoId] : [],
        )
        await recordAudit(
          tx.audit,
          { clock, newId },
          {
            actor,
            action: 'site_identity_changed',
            subject: identity.name,
            details: [
              identity.tagline && `tagline “${identity.tagline}”`,
              identity.logoId ? 'logo set' : 'no logo',
              identity.accent || 'default accent',
              identity.language,
              identity.timeZone,
            ]
              .filter(Boolean)
              .join(', '),
          },
        )
      })
      current = await load()
      await changes.announce({ scope: 'site', settings: true })
      return current
    },
  }
}
