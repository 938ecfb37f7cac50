// A row's short lists (bylines, tags, images, corrections) come back from one
// statement as JSON, each row with its order values: read back in that
// order, on both databases, by the same comparison the database would use.
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { describe, test } from 'node:test'
import { jsonRows, jsonRowsOf } from '../../src/storage/dialect.js'
import { openTestDatabase, testDialects } from '../helpers/dialects.js'

for (const dialect of testDialects()) {
  describe(`JSON lists of rows (${dialect})`, () => {
    test('come back in the order of their keys, without them', async (t) => {
      const handle = await openTestDatabase(t, dialect)
      const at = '2026-11-20T09:00:00.000Z'
      const section = (id: string, slug: string, position: number) => ({
        id,
        slug,
        name: slug.toUpperCase(),
        position,
        created_at: at,
        updated_at: at,
      })
      // Inserted out of order; 'b' and 'c' share a position, so the id decides between them.
      await handle.db
        .insertInto('sections')
        .values([
          section('id-c', 'sport', 2),
          section('id-a', 'news', 3),
          section('id-b', 'arts', 2),
          section('id-d', 'ideas', 1),
        ])
        .execute()
      const row = await handle.db
        .selectFrom('sections as s')
        .select(
          jsonRowsOf(dialect, [sql.ref('s.slug')], [sql.ref('s.position'), sql.ref('s.id')]).as(
            'list',
          ),
        )
        .executeTakeFirstOrThrow()
      assert.deepEqual(jsonRows(dialect, row.list), [['ideas'], ['arts'], ['sport'], ['news']])
      const none = await handle.db
        .selectFrom('sections as s')
        .where('s.id', '=', 'no-such-id')
        .select(jsonRowsOf(dialect, [sql.ref('s.slug')], [sql.ref('s.position')]).as('list'))
        .executeTakeFirstOrThrow()
      assert.deepEqual(jsonRows(dialect, none.list), [])
    })
  })
}
