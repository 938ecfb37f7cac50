// On PostgreSQL both search indexes keep at most 256 kB of new entries pending
// (migration 2026-12-06T1500): past it, the inserting session merges them into
// the index, and every story stays findable through the index, before and
// after that merge.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import { createDatabase } from '../../src/storage/database.js'
import { createTestDatabase, testDialects } from '../helpers/dialects.js'

const INDEXES = ['article_search_document', 'article_search_word_pairs']

/** A 600-word body of made-up words, different for each story: some 10 kB of index entries. */
function body(story: number): string {
  return Array.from({ length: 600 }, (_, word) => `w${story}x${word}`).join(' ')
}

if (testDialects().includes('postgres')) {
  describe('search indexes on PostgreSQL', () => {
    test('keep a short pending list, and find every story before and after it is merged', async (t) => {
      const database = await createTestDatabase('postgres', { migrated: true })
      t.after(() => database.drop())
      const handle = await createDatabase(database.url, { poolSize: 1 })
      t.after(() => handle.close())
      const db = handle.db

      const { rows: options } = await sql<{ name: string; options: string[] | null }>`
        select relname as name, reloptions as options from pg_class where relname in (${sql.join(INDEXES)})
      `.execute(db)
      assert.deepEqual(
        options.map((row) => [row.name, row.options]).sort(),
        INDEXES.map((name) => [name, ['gin_pending_list_limit=256']]),
      )

      // Through the indexes only, the phrase's pairs made by the function the pairs index uses.
      const found = async (word: string, phrase: string) => {
        await sql`set enable_seqscan = off`.execute(db)
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from article_search
          where document @@ phraseto_tsquery('english', ${word})
            and search_word_pairs(document) @> search_word_pairs(to_tsvector('english', ${phrase}))
        `.execute(db)
        await sql`reset enable_seqscan`.execute(db)
        return rows[0]?.n
      }
      // Search rows alone, without their articles: this database is the test's own.
      await sql`alter table article_search drop constraint article_search_article_id_fkey`.execute(
        db,
      )
      // Forty stories: some 400 kB of entries, so the list passes its cap along the way.
      for (let story = 0; story < 40; story++) {
        await sql`
          insert into article_search (article_id, published_at, headline_key, headline, standfirst, bylines, tags, body)
          values (${`a${story}`}, ${new Date(Date.UTC(2026, 11, 1, 0, story)).toISOString()}, ${`h${story}`},
            ${`Story ${story}`}, '', '', '', ${body(story)})
        `.execute(db)
        if (story % 10 === 9) {
          for (const earlier of [0, story]) {
            const word = `w${earlier}x7`
            assert.equal(
              await found(word, `${word} w${earlier}x8`),
              1,
              `${word} after ${story + 1}`,
            )
          }
        }
      }
    })
  })
}
