import { asWrittenLine } from '../../text/control-characters.js'
import { slugify } from '../../text/slug.js'
import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import { withItemMoved, type Direction } from '../ordering.js'
import type { ContentChanges } from '../changes.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import { appendToMenu, followSectionOrder, menuLength } from '../menus/menu-service.js'
import { MENU_LIMITS, MENUS } from '../menus/menu.js'
import { listingMoves, saveRedirects } from '../redirects/save-redirects.js'
import { assertSectionName, assertSectionSlug, DEFAULT_SECTIONS, type Section } from './section.js'

export type SectionService = ReturnType<typeof createSectionService>

export function createSectionService({
  stores,
  newId,
  clock,
  changes,
}: {
  stores: UnitOfWork
  newId: IdGenerator
  clock: Clock
  changes: ContentChanges
}) {
  const deps = { clock, newId }

  async function getBySlug(slug: string): Promise<Section> {
    const section = await stores.sections.findBySlug(slug)
    if (!section) throw new NotFoundError('section_not_found', `There is no section "${slug}".`)
    return section
  }

  /**
   * A new section goes at the end of both menus, as sections always did; a
   * full menu is left as it is (the section is still there to add by hand).
   */
  async function showInMenus(tx: Stores, id: string): Promise<void> {
    for (const menu of MENUS) {
      if ((await menuLength(tx, menu)) >= MENU_LIMITS.items) continue
      await appendToMenu(tx, newId, { menu, kind: 'section', target: id, label: '' })
    }
  }

  return {
    /** Sections in navigation order. */
    list: (): Promise<Section[]> => stores.sections.list(),

    /** The section with this slug; throws NotFoundError when there is none. */
    getBySlug,

    /** Creates the default sections when the site has none; returns how many were created. */
    async ensureDefaults(): Promise<number> {
      return stores.transaction(async (tx) => {
        if ((await tx.sections.list()).length > 0) return 0
        for (const [position, name] of DEFAULT_SECTIONS.entries()) {
          const section = { id: newId(), slug: slugify(name), name, position }
          await tx.sections.insert(section)
          await showInMenus(tx, section.id)
        }
        return DEFAULT_SECTIONS.length
      })
    },

    /** Adds a section at the end of the navigation. The slug, from the name unless given, is its URL. */
    async create(actor: Actor, { name, slug }: { name: string; slug?: string }): Promise<Section> {
      authorize(actor, 'sections:manage')
      const trimmed = asWrittenLine(name).trim()
      assertSectionName(trimmed)
      const chosen = slug?.trim() || slugify(trimmed)
      assertSectionSlug(chosen)
      const result = await stores.transaction(async (tx) => {
        if (await tx.sections.findBySlug(chosen)) {
          throw new ConflictError(
            'section_slug_taken',
            `There is already a section at /${chosen}.`,
            { field: 'slug' },
          )
        }
        const sections = await tx.sections.list()
        const section = { id: newId(), slug: chosen, name: trimmed, position: sections.length }
        await tx.sections.insert(section)
        await showInMenus(tx, section.id)
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'section_created',
          subject: trimmed,
          details: `/${chosen}`,
        })
        return section
      })
      // Every page carries the section navigation.
      await changes.announce({ scope: 'site' })
      return result
    },

    /** Renames a section; its slug, and so every URL in it, stays. */
    async rename(actor: Actor, slug: string, name: string): Promise<Section> {
      authorize(actor, 'sections:manage')
      const trimmed = asWrittenLine(name).trim()
      assertSectionName(trimmed)
      const result = await stores.transaction(async (tx) => {
        const section = await tx.sections.findBySlug(slug)
        if (!section) throw new NotFoundError('section_not_found', `There is no section "${slug}".`)
        await tx.sections.rename(section.id, trimmed)
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'section_renamed',
          subject: section.name,
          details: `→ ${trimmed}`,
        })
        return { ...section, name: trimmed }
      })
      // Every page carries the section navigation.
      await changes.announce({ scope: 'site' })
      return result
    },

    /** Moves a section one place up or down the navigation. */
    async move(actor: Actor, slug: string, direction: Direction): Promise<Section[]> {
      authorize(actor, 'sections:manage')
      const result = await stores.transaction(async (tx) => {
        const sections = await tx.sections.list()
        const index = sections.findIndex((section) => section.slug === slug)
        if (index < 0) {
          throw new NotFoundError('section_not_found', `There is no section "${slug}".`)
        }
        const moving = sections[index]
        const moved = withItemMoved(sections, index, direction)
        if (!moving || moved[index] === moving) return sections
        // Positions are rewritten densely, which also repairs any gaps or ties.
        for (const [position, section] of moved.entries()) {
          if (section.position !== position) await tx.sections.setPosition(section.id, position)
        }
        await followSectionOrder(
          tx,
          moved.map((section) => section.id),
        )
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'sections_reordered',
          subject: moving.name,
          details: direction,
        })
        return moved.map((section, position) => ({ ...section, position }))
      })
      // Every page carries the section navigation.
      await changes.announce({ scope: 'site' })
      return result
    },

    /**
     * Deletes a section: its articles move to `intoSlug`, chosen at the time,
     * and its page and feeds redirect there. Both menus lose it.
     */
    async remove(actor: Actor, slug: string, intoSlug: string): Promise<{ moved: number }> {
      authorize(actor, 'sections:manage')
      if (slug === intoSlug) {
        throw new ValidationError(
          'same_section',
          'Choose another section to move its articles to: a section cannot be deleted into itself.',
          { field: 'into' },
        )
      }
      const result = await stores.transaction(async (tx) => {
        const [section, into] = await Promise.all([
          tx.sections.findBySlug(slug),
          tx.sections.findBySlug(intoSlug),
        ])
        if (!section) throw new NotFoundError('section_not_found', `There is no section "${slug}".`)
        if (!into) {
          throw new ValidationError(
            'section_not_found',
            'Choose the section its articles move to.',
            { field: 'into' },
          )
        }
        const moved = await tx.sections.moveArticles(section.id, into.id)
        await tx.menus.removeTarget('section', section.id)
        await tx.sections.remove(section.id)
        await saveRedirects(tx, clock, listingMoves(`/${section.slug}`, `/${into.slug}`), 'section')
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'section_deleted',
          subject: section.name,
          details: `${moved} articles moved to ${into.name}; /${section.slug} redirects to /${into.slug}`,
        })
        return { moved }
      })
      await changes.announce({ scope: 'site' })
      await changes.announce({ scope: 'redirects' })
      return result
    },
  }
}
