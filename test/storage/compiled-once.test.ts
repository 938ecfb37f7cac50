// A lookup compiled once runs with each call's value, on the database or the
// transaction it is given, on both dialects.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compiledOnce, VALUE } from '../../src/storage/compiled-once.js'
import { openTestDatabase, testDialects } from '../helpers/dialects.js'

const sectionBySlug = compiledOnce((db) =>
  db
    .selectFrom('sections')
    .select(['slug', 'name'])
    .where('slug', '=', VALUE)
    // A parameter of the statement's own, left as it is.
    .where('name', '!=', 'never a name'),
)

for (const dialect of testDialects()) {
  describe(`a lookup compiled once (${dialect})`, () => {
    test('each call reads by its own value, in a transaction too', async (t) => {
      const handle = await openTestDatabase(t, dialect)
      const now = new Date('2026-11-20T09:00:00Z').toISOString()
      const section = (slug: string, name: string) => ({
        id: `s-${slug}`,
        slug,
        name,
        position: 0,
        created_at: now,
        updated_at: now,
      })
      await handle.db
        .insertInto('sections')
        .values([section('news', 'News'), section('sport', 'Sport')])
        .execute()

      const names = async (db: typeof handle.db, slug: string) =>
        (await sectionBySlug(db, dialect, slug)).map((row) => row.name)
      assert.deepEqual(await names(handle.db, 'news'), ['News'])
      assert.deepEqual(await names(handle.db, 'sport'), ['Sport'])
      assert.deepEqual(await names(handle.db, 'never a name'), [])
      assert.deepEqual(await names(handle.db, VALUE), [])
      await handle.db.transaction().execute(async (trx) => {
        await trx.insertInto('sections').values(section('arts', 'Arts')).execute()
        assert.deepEqual(await names(trx, 'arts'), ['Arts'], 'the transaction sees its own row')
      })
    })
  })
}
