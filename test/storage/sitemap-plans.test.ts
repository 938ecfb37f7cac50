// Sitemaps ask when every published article last changed. On SQLite an
// article's updated_at lies after its body in the row, so a read that touches
// the row reads the body too: every sitemap read must be answered from an index
// alone (a covering index), never the articles table. On PostgreSQL (told not to
// scan sequentially, so the plan shows whether an index can serve) none reads
// the table whole. The newest change per author and per tag is a search of the
// byline or tag index for each one, never a walk over every byline or tag row:
// that walk is what grew with the archive.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { createTestContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'

interface Statement {
  sql: string
  parameters: readonly unknown[]
}

async function planOf(dialect: DialectName, url: string, statement: Statement): Promise<string[]> {
  if (dialect === 'sqlite') {
    const connection = new SQLite(url.replace(/^(?:file|sqlite):/, ''), { readonly: true })
    try {
      const rows = connection
        .prepare(`explain query plan ${statement.sql}`)
        .all(...(statement.parameters as unknown[])) as { detail: string }[]
      return rows.map((row) => row.detail)
    } finally {
      connection.close()
    }
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('set enable_seqscan = off')
    const result = await client.query<{ 'QUERY PLAN': string }>(
      `explain ${statement.sql}`,
      statement.parameters as unknown[],
    )
    return result.rows.map((row) => row['QUERY PLAN'])
  } finally {
    await client.end()
  }
}

/** The plan lines that read the articles table itself (by name or alias). */
function articleRowReads(dialect: DialectName, { sql }: Statement, plan: string[]): string[] {
  if (dialect === 'postgres') return plan.filter((line) => /Seq Scan on articles\b/.test(line))
  const aliases = new Set(['articles'])
  for (const match of sql.matchAll(/"articles" as "(\w+)"/g)) if (match[1]) aliases.add(match[1])
  return plan.filter((line) => {
    const table = /^(?:SCAN|SEARCH) (\w+)/.exec(line)?.[1] ?? ''
    return aliases.has(table) && !/USING COVERING INDEX /.test(line)
  })
}

/** Bylines and tags: the tables, their aliases in the sitemap reads, and the index each must use. */
const RELATION_TABLES = [
  { table: 'article_authors', alias: 'aa', index: 'article_authors_published_updated' },
  { table: 'article_tags', alias: 'at', index: 'article_tags_published_updated' },
]

/**
 * What is wrong with a plan's reads of bylines or tags: a scan of a whole
 * table or index (SQLite SCAN, PostgreSQL Seq Scan or a scan with no Index
 * Cond), or not using the index kept for the sitemaps.
 */
function relationProblems(dialect: DialectName, { sql }: Statement, plan: string[]): string[] {
  const problems: string[] = []
  for (const { table, alias, index } of RELATION_TABLES) {
    if (!sql.includes(`"${table}"`)) continue
    if (!plan.some((line) => line.includes(index))) problems.push(`${table}: not by ${index}`)
    plan.forEach((line, at) => {
      const scan =
        dialect === 'sqlite'
          ? new RegExp(`^SCAN (?:${alias}|${table})\\b`).test(line)
          : new RegExp(`Seq Scan on ${table}\\b`).test(line) ||
            (new RegExp(`Scan.* on ${table}\\b`).test(line) &&
              !/Index Cond/.test(plan[at + 1] ?? ''))
      if (scan) problems.push(`${table}: ${line.trim()}`)
    })
  }
  return problems
}

for (const dialect of testDialects()) {
  describe(`sitemap reads (${dialect})`, () => {
    test('the sitemap index and files read articles from indexes alone', async (t) => {
      let captured: Statement[] | undefined
      const ctx = await createTestContext(
        t,
        dialect,
        {},
        { onQuery: (sql, parameters) => captured?.push({ sql, parameters }) },
      )
      for (let n = 0; n < 3; n++) {
        ctx.clock.advance(60_000)
        await importArticle(ctx, { dateLine: '', headline: `Story ${n}` }, { tags: ['Floods'] })
      }
      const { syndication } = ctx.services
      captured = []
      assert.equal((await syndication.articleSitemapFiles(50_000)).length, 1)
      assert.equal((await syndication.articleSitemap(1, 50_000)).length, 3)
      assert.ok((await syndication.sections()).length > 0)
      assert.equal((await syndication.authors()).length > 0, true)
      assert.deepEqual(
        (await syndication.tags()).map((tag) => tag.slug),
        ['floods'],
      )
      const statements = captured.filter((statement) =>
        /"(?:articles|article_authors|article_tags)"/.test(statement.sql),
      )
      captured = undefined
      assert.ok(statements.length >= 6, `${statements.length} statements read articles`)
      const problems: string[] = []
      let relationReads = 0
      for (const statement of statements) {
        const plan = await planOf(dialect, ctx.config.databaseUrl, statement)
        if (/"article_(?:authors|tags)"/.test(statement.sql)) relationReads++
        const reads = [
          ...articleRowReads(dialect, statement, plan),
          ...relationProblems(dialect, statement, plan),
        ]
        if (reads.length > 0) {
          problems.push(`${reads.join('; ')}\n${statement.sql}\n  ${plan.join('\n  ')}`)
        }
      }
      assert.equal(relationReads, 2, 'one read for the authors, one for the tags')
      assert.deepEqual(problems, [], problems.join('\n\n'))
    })
  })
}
