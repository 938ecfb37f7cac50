import type { Kysely } from 'kysely'
import type { MenuEntry, MenuItemKind, MenuName } from '../domain/menus/menu.js'
import type { MenuStore } from '../domain/menus/menu-store.js'
import type { Database } from './schema.js'

export function createMenuStore(db: Kysely<Database>): MenuStore {
  return {
    async list() {
      const rows = await db
        .selectFrom('menu_items as m')
        .leftJoin('sections as s', (join) =>
          join.onRef('s.id', '=', 'm.target').on('m.kind', '=', 'section'),
        )
        .leftJoin('pages as p', (join) =>
          join.onRef('p.id', '=', 'm.target').on('m.kind', '=', 'page'),
        )
        .select([
          'm.id',
          'm.menu',
          'm.position',
          'm.kind',
          'm.target',
          'm.label',
          's.slug as section_slug',
          's.name as section_name',
          'p.slug as page_slug',
          'p.title as page_title',
          'p.published as page_published',
        ])
        .orderBy('m.menu')
        .orderBy('m.position')
        .orderBy('m.id')
        .execute()
      return rows.map((row): MenuEntry => ({
        id: row.id,
        menu: row.menu as MenuName,
        position: row.position,
        kind: row.kind as MenuItemKind,
        target: row.target,
        label: row.label,
        slug: row.section_slug ?? row.page_slug ?? undefined,
        name: row.section_name ?? row.page_title ?? undefined,
        ...(row.kind === 'page' && { published: row.page_published === 1 }),
      }))
    },

    async insert(item) {
      await db.insertInto('menu_items').values(item).execute()
    },

    async remove(id) {
      const result = await db.deleteFrom('menu_items').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    async setPosition(id, position) {
      await db.updateTable('menu_items').set({ position }).where('id', '=', id).execute()
    },

    async removeTarget(kind, target) {
      await db
        .deleteFrom('menu_items')
        .where('kind', '=', kind)
        .where('target', '=', target)
        .execute()
    },
  }
}
