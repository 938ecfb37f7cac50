import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// The site's structure: pages (About, Contact…) with their revisions, the
// editable menus (main navigation and footer), and authors' links.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'
  await db.schema
    .createTable('pages')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('body', 'text', (col) => col.notNull())
    // 1 when readers may see it; 0 for a page still being written.
    .addColumn('published', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('updated_at', time, (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('page_revisions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('page_id', 'text', (col) => col.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_at', time, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_by_name', 'text', (col) => col.notNull())
    // JSON: the page's title, description, body and published flag at this version.
    .addColumn('fields', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('page_revisions_page_version')
    .on('page_revisions')
    .columns(['page_id', 'version'])
    .unique()
    .execute()

  await db.schema
    .createTable('menu_items')
    .addColumn('id', 'text', (col) => col.primaryKey())
    // 'main' (the navigation under the masthead) or 'footer'.
    .addColumn('menu', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    // 'section', 'page' or 'link'; target is the section's or page's id, or the link's address.
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('target', 'text', (col) => col.notNull())
    // '' for a section's or page's own name.
    .addColumn('label', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('menu_items_menu_position')
    .on('menu_items')
    .columns(['menu', 'position'])
    .execute()
  await db.schema.createIndex('menu_items_target').on('menu_items').column('target').execute()

  // Both menus showed every section before they could be edited: they still do.
  const sections = await db
    .selectFrom('sections')
    .select(['id', 'position', 'name'])
    .orderBy('position')
    .orderBy('name')
    .execute()
  const rows = ['main', 'footer'].flatMap((menu) =>
    sections.map((section: { id: string }, position: number) => ({
      id: `${menu}-${section.id}`,
      menu,
      position,
      kind: 'section',
      target: section.id,
      label: '',
    })),
  )
  if (rows.length > 0) await db.insertInto('menu_items').values(rows).execute()

  // JSON array of { label, url }: an author's own site, social profiles…
  await db.schema
    .alterTable('authors')
    .addColumn('links', 'text', (col) => col.notNull().defaultTo('[]'))
    .execute()
}
