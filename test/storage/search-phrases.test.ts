// Phrases are found through an index of each story's pairs of adjacent words
// (migration 2026-12-06T1000): on both databases, every phrase query finds
// exactly what the database's own phrase matching finds, on stories written
// from a few words so that phrases meet, part and cross fields; still so
// after stories change or leave the index. On SQLite, a query of two-word
// phrases is answered from the pairs alone.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { parseSearchQuery } from '../../src/domain/search/search-query.js'
import type { SearchStore } from '../../src/domain/search/search-store.js'
import { createDatabase } from '../../src/storage/database.js'
import type { Database } from '../../src/storage/schema.js'
import { createSearchStore } from '../../src/storage/search-store.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import type { DialectName } from '../../src/storage/dialect.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { rawRows } from '../helpers/raw-sql.js'

const WORDS = ['harbour', 'storms', 'ferry', 'quay', 'tides', 'walls']
/** Between words: plain spaces, punctuation, a curly quote, a dash, and a word with an accent. */
const GAPS = [' ', ' ', ' ', ', ', ' \u201c', ' \u2014 ', ' café ']

/** The same stories every run: a small generator, seeded. */
function writer(seed: number) {
  let state = seed
  const next = (below: number) => {
    state = (state * 16_807) % 2_147_483_647
    return state % below
  }
  return (length: number) =>
    Array.from({ length }, (_, i) => `${i > 0 ? GAPS[next(GAPS.length)] : ''}${WORDS[next(6)]}`)
      .join('')
      .trim()
}

async function seed(ctx: TestAppContext): Promise<void> {
  const text = writer(7)
  for (let n = 0; n < 24; n++) {
    ctx.clock.advance(60_000)
    await importArticle(
      ctx,
      {
        dateLine: '',
        headline: `${text(3)} ${n}`,
        standfirst: text(4),
        body: [text(8), text(8)],
        bylines: [n % 5 === 0 ? 'Quay Harbour' : 'Ana Lind'],
      },
      { tags: n % 4 === 0 ? ['Tides walls'] : [] },
    )
  }
}

/** Every phrase of two of the words, some as one hyphenated word, and queries that mix them. */
function queries(): string[] {
  const phrases = WORDS.flatMap((first) => WORDS.map((second) => `${first} ${second}`))
  return [
    ...phrases.map((phrase) => `"${phrase}"`),
    'harbour-storms',
    'quay-tides',
    '"harbour storms" "tides walls"',
    '"ferry quay" harbour',
    '"storms ferry" -walls',
    '"harbour storms ferry"',
    '"quay harbour"',
    '"Tides walls"',
  ]
}

/** The ids of the query's matches, every page. */
async function found(store: SearchStore, text: string): Promise<string[]> {
  const parsed = parseSearchQuery(text)
  assert.ok(parsed.ok, text)
  const matches = await store.matches(parsed.query)
  const ids: string[] = []
  for (let offset = 0; ; offset += 7) {
    const hits = await matches.page({ limit: 7, offset })
    ids.push(...hits.map((hit) => hit.article.id))
    if (hits.length < 7) return ids.sort()
  }
}

/** What the database's own phrase matching finds, with no pairs in the way. */
async function expected(
  ctx: TestAppContext,
  dialect: DialectName,
  text: string,
): Promise<string[]> {
  const parsed = parseSearchQuery(text)
  assert.ok(parsed.ok, text)
  const include = parsed.query.include.map((term) => term.text)
  const exclude = parsed.query.exclude.map((term) => term.text)
  const rows =
    dialect === 'sqlite'
      ? await rawRows<{ article_id: string }>(
          ctx,
          `select s.article_id from article_search_fts f join article_search s on s.doc_id = f.rowid
           where article_search_fts match ?`,
          [[include.map((t) => `"${t}"`).join(' '), ...exclude.map((t) => `"${t}"`)].join(' NOT ')],
        )
      : await rawRows<{ article_id: string }>(
          ctx,
          `select article_id from article_search where document @@ (${[
            ...include.map((_, i) => `phraseto_tsquery('english', $${i + 1})`),
            ...exclude.map((_, i) => `!! phraseto_tsquery('english', $${include.length + i + 1})`),
          ].join(' && ')})`,
          [...include, ...exclude],
        )
  return rows.map((row) => row.article_id).sort()
}

async function openDb(
  t: { after(fn: () => Promise<void>): void },
  ctx: TestAppContext,
): Promise<Kysely<Database>> {
  const handle = await createDatabase(ctx.config.databaseUrl)
  t.after(() => handle.close())
  return handle.db
}

for (const dialect of testDialects()) {
  describe(`phrase search through word pairs (${dialect})`, () => {
    test('every phrase finds what the database matches itself, before and after stories change', async (t) => {
      const ctx = await createTestContext(t, dialect)
      await seed(ctx)
      const db = await openDb(t, ctx)
      const store = createSearchStore(db, dialect, { ranked: 5 })
      const check = async () => {
        let matched = 0
        for (const text of queries()) {
          const want = await expected(ctx, dialect, text)
          assert.deepEqual(await found(store, text), want, text)
          matched += want.length
        }
        return matched
      }
      assert.ok((await check()) > 50, 'the phrases find stories')
      // Bodies rewritten, a byline renamed, stories gone from the index: the pairs follow.
      const text = writer(11)
      const rows = await db.selectFrom('article_search').select('article_id').execute()
      for (const [index, { article_id }] of rows.entries()) {
        if (index % 3 === 0) {
          await db
            .updateTable('article_search')
            .set({ body: text(12) })
            .where('article_id', '=', article_id)
            .execute()
        } else if (index % 5 === 1) {
          await db.deleteFrom('article_search').where('article_id', '=', article_id).execute()
        } else if (index % 7 === 2) {
          await db
            .updateTable('article_search')
            .set({ bylines: 'Ferry Quay' })
            .where('article_id', '=', article_id)
            .execute()
        }
      }
      assert.ok((await check()) > 30, 'the phrases still find stories')
    })

    if (dialect === 'sqlite') {
      test('a query of two-word phrases is answered from the pairs: emptied, they find nothing', async (t) => {
        const ctx = await createTestContext(t, dialect)
        await seed(ctx)
        const db = await openDb(t, ctx)
        const store = createSearchStore(db, dialect)
        const twoWords = queries().filter((text) => /^"\w+ \w+"$/.test(text))
        const before = await Promise.all(twoWords.map((text) => found(store, text)))
        assert.ok(before.flat().length > 20)
        await sql`delete from article_search_pairs`.execute(db)
        for (const text of twoWords) assert.deepEqual(await found(store, text), [], text)
        // A longer phrase still reads the words' own index.
        assert.deepEqual(
          await found(store, '"harbour storms ferry"'),
          await expected(ctx, dialect, '"harbour storms ferry"'),
        )
      })
    }
  })
}
