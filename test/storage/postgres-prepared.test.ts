// On PostgreSQL the statements compiledOnce keeps run as prepared statements:
// each connection parses and plans one once, and every call still reads by its
// own values, past the runs after which PostgreSQL keeps a generic plan. Built
// queries are never prepared. A table changed under a prepared `select *` (a
// migration run by another process) does not break the lookup. Off, nothing is
// prepared.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { loadConfig } from '../../src/config.js'
import { compiledOnce, VALUE } from '../../src/storage/compiled-once.js'
import { createDatabase } from '../../src/storage/database.js'
import type { Database } from '../../src/storage/schema.js'
import { createTestDatabase, testDialects } from '../helpers/dialects.js'

const nameBySlug = compiledOnce((db) =>
  db
    .selectFrom('sections')
    .select('name')
    .where('slug', '=', VALUE)
    .where('name', '!=', 'prepared'),
)
const wholeRowBySlug = compiledOnce((db) =>
  db.selectFrom('sections').selectAll().where('slug', '=', VALUE),
)

interface Prepared {
  name: string
  statement: string
  runs: number
}

/** The prepared statements of the connection `db` runs on (a pool of one). */
async function prepared(db: Kysely<Database>): Promise<Prepared[]> {
  const { rows } = await sql<Prepared>`
    select name, statement, generic_plans + custom_plans as runs from pg_prepared_statements
  `.execute(db)
  return rows.map((row) => ({ ...row, runs: Number(row.runs) }))
}

/** A migrated database with three sections, opened on one connection. */
async function openOneConnection(t: TestContext, preparedStatements?: boolean) {
  const database = await createTestDatabase('postgres', { migrated: true })
  t.after(() => database.drop())
  const handle = await createDatabase(database.url, { poolSize: 1, preparedStatements })
  t.after(() => handle.close())
  const at = new Date('2026-12-06T09:00:00Z').toISOString()
  await handle.db
    .insertInto('sections')
    .values(
      ['news', 'sport', 'arts'].map((slug, position) => ({
        id: `s-${slug}`,
        slug,
        name: slug.toUpperCase(),
        position,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute()
  return { handle, url: database.url }
}

const names = async (db: Kysely<Database>, slug: string) =>
  (await nameBySlug(db, 'postgres', slug)).map((row) => row.name)

test('DATABASE_PREPARED_STATEMENTS: on unless set false, and nothing else but a yes or a no', () => {
  assert.equal(loadConfig({}).databasePreparedStatements, true)
  assert.equal(
    loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements,
    false,
  )
  assert.equal(loadConfig({ DATABASE_PREPARED_STATEMENTS: '0' }).databasePreparedStatements, false)
  assert.throws(
    () => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'sometimes' }),
    /DATABASE_PREPARED_STATEMENTS/,
  )
})

if (testDialects().includes('postgres')) {
  describe('prepared statements on PostgreSQL', () => {
    test('a kept statement is prepared once and reads by each call’s value', async (t) => {
      const { handle } = await openOneConnection(t)
      // Past the five runs after which PostgreSQL may keep a generic plan.
      for (let round = 0; round < 4; round++) {
        assert.deepEqual(await names(handle.db, 'news'), ['NEWS'])
        assert.deepEqual(await names(handle.db, 'sport'), ['SPORT'])
        assert.deepEqual(await names(handle.db, 'none'), [])
      }
      // A built query with values: never prepared.
      const built = await handle.db
        .selectFrom('sections')
        .select('name')
        .where('slug', 'in', ['arts', 'none'])
        .execute()
      assert.deepEqual(built, [{ name: 'ARTS' }])

      const statements = await prepared(handle.db)
      const lookup = statements.filter((row) => row.statement.includes('"name" != $2'))
      assert.equal(lookup.length, 1, JSON.stringify(statements))
      assert.match(lookup[0]?.name ?? '', /^dateline_\d+$/)
      assert.equal(lookup[0]?.runs, 12, 'every call ran the one prepared statement')
      assert.ok(!statements.some((row) => row.statement.includes(' in (')), 'the built query')
    })

    test('a table changed under a prepared select * still answers, unprepared from then on', async (t) => {
      const { handle, url } = await openOneConnection(t)
      const rows = async (slug: string) => wholeRowBySlug(handle.db, 'postgres', slug)
      assert.equal((await rows('news'))[0]?.name, 'NEWS')
      assert.equal((await rows('sport'))[0]?.name, 'SPORT')
      const before = (await prepared(handle.db)).find((row) => row.statement.includes('select *'))
      assert.equal(before?.runs, 2)

      // A migration in another process adds a column.
      const other = await createDatabase(url, { poolSize: 1 })
      await sql`alter table sections add column tagline text not null default 'fresh'`.execute(
        other.db,
      )
      await other.close()

      const [news] = await rows('news')
      assert.equal(news?.name, 'NEWS')
      assert.equal((news as Record<string, unknown> | undefined)?.tagline, 'fresh')
      assert.equal((await rows('arts'))[0]?.name, 'ARTS')
      const after = (await prepared(handle.db)).find((row) => row.name === before?.name)
      assert.equal(after?.runs, before?.runs, 'the refused statement is not run again')
    })

    test('off, nothing is prepared', async (t) => {
      const { handle } = await openOneConnection(t, false)
      for (let round = 0; round < 3; round++) {
        assert.deepEqual(await names(handle.db, 'news'), ['NEWS'])
      }
      assert.deepEqual(await prepared(handle.db), [])
    })
  })
}
