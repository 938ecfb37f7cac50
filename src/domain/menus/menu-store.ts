import type { MenuEntry, MenuItem, MenuItemKind } from './menu.js'

export interface MenuStore {
  /** Every item of every menu in order, with the name and slug of what it points at. */
  list(): Promise<MenuEntry[]>
  insert(item: MenuItem): Promise<void>
  remove(id: string): Promise<boolean>
  setPosition(id: string, position: number): Promise<void>
  /** Takes a section or page out of every menu (it is being deleted). */
  removeTarget(kind: MenuItemKind, target: string): Promise<void>
}
