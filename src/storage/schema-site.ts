// The site's structure: pages with their revisions, and the editable menus.
import type { Time } from './schema-columns.js'

export interface PageTable {
  id: string
  slug: string
  title: string
  description: string
  body: string
  /** 1 or 0: SQLite has no boolean. */
  published: number
  version: number
  created_by: string | null
  created_at: Time
  updated_at: Time
}

export interface PageRevisionTable {
  id: string
  page_id: string
  version: number
  created_at: Time
  created_by: string | null
  created_by_name: string
  /** JSON: the domain's PageFields. */
  fields: string
}

export interface MenuItemTable {
  id: string
  /** One of the domain's MenuName values. */
  menu: string
  position: number
  /** One of the domain's MenuItemKind values. */
  kind: string
  /** A section's or page's id, or a link's address. */
  target: string
  label: string
}
