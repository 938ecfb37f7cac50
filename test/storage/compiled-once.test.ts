// A lookup compiled once runs with each call's value, on the database or the
// transaction it is given, on both dialects.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compiledOnce, compiledOnceWith, VALUE } from '../../src/storage/compiled-once.js'
import { openTestDatabase, testDialects } from '../helpers/dialects.js'

const sectionBySlug = compiledOnce((db) =>
  db
    .selectFrom('sections')
    .select(['slug', 'name'])
    .where('slug', '=', VALUE)
    // A parameter of the statement's own, left as it is.
    .where('name', '!=', 'never a name'),
)

interface SectionValues {
  id: string
  slug: string
  name: string
  position: number
  at: string
}

/** Several named values, one of them in two places. */
const insertSection = compiledOnceWith<SectionValues, { id: string }>((db, _dialect, slots) =>
  db
    .insertInto('sections')
    .values({
      id: slots.id,
      slug: slots.slug,
      name: slots.name,
      position: slots.position,
      created_at: slots.at,
      updated_at: slots.at,
    })
    .returning('id'),
)

const sectionsNamed = compiledOnceWith<{ name: string | null }, { slug: string }>(
  (db, _dialect, slots) =>
    db
      .selectFrom('sections')
      .select('slug')
      .where('name', '=', slots.name)
      // A parameter of the statement's own, left as it is.
      .where('slug', '!=', 'never a slug')
      .orderBy('slug'),
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

    test('named values each go to their own places, on every call', async (t) => {
      const handle = await openTestDatabase(t, dialect)
      const at = new Date('2026-11-20T09:00:00Z').toISOString()
      for (const [index, slug] of ['news', 'sport', 'arts'].entries()) {
        const rows = await insertSection(handle.db, dialect, {
          id: `s-${slug}`,
          slug,
          name: slug === 'arts' ? 'Arts' : 'Desk',
          position: index * 10,
          at,
        })
        assert.deepEqual(rows, [{ id: `s-${slug}` }])
      }
      const stored = await handle.db
        .selectFrom('sections')
        .select(['slug', 'name', 'position', 'created_at', 'updated_at'])
        .orderBy('position')
        .execute()
      assert.deepEqual(
        stored.map((row) => [row.slug, row.name, Number(row.position)]),
        [
          ['news', 'Desk', 0],
          ['sport', 'Desk', 10],
          ['arts', 'Arts', 20],
        ],
      )
      assert.ok(stored.every((row) => String(row.created_at) === String(row.updated_at)))
      const slugs = async (name: string | null) =>
        (await sectionsNamed(handle.db, dialect, { name })).map((row) => row.slug)
      assert.deepEqual(await slugs('Desk'), ['news', 'sport'])
      assert.deepEqual(await slugs('Arts'), ['arts'])
      assert.deepEqual(await slugs(null), [], 'a null value matches nothing, as = null does')
    })
  })
}
