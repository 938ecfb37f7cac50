import type { Kysely } from 'kysely'

// Frozen in time: this file never imports the app's schema or code.
// An article page's related coverage box is rendered from its kept list and
// kept beside it, so a first read of an old article reads the box with its
// story instead of the list, the listed stories' summaries and five cards.
//
// A kept box is used only while it is still true, as the database says:
// - rendered from the list as it stands (a list saved anew clears its box, and
//   a box is written only where the list is still the one it was rendered from);
// - at the site's generation as it stands (sections, authors, settings);
// - at the listed stories' generations as they stand, kept as their
//   `id:generation` pairs in id order: any write to what a card shows (a
//   headline, a picture, an unpublish or a deletion) moves one of them;
// - by the renderer of the reader's server (`box_stamp`: the code, the settings).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  for (const [column, type] of [
    ['box_stamp', 'text'],
    ['box_site_generation', 'integer'],
    ['box_listed', 'text'],
    ['box_ids', 'text'],
    ['box_html', 'text'],
  ] as const) {
    await db.schema.alterTable('related_lists').addColumn(column, type).execute()
  }
}
