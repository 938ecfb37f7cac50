import assert from 'node:assert/strict'
import { test } from 'node:test'
import pg from 'pg'
import { loadConfig } from '../../src/config.js'
import { createContext, type AppContext } from '../../src/context.js'
import type { ContentChange } from '../../src/domain/changes.js'
import { createTestClock, promptTimers, TEST_SETTINGS } from '../helpers/context.js'
import { createTestDatabase } from '../helpers/dialects.js'
import { eventually } from '../helpers/eventually.js'

// Each test has a PostgreSQL database of its own, so this is the one place where two Dateline
// sites share one, each in its own schema (DATABASE_URL's search_path).
test(
  'PostgreSQL: two sites in two schemas of one database keep their tables, migrations and changes apart',
  { skip: process.env.TEST_POSTGRES_URL ? false : 'needs TEST_POSTGRES_URL' },
  async (t) => {
    const database = await createTestDatabase('postgres')
    const admin = new pg.Client({ connectionString: database.url })
    await admin.connect()
    const opened: AppContext[] = []
    t.after(async () => {
      for (const ctx of opened) await ctx.close()
      await admin.end()
      await database.drop()
    })
    await admin.query('create schema harbour; create schema valley')

    const clock = createTestClock()
    const open = async (schema: string) => {
      const url = new URL(database.url)
      url.searchParams.set('options', `-c search_path=${schema}`)
      const config = loadConfig({
        DATABASE_URL: url.toString(),
        SECRET_KEY: database.secretKey,
        SITE_URL: 'https://news.example',
        ...TEST_SETTINGS,
      })
      const ctx = await createContext(config, { clock, timers: promptTimers })
      opened.push(ctx)
      const heard: ContentChange[] = []
      ctx.changes.subscribe((change) => void heard.push(change))
      return { ctx, heard }
    }
    const harbour = await open('harbour')
    const harbourAgain = await open('harbour')
    const valley = await open('valley')
    const valleyAgain = await open('valley')

    const { rows } = await admin.query<{ schema: string; tables: string }>(
      `select table_schema as schema, count(*) as tables from information_schema.tables
        where table_schema in ('public', 'harbour', 'valley') group by table_schema order by 1`,
    )
    assert.deepEqual(
      rows.map((row) => row.schema),
      ['harbour', 'valley'],
      'every table, the migrator’s own included, is in its site’s schema',
    )
    assert.equal(rows[0]?.tables, rows[1]?.tables)

    await harbour.ctx.services.sections.ensureDefaults()
    assert.ok((await harbour.ctx.stores.sections.list()).length > 0)
    assert.deepEqual(await valley.ctx.stores.sections.list(), [], 'valley has no sections yet')

    await harbour.ctx.changes.announce({ scope: 'site' })
    assert.ok(
      await eventually(async () => harbourAgain.heard.length > 0),
      'the other harbour process hears it',
    )
    // An import's list of articles is heard here only: past 8,000 bytes a NOTIFY fails.
    const articles = Array.from(
      { length: 400 },
      (_, i) => `01a1f831-dda0-71a6-9258-${String(i).padStart(12, '0')}`,
    )
    await harbour.ctx.changes.announce({ scope: 'site', articles })
    assert.deepEqual(harbour.heard.at(-1), { scope: 'site', articles })
    assert.ok(
      await eventually(async () => harbourAgain.heard.length > 1),
      'the other harbour process hears the import',
    )
    assert.deepEqual(harbourAgain.heard.at(-1), { scope: 'site' })
    // PostgreSQL hands each listener the notifications in commit order: once valley has
    // heard its own, later one, it has read past harbour's.
    await valleyAgain.ctx.changes.announce({ scope: 'comments', articleId: 'x' })
    assert.ok(await eventually(async () => valley.heard.length > 0), 'valley hears valley')
    assert.deepEqual(valley.heard, [{ scope: 'comments', articleId: 'x' }])
  },
)
