import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import { withItemMoved, type Direction } from '../ordering.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import {
  linksOf,
  menuAddressOf,
  menuLabelOf,
  MENU_LIMITS,
  type MenuEntry,
  type MenuItemKind,
  type MenuName,
  type Navigation,
} from './menu.js'

export type MenuService = ReturnType<typeof createMenuService>

/** What an editor adds: a section by slug, a page by id, or a link's words and address. */
export interface MenuAddition {
  menu: MenuName
  kind: MenuItemKind
  /** The section's slug or the page's id; for a link, its address. */
  target: string
  label: string
}

const MENU_WORDS: Record<MenuName, string> = { main: 'Navigation', footer: 'Footer' }

export async function menuLength(tx: Stores, menu: MenuName): Promise<number> {
  return (await tx.menus.list()).filter((entry) => entry.menu === menu).length
}

/** Appends an item at the end of a menu, in the caller's transaction. */
export async function appendToMenu(
  tx: Stores,
  newId: IdGenerator,
  item: { menu: MenuName; kind: MenuItemKind; target: string; label: string },
): Promise<void> {
  const count = await menuLength(tx, item.menu)
  if (count >= MENU_LIMITS.items) {
    throw new ValidationError('menu_full', `A menu holds at most ${MENU_LIMITS.items} links.`)
  }
  await tx.menus.insert({ id: newId(), position: count, ...item })
}

/**
 * Puts the section links of every menu in the sections' new order, in the
 * places section links already hold (pages and links stay where they are):
 * reordering sections in the newsroom reorders the navigation readers see.
 */
export async function followSectionOrder(tx: Stores, sectionIds: readonly string[]): Promise<void> {
  const rank = new Map(sectionIds.map((id, index) => [id, index]))
  const entries = await tx.menus.list()
  for (const menu of new Set(entries.map((entry) => entry.menu))) {
    const slots = entries.filter((entry) => entry.menu === menu && entry.kind === 'section')
    const ordered = [...slots].sort(
      (a, b) => (rank.get(a.target) ?? Infinity) - (rank.get(b.target) ?? Infinity),
    )
    for (const [index, entry] of ordered.entries()) {
      const position = slots[index]?.position
      if (position !== undefined && entry.position !== position) {
        await tx.menus.setPosition(entry.id, position)
      }
    }
  }
}

export function createMenuService({
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
  const audited = { clock, newId }

  /** Resolves what an editor chose into the item's target and label. */
  async function resolve(
    tx: Stores,
    addition: MenuAddition,
  ): Promise<{ target: string; label: string; subject: string }> {
    if (addition.kind === 'link') {
      const label = menuLabelOf(addition.label)
      return { target: menuAddressOf(addition.target), label, subject: label }
    }
    const label = addition.label.trim() === '' ? '' : menuLabelOf(addition.label)
    if (addition.kind === 'section') {
      const section = await tx.sections.findBySlug(addition.target)
      if (!section) {
        throw new ValidationError('section_not_found', 'Choose a section.', { field: 'target' })
      }
      return { target: section.id, label, subject: section.name }
    }
    const page = await tx.pages.findById(addition.target)
    if (!page) throw new ValidationError('page_not_found', 'Choose a page.', { field: 'target' })
    return { target: page.id, label, subject: page.title }
  }

  async function changed(
    actor: Actor,
    menu: MenuName,
    details: string,
    work: (tx: Stores) => Promise<string>,
  ) {
    await stores.transaction(async (tx) => {
      const subject = await work(tx)
      await recordAudit(tx.audit, audited, {
        actor,
        action: 'menu_changed',
        subject: `${MENU_WORDS[menu]}: ${subject}`,
        details,
      })
    })
    // Every page carries both menus.
    await changes.announce({ scope: 'site' })
  }

  async function itemOf(tx: Stores, id: string): Promise<MenuEntry> {
    const item = (await tx.menus.list()).find((entry) => entry.id === id)
    if (!item) {
      throw new NotFoundError('menu_item_not_found', 'That link is not in the menu any more.')
    }
    return item
  }

  return {
    /** The menus as readers see them. */
    async navigation(): Promise<Navigation> {
      const entries = await stores.menus.list()
      return {
        main: linksOf(entries.filter((entry) => entry.menu === 'main')),
        footer: linksOf(entries.filter((entry) => entry.menu === 'footer')),
      }
    },

    /** Both menus' items, for the newsroom. */
    async entries(actor: Actor): Promise<MenuEntry[]> {
      authorize(actor, 'menus:manage')
      return stores.menus.list()
    },

    async add(actor: Actor, addition: MenuAddition): Promise<void> {
      authorize(actor, 'menus:manage')
      await changed(actor, addition.menu, `added ${addition.kind}`, async (tx) => {
        const { target, label, subject } = await resolve(tx, addition)
        await appendToMenu(tx, newId, { menu: addition.menu, kind: addition.kind, target, label })
        return subject
      })
    },

    async remove(actor: Actor, id: string): Promise<void> {
      authorize(actor, 'menus:manage')
      const item = await itemOf(stores, id)
      await changed(actor, item.menu, 'removed', async (tx) => {
        if (!(await tx.menus.remove(id))) {
          throw new NotFoundError('menu_item_not_found', 'That link is not in the menu any more.')
        }
        return item.label || item.name || item.target
      })
    },

    /**
     * Hides a section: its links leave both menus, its pages and feeds stay
     * (the newsroom's "to only hide it, take it out of the navigation").
     */
    async hideSection(actor: Actor, slug: string): Promise<{ removed: number }> {
      authorize(actor, 'menus:manage')
      const removed = await stores.transaction(async (tx) => {
        const section = await tx.sections.findBySlug(slug)
        if (!section) throw new NotFoundError('section_not_found', `There is no section "${slug}".`)
        const links = (await tx.menus.list()).filter(
          (entry) => entry.kind === 'section' && entry.target === section.id,
        )
        for (const link of links) await tx.menus.remove(link.id)
        if (links.length > 0) {
          await recordAudit(tx.audit, audited, {
            actor,
            action: 'menu_changed',
            subject: section.name,
            details: 'section hidden from the navigation',
          })
        }
        return links.length
      })
      if (removed > 0) await changes.announce({ scope: 'site' })
      return { removed }
    },

    /** One place up or down its menu. */
    async move(actor: Actor, id: string, direction: Direction): Promise<void> {
      authorize(actor, 'menus:manage')
      const item = await itemOf(stores, id)
      await changed(actor, item.menu, `moved ${direction}`, async (tx) => {
        const items = (await tx.menus.list()).filter((entry) => entry.menu === item.menu)
        const moved = withItemMoved(
          items,
          items.findIndex((entry) => entry.id === id),
          direction,
        )
        // Positions are rewritten densely, which also repairs any gaps or ties.
        for (const [position, entry] of moved.entries()) {
          if (entry.position !== position) await tx.menus.setPosition(entry.id, position)
        }
        return item.label || item.name || item.target
      })
    },
  }
}
