import { asWrittenLine } from '../../text/control-characters.js'
import { authorize, type Actor } from '../access/policy.js'
import type { AuditAction } from '../audit/audit.js'
import { recordAudit } from '../audit/record-audit.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import { withItemMoved, type Direction } from '../ordering.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import {
  assertBannerText,
  blocksInOrder,
  hoursFrom,
  isLive,
  MAX_PLACED,
  type PlacedArticle,
  type Placement,
} from './front-page.js'

export type FrontPageDesk = ReturnType<typeof createFrontPageDesk>

/** What a change to the arranged stories does: the new list, and the audit's words. */
interface Rearranged {
  placements: readonly Placement[]
  subject: string
  details: string
}

const NOT_PLACED = () =>
  new NotFoundError('story_not_placed', 'That story is not on the arranged front page.')

function placedOrNotFound(placed: readonly PlacedArticle[], articleId: string): PlacedArticle {
  const found = placed.find((placement) => placement.articleId === articleId)
  if (!found) throw NOT_PLACED()
  return found
}

const pinWords = (until: Date | null): string =>
  until ? `pinned until ${until.toISOString()}` : 'until taken off'

/**
 * The editors' changes to the home page: arranged stories, pins, the
 * breaking-news banner and the section blocks. Each is audited in its own
 * transaction and announced, so cached pages show it at once.
 */
