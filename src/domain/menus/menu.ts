import { asWrittenLine } from '../../text/control-characters.js'
import { checkLinkUrl } from '../../text/rich-text/link-url.js'
import { ValidationError } from '../errors.js'

/** The main navigation under the masthead, and the footer's links. */
export type MenuName = 'main' | 'footer'
export const MENUS: readonly MenuName[] = ['main', 'footer']

/** A section or page (by id, so a rename shows at once), or a link typed by an editor. */
export type MenuItemKind = 'section' | 'page' | 'link'

export interface MenuItem {
  id: string
  menu: MenuName
  position: number
  kind: MenuItemKind
  /** The section's or page's id, or the link's address. */
  target: string
  /** The link's words; '' for a section's or page's own name. */
  label: string
}

/** A menu item with what it points at, as the store reads it. */
export interface MenuEntry extends MenuItem {
  /** The section's or page's slug; undefined for a link, or a page not published. */
  slug?: string
  /** The section's name or page's title. */
  name?: string
  /** For a page: whether readers can see it. */
  published?: boolean
}

/** What a page shows: the words and where they go. */
export interface MenuLink {
  label: string
  href: string
  /** The section's slug, marked as current on its own pages. */
  section?: string
}

export interface Navigation {
  main: MenuLink[]
  footer: MenuLink[]
}

export const MENU_LIMITS = { label: 60, items: 30, address: 500 }

export function isMenuName(value: string): value is MenuName {
  return (MENUS as readonly string[]).includes(value)
}

export function isMenuItemKind(value: string): value is MenuItemKind {
  return value === 'section' || value === 'page' || value === 'link'
}

/** A link's words, checked. */
export function menuLabelOf(typed: string): string {
  const label = asWrittenLine(typed).trim()
  if (label === '' || label.length > MENU_LIMITS.label) {
    throw new ValidationError(
      'invalid_menu_label',
      `A link's words are 1–${MENU_LIMITS.label} characters.`,
      {
        field: 'label',
      },
    )
  }
  return label
}

/**
 * A link's address: a path on this site (/contact) or a web or email address.
 * Anything else (javascript:, data:) is refused, as in the article editor.
 */
export function menuAddressOf(typed: string): string {
  const value = typed.trim()
  if (value.length > MENU_LIMITS.address) {
    throw new ValidationError(
      'invalid_menu_link',
      `An address has at most ${MENU_LIMITS.address} characters.`,
      {
        field: 'url',
      },
    )
  }
  if (/^\/(?![/\\])[^\s<>"]*$/.test(value)) return value
  const check = checkLinkUrl(value)
  if (!check.ok) throw new ValidationError('invalid_menu_link', check.message, { field: 'url' })
  return check.href
}

const pagePath = (slug: string) => `/pages/${slug}`

/** The links readers see: sections, published pages and links, in order. */
export function linksOf(entries: readonly MenuEntry[]): MenuLink[] {
  return entries.flatMap((entry): MenuLink[] => {
    if (entry.kind === 'link') return [{ label: entry.label, href: entry.target }]
    if (entry.slug === undefined || entry.name === undefined) return []
    const label = entry.label || entry.name
    if (entry.kind === 'section') return [{ label, href: `/${entry.slug}`, section: entry.slug }]
    return entry.published ? [{ label, href: pagePath(entry.slug) }] : []
  })
}
