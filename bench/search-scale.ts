// `node --import tsx bench/search-scale.ts --size=100000 [--dir=/tmp/dateline-search-scale]
// [--postgres=postgres://…] [--ranked=N]`: search alone at a size the growth bench takes hours to import.
// The search table is filled with SQL (made-up text from the corpus's words, oldest first; no
// article rows, so foreign keys are off while it fills), once per size and database: a SQLite
// file in DIR is reused, a PostgreSQL database named after the size is reused. Then the search
// database's part of a search page (storage/search-dialect.ts) is timed in this process, one query at a time: a common word, a number in one
// headline, a two-word phrase, and the common word's page 2 and 50.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { parseSearchQuery } from '../src/domain/search/search-query.js'
import { SEARCH_PER_PAGE } from '../src/domain/search/search-service.js'
import { RANKED_MATCHES } from '../src/domain/search/search-store.js'
import { createDatabase } from '../src/storage/database.js'
import { toDbTime, type DialectName } from '../src/storage/dialect.js'
import { migrateToLatest } from '../src/storage/migrate.js'
import type { ArticleSearchTable, Database } from '../src/storage/schema.js'
import { searchDialect } from '../src/storage/search-dialect.js'
import { random, vocabulary } from './corpus.js'

function option(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
}

const size = Number(option('size') ?? 100_000)
const dir = option('dir') ?? '/tmp/dateline-search-scale'
const postgres = option('postgres')
const ranked = Number(option('ranked') ?? RANKED_MATCHES)

/** Text for `count` rows, oldest first, three years up to a fixed end. */
function* documents(count: number): Generator<ArticleSearchTable> {
  const next = random(7)
  const words = vocabulary()
  const pick = () => words[Math.floor(next() * words.length)]!
  const text = (length: number) => Array.from({ length }, pick).join(' ')
  const end = Date.UTC(2026, 11, 1)
  const span = 3 * 365 * 86_400_000
  for (let i = 0; i < count; i++) {
    const headline = `${text(6 + Math.floor(next() * 6))} ${i}`
    yield {
      article_id: `scale-${String(i).padStart(8, '0')}`,
      published_at: toDbTime(new Date(end - span + Math.floor((span * i) / count))),
      headline_key: headline.toLowerCase(),
      headline,
      standfirst: text(20),
      bylines: 'Ana Lind',
      tags: text(2),
      body: text(150 + Math.floor(next() * 100)),
    }
  }
}

/**
 * PostgreSQL's search indexes, dropped while the table fills and made again
 * after: kept up row by row, the word-pair index alone took the fill past two
 * hours at a million rows.
 */
async function withoutIndexes(db: Kysely<Database>, fillTable: () => Promise<void>): Promise<void> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select indexname as name, indexdef as definition from pg_indexes
    where tablename = 'article_search' and indexname <> 'article_search_pkey'`.execute(db)
  for (const { name } of rows) await sql`drop index ${sql.id(name)}`.execute(db)
  await fillTable()
  const started = performance.now()
  await db.connection().execute(async (connection) => {
    await sql`set maintenance_work_mem = '1GB'`.execute(connection)
    for (const { definition } of rows) await sql.raw(definition).execute(connection)
  })
  // After the indexes: the statistics of an expression index (the word pairs) are taken with the table's.
  await sql`analyze article_search`.execute(db)
  console.log(`indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

async function fill(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') return withoutIndexes(db, () => fillRows(db, dialect))
  return fillRows(db, dialect)
}

async function fillRows(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  const started = performance.now()
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`set local session_replication_role = replica`.execute(trx)
    let rows: ArticleSearchTable[] = []
    for (const row of documents(size)) {
      rows.push(row)
      if (rows.length === 100) {
        await trx.insertInto('article_search').values(rows).execute()
        rows = []
      }
    }
    if (rows.length > 0) await trx.insertInto('article_search').values(rows).execute()
  })
  console.log(`filled ${size} rows in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

async function open(): Promise<{
  db: Kysely<Database>
  dialect: DialectName
  close(): Promise<void>
}> {
  if (postgres) {
    const name = `search_scale_${size}`
    const admin = new pg.Client({ connectionString: postgres })
    await admin.connect()
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name])
    if (exists.rowCount === 0) await admin.query(`create database ${name}`)
    await admin.end()
    const url = new URL(postgres)
    url.pathname = `/${name}`
    const handle = await createDatabase(url.toString())
    await migrateToLatest(handle.db, 'postgres')
    const { rows } = await sql<{ n: string }>`select count(*) as n from article_search`.execute(
      handle.db,
    )
    if (Number(rows[0]?.n) === 0) await fill(handle.db, 'postgres')
    return { db: handle.db, dialect: 'postgres', close: () => handle.close() }
  }
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `search-${size}.db`)
  const fresh = !existsSync(file)
  const handle = await createDatabase(`file:${file}`)
  await migrateToLatest(handle.db, 'sqlite')
  if (fresh) {
    await sql`pragma foreign_keys = off`.execute(handle.db)
    await fill(handle.db, 'sqlite')
  }
  return { db: handle.db, dialect: 'sqlite', close: () => handle.close() }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

const opened = await open()
const { db, dialect } = opened
const engine = searchDialect(dialect)
/** What a search page asks of the database: the matches, then one page's marked text. */
async function search(text: string, page: number): Promise<number> {
  const parsed = parseSearchQuery(text)
  if (!parsed.ok) throw new Error(text)
  const matches = await engine.matches(db, parsed.query, ranked)
  const window = { limit: SEARCH_PER_PAGE, offset: (page - 1) * SEARCH_PER_PAGE }
  if ((await matches.page(window)).length === 0) throw new Error(`${text}: no page ${page}`)
  return matches.total
}
const phrase = `"${[...documents(1)][0]!.headline.split(' ').slice(1, 3).join(' ')}"`
const queries: [string, string, number][] = [
  ['common', 'council', 1],
  ['common p2', 'council', 2],
  ['common p50', 'council', 50],
  ['rare', String(Math.floor(size / 2) + 3), 1],
  ['phrase', phrase, 1],
]
console.log(`search at ${size} articles on ${dialect}`)
for (const [label, text, page] of queries) {
  const times: number[] = []
  let total = 0
  for (let run = 0; run < 120; run++) {
    const started = performance.now()
    total = await search(text, page)
    if (run >= 20) times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  console.log(
    `${label.padEnd(11)} ${text.padEnd(24)} total ${String(total).padStart(7)}  p50 ${percentile(times, 50).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms`,
  )
}
await opened.close()