export function createFrontPageDesk({
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
  const deps = { clock, newId }

  async function change<T>(
    actor: Actor,
    action: AuditAction,
    work: (tx: Stores, now: Date) => Promise<{ subject: string; details: string; result: T }>,
  ): Promise<T> {
    authorize(actor, 'frontpage:arrange')
    const { result } = await stores.transaction(async (tx) => {
      const done = await work(tx, clock.now())
      await recordAudit(tx.audit, deps, {
        actor,
        action,
        subject: done.subject,
        details: done.details,
      })
      return done
    })
    // The home page shows the arrangement; every page shows the banner.
    await changes.announce({ scope: 'site' })
    return result
  }

  /** Rewrites the arranged stories, leaving out pins that ran out. */
  function rearrange(
    actor: Actor,
    plan: (placed: PlacedArticle[], now: Date, tx: Stores) => Promise<Rearranged> | Rearranged,
  ): Promise<void> {
    return change(actor, 'front_page_arranged', async (tx, now) => {
      const placed = (await tx.frontPage.placements()).filter((p) => isLive(p, now))
      const { placements, subject, details } = await plan(placed, now, tx)
      await tx.frontPage.replacePlacements(
        placements.map((placement, position) => ({ ...placement, position })),
      )
      return { subject, details, result: undefined }
    })
  }

  return {
    /** Puts a published story on the front page after the arranged ones, pinned for `hours` if given. */
    place: (actor: Actor, articleId: string, hours: number | null) =>
      rearrange(actor, async (placed, now, tx) => {
        const [story] = await tx.articles.publishedSummaries([articleId])
        if (!story) {
          throw new ValidationError('article_not_published', 'Choose a published story.', {
            field: 'article',
          })
        }
        const pinnedUntil = hours === null ? null : hoursFrom(now, hours)
        const existing = placed.find((placement) => placement.articleId === articleId)
        if (existing) {
          const placements = placed.map((p) => (p === existing ? { ...p, pinnedUntil } : p))
          return { placements, subject: story.headline, details: pinWords(pinnedUntil) }
        }
        if (placed.length >= MAX_PLACED) {
          throw new ConflictError(
            'front_page_full',
            `The front page holds ${MAX_PLACED} arranged stories (the lead and ${MAX_PLACED - 1} top stories): take one off first.`,
            { field: 'article' },
          )
        }
        const added = { articleId, position: placed.length, pinnedUntil, placedAt: now }
        return {
          placements: [...placed, added],
          subject: story.headline,
          details: `placed ${placed.length === 0 ? 'as the lead' : `at ${placed.length + 1}`}, ${pinWords(pinnedUntil)}`,
        }
      }),

    /** Moves an arranged story up or down, or to the lead. */
    move: (actor: Actor, articleId: string, to: Direction | 'lead') =>
      rearrange(actor, (placed) => {
        const story = placedOrNotFound(placed, articleId)
        const index = placed.indexOf(story)
        const placements =
          to === 'lead'
            ? [story, ...placed.filter((p) => p !== story)]
            : withItemMoved(placed, index, to)
        return {
          placements,
          subject: story.headline,
          details: to === 'lead' ? 'made the lead' : to,
        }
      }),

    /** The whole order at once (the page's drag and keyboard reordering sends it). */
    reorder: (actor: Actor, articleIds: readonly string[]) =>
      rearrange(actor, (placed) => {
        const same =
          articleIds.length === placed.length &&
          new Set(articleIds).size === placed.length &&
          placed.every((placement) => articleIds.includes(placement.articleId))
        if (!same) {
          throw new ConflictError(
            'arrangement_changed',
            'The arranged stories changed since this page was loaded: here they are as they are now.',
          )
        }
        const byId = new Map(placed.map((placement) => [placement.articleId, placement]))
        const placements = articleIds.flatMap((id) => byId.get(id) ?? [])
        return {
          placements,
          subject: placements[0]?.headline ?? '',
          details: 'new order',
        }
      }),

    /** Pins an arranged story for `hours`, or unpins it (null): it stays until taken off. */
    pin: (actor: Actor, articleId: string, hours: number | null) =>
      rearrange(actor, (placed, now) => {
        const story = placedOrNotFound(placed, articleId)
        const pinnedUntil = hours === null ? null : hoursFrom(now, hours)
        return {
          placements: placed.map((p) => (p === story ? { ...p, pinnedUntil } : p)),
          subject: story.headline,
          details: pinWords(pinnedUntil),
        }
      }),

    /** Takes a story off the arranged front page; it may still show by recency. */
    remove: (actor: Actor, articleId: string) =>
      rearrange(actor, (placed) => {
        const story = placedOrNotFound(placed, articleId)
        return {
          placements: placed.filter((p) => p !== story),
          subject: story.headline,
          details: 'taken off',
        }
      }),

    /** Raises the breaking-news banner on every page for `hours`, replacing any other. */
    raiseBanner: (
      actor: Actor,
      input: { text: string; articleId: string | null; hours: number },
    ): Promise<void> =>
      change(actor, 'front_page_banner_raised', async (tx, now) => {
        const text = asWrittenLine(input.text).trim()
        assertBannerText(text)
        if (input.articleId !== null) {
          const [story] = await tx.articles.publishedSummaries([input.articleId])
          if (!story) {
            throw new ValidationError(
              'article_not_published',
              'The banner links to a published story, or to none.',
              { field: 'article' },
            )
          }
        }
        const expiresAt = hoursFrom(now, input.hours)
        await tx.frontPage.setBanner({ text, articleId: input.articleId, expiresAt, raisedAt: now })
        return { subject: text, details: `until ${expiresAt.toISOString()}`, result: undefined }
      }),

    /** Takes the banner down before it expires. */
    lowerBanner: (actor: Actor): Promise<void> =>
      change(actor, 'front_page_banner_lowered', async (tx) => {
        const banner = await tx.frontPage.banner()
        if (!banner) throw new NotFoundError('no_banner', 'There is no breaking-news banner up.')
        await tx.frontPage.setBanner(null)
        return { subject: banner.text, details: '', result: undefined }
      }),

    /** Moves a section's block up or down the home page. */
    moveSection: (actor: Actor, slug: string, direction: Direction): Promise<void> =>
      changeBlocks(actor, slug, (blocks, index) => ({
        blocks: withItemMoved(blocks, index, direction),
        details: `block moved ${direction}`,
      })),

    /** Shows or hides a section's block on the home page; its page and navigation stay. */
    showSection: (actor: Actor, slug: string, shown: boolean): Promise<void> =>
      changeBlocks(actor, slug, (blocks, index) => ({
        blocks: blocks.map((block, at) => (at === index ? { ...block, shown } : block)),
        details: shown ? 'block shown' : 'block hidden',
      })),
  }

  function changeBlocks(
    actor: Actor,
    slug: string,
    plan: (
      blocks: ReturnType<typeof blocksInOrder>,
      index: number,
    ) => { blocks: ReturnType<typeof blocksInOrder>; details: string },
  ): Promise<void> {
    return change(actor, 'front_page_sections_changed', async (tx) => {
      const [sections, settings] = await Promise.all([
        tx.sections.list(),
        tx.frontPage.sectionBlocks(),
      ])
      const blocks = blocksInOrder(sections, settings)
      const index = blocks.findIndex((block) => block.slug === slug)
      const section = blocks[index]
      if (!section) throw new NotFoundError('section_not_found', `There is no section "${slug}".`)
      const planned = plan(blocks, index)
      await tx.frontPage.replaceSectionBlocks(
        planned.blocks.map((block, position) => ({
          sectionId: block.id,
          position,
          shown: block.shown,
        })),
      )
      return { subject: section.name, details: planned.details, result: undefined }
    })
  }
}
