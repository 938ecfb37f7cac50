// The search migration on a database that already has articles: it indexes
// the published ones (not drafts) with their bylines and tags, and the index
// then answers searches like one kept by the app.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Kysely } from 'kysely'
import { parseSearchQuery } from '../../src/domain/search/search-query.js'
import { createDatabase } from '../../src/storage/database.js'
import * as createContent from '../../src/storage/migrations/2026-11-28T0800_create-content.js'
import * as addNewsroom from '../../src/storage/migrations/2026-11-28T1000_add-newsroom.js'
import * as addComments from '../../src/storage/migrations/2026-11-28T1200_add-comments.js'
import * as addSearch from '../../src/storage/migrations/2026-11-28T1400_add-search.js'
import * as addThreads from '../../src/storage/migrations/2026-11-28T1410_add-threads.js'
import * as addStateIndex from '../../src/storage/migrations/2026-11-28T1420_add-article-state-index.js'
import * as hardenSignIn from '../../src/storage/migrations/2026-12-02T0900_harden-sign-in.js'
import * as addTwoFactor from '../../src/storage/migrations/2026-12-02T0910_add-two-factor.js'
import * as addMedia from '../../src/storage/migrations/2026-12-04T1000_add-media.js'
import * as addStoryImages from '../../src/storage/migrations/2026-12-04T1200_add-story-images.js'
import * as indexWordPairs from '../../src/storage/migrations/2026-12-06T1000_index-search-word-pairs.js'
import { createSearchStore } from '../../src/storage/search-store.js'
import { createTestDatabase, testDialects } from '../helpers/dialects.js'

const NOW = '2026-11-20T09:00:00.000Z'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema as it was before the migration
async function seedOldSchema(db: Kysely<any>): Promise<void> {
  const times = { created_at: NOW, updated_at: NOW }
  await db
    .insertInto('sections')
    .values({ id: 's1', slug: 'news', name: 'News', position: 0, ...times })
    .execute()
  await db
    .insertInto('authors')
    .values({ id: 'au1', slug: 'ingrid-solberg', name: 'Ingrid Solberg', bio: '', ...times })
    .execute()
  await db
    .insertInto('tags')
    .values({ id: 't1', slug: 'tidal', name: 'Tidal energy', created_at: NOW })
    .execute()
  const article = (id: string, status: string, headline: string, body: string) => ({
    id,
    slug: id,
    headline,
    standfirst: 'Before the search index existed.',
    dateline: 'BERGEN, NORWAY',
    body,
    key_points: '[]',
    brief: 'Before the search index existed.',
    section_id: 's1',
    status,
    published_at: status === 'published' ? NOW : null,
    version: 1,
    import_key: null,
    created_by: null,
    scheduled_for: null,
    comment_mode: 'default',
    ...times,
  })
  await db
    .insertInto('articles')
    .values([
      article(
        'a1',
        'published',
        'Harbour council approves new sea wall plan',
        'The **harbour council** voted.\n\n## Who pays\n\nThe [city](https://example.org/city) and the fund\\*.',
      ),
      article('a2', 'draft', 'Draft about the sea wall budget', 'Not yet.'),
    ])
    .execute()
  await db
    .insertInto('article_authors')
    .values({ article_id: 'a1', author_id: 'au1', position: 0 })
    .execute()
  await db
    .insertInto('article_tags')
    .values({ article_id: 'a1', tag_id: 't1', position: 0 })
    .execute()
}

for (const dialect of testDialects()) {
  describe(`search migration (${dialect})`, () => {
    test('indexes the articles already published, with bylines, tags and plain-text bodies', async (t) => {
      const database = await createTestDatabase(dialect)
      const handle = await createDatabase(database.url)
      t.after(async () => {
        await handle.close()
        await database.drop()
      })
      for (const migration of [createContent, addNewsroom, addComments]) {
        await migration.up(handle.db, dialect)
      }
      await seedOldSchema(handle.db)
      await addSearch.up(handle.db, dialect)
      // Today's search store reads today's schema: the migrations after it, as they run.
      for (const later of [
        addThreads,
        addStateIndex,
        hardenSignIn,
        addTwoFactor,
        addMedia,
        addStoryImages,
        indexWordPairs,
      ]) {
        await later.up(handle.db, dialect)
      }

      const store = createSearchStore(handle.db, dialect)
      const search = async (text: string) => {
        const parsed = parseSearchQuery(text)
        assert.ok(parsed.ok, text)
        return (await store.matches(parsed.query)).page({ limit: 10, offset: 0 })
      }
      const [hit, ...others] = await search('sea wall')
      assert.equal(hit?.article.id, 'a1', 'the published article, not the draft')
      assert.deepEqual(others, [])
      assert.equal((await search('Solberg'))[0]?.article.id, 'a1')
      assert.equal((await search('tidal'))[0]?.article.id, 'a1')
      assert.equal(
        (await search('"Harbour council approves new sea wall plan"'))[0]?.article.id,
        'a1',
      )
      // A two-word phrase is found through the word pairs the last migration indexed.
      assert.equal((await search('"sea wall"'))[0]?.article.id, 'a1')

      const [pays] = await search('pays')
      const snippet = (pays?.snippet ?? []).map((part) => part.text).join('')
      assert.match(snippet, /Who pays/)
      assert.doesNotMatch(snippet, /\*\*|##|\]\(|https:|\\/, 'Markdown reduced to text')
    })
  })
}
