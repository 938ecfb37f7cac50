// Search ranks only the newest matches (storage/search-dialect.ts): with the
// ranked number made small, on both databases, a query with more matches than
// that ranks the newest, lists every older match after them newest first, pages
// through the boundary without losing or repeating one, and estimates its total;
// a query with fewer is ranked and counted whole, so a rare word's best match
// comes first however old it is.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Article } from '../../src/domain/articles/article.js'
import { NotFoundError } from '../../src/domain/errors.js'
import { parseSearchQuery } from '../../src/domain/search/search-query.js'
import { createSearchService } from '../../src/domain/search/search-service.js'
import type { SearchStore } from '../../src/domain/search/search-store.js'
import { createDatabase } from '../../src/storage/database.js'
import { createSearchStore } from '../../src/storage/search-store.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'

const RANKED = 3

/** A story a minute after the last, so each is newer than the one before. */
async function story(
  ctx: TestAppContext,
  headline: string,
  body: string,
  standfirst = 'A short standfirst.',
): Promise<Article> {
  ctx.clock.advance(60_000)
  return (await importArticle(ctx, { dateLine: '', headline, standfirst, body: [body] })).article
}

/**
 * Eight stories that say "harbour", oldest first, between two about kelp. Of
 * the newest three, the middle one has "harbour" in its headline. The oldest
 * says "sea wall" in its headline, four more in their bodies; one says "sea"
 * and "wall" apart.
 */
async function seed(ctx: TestAppContext) {
  const kelpHeadline = await story(ctx, 'Kelp farm opens in the bay', 'Ropes and buoys.')
  const oldestHeadline = await story(ctx, 'Harbour sea wall approved', 'The harbour gets a wall.')
  const ferries: Article[] = []
  for (const n of [1, 2, 3, 4]) {
    ferries.push(
      await story(ctx, `Ferry news ${n}`, `The harbour sea wall needs work, part ${n}.`, 'Boats.'),
    )
  }
  const apart = await story(ctx, 'Storm report', 'By the sea, the harbour wall held.')
  const headline = await story(ctx, 'Harbour dues rise', 'Fees at the quay go up.')
  const newest = await story(ctx, 'Quay works', 'The harbour is busy; a wall of crates.')
  const kelpBody = await story(ctx, 'Lighthouse keeper retires', 'He farmed kelp at the point.')
  return { kelpHeadline, kelpBody, oldestHeadline, ferries, apart, headline, newest }
}

async function openStore(
  t: { after(fn: () => Promise<void>): void },
  ctx: TestAppContext,
  dialect: Parameters<typeof createSearchStore>[1],
): Promise<SearchStore> {
  const handle = await createDatabase(ctx.config.databaseUrl)
  t.after(() => handle.close())
  return createSearchStore(handle.db, dialect, { ranked: RANKED })
}

/** Every match of `text`, `perPage` at a time until an empty page. */
async function allPages(store: SearchStore, text: string, perPage: number) {
  const parsed = parseSearchQuery(text)
  assert.ok(parsed.ok, text)
  const matches = await store.matches(parsed.query)
  const ids: string[] = []
  for (let offset = 0; ; offset += perPage) {
    const hits = await matches.page({ limit: perPage, offset })
    ids.push(...hits.map((hit) => hit.article.id))
    if (hits.length < perPage) break
  }
  return { matches, ids }
}

const idsOf = (articles: readonly Article[]) => articles.map((article) => article.id)

for (const dialect of testDialects()) {
  describe(`search past the ranked newest matches (${dialect})`, () => {
    test('the newest are ranked, every older one follows newest first, and paging crosses the boundary', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { oldestHeadline, ferries, apart, headline, newest } = await seed(ctx)
      const store = await openStore(t, ctx, dialect)
      // The newest three, the headline match first; then the rest, newest first.
      const expected = idsOf([headline, newest, apart, ...[...ferries].reverse(), oldestHeadline])
      for (const perPage of [1, 2, 3, 4, 10]) {
        const { matches, ids } = await allPages(store, 'harbour', perPage)
        assert.deepEqual(ids, expected, `${perPage} a page`)
        assert.equal(matches.estimated, true)
        assert.ok(matches.total > RANKED, `estimated ${matches.total}`)
      }
    })

    test('a phrase and an exclusion past the ranked matches still find only what matches', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { oldestHeadline, ferries, apart, headline, newest } = await seed(ctx)
      const store = await openStore(t, ctx, dialect)
      // Five say "sea wall"; the story that says "sea" and "wall" apart is not one of them.
      const phrase = await allPages(store, '"sea wall"', 2)
      assert.deepEqual(phrase.ids, idsOf([...[...ferries].reverse(), oldestHeadline]))
      assert.equal(phrase.matches.estimated, true)
      const excluded = await allPages(store, 'harbour -ferry', 3)
      assert.deepEqual(excluded.ids, idsOf([headline, newest, apart, oldestHeadline]))
      assert.equal(excluded.matches.estimated, true)
    })

    test('fewer matches than are ranked: counted exactly, and the best first however old', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { kelpHeadline, kelpBody, oldestHeadline } = await seed(ctx)
      const store = await openStore(t, ctx, dialect)
      const kelp = await allPages(store, 'kelp', 10)
      assert.deepEqual(kelp.ids, idsOf([kelpHeadline, kelpBody]), 'the headline, though older')
      assert.deepEqual([kelp.matches.total, kelp.matches.estimated], [2, false])
      const typed = await allPages(store, 'harbour sea wall approved', 10)
      assert.deepEqual(typed.ids, idsOf([oldestHeadline]))
      assert.deepEqual([typed.matches.total, typed.matches.estimated], [1, false])
    })

    test('the service pages an estimate: a page past the real last one is not found', async (t) => {
      const ctx = await createTestContext(t, dialect)
      // Thirty stories without the word, then four with it: the newest are dense with
      // matches, so the estimate runs to more than a page.
      for (let n = 0; n < 30; n++) await story(ctx, `Council minutes ${n}`, 'Nothing of note.')
      for (let n = 0; n < 4; n++) await story(ctx, `Otters seen ${n}`, 'Otters by the pier.')
      const service = createSearchService({ search: await openStore(t, ctx, dialect) })
      const first = await service.search('otters', 1)
      assert.equal(first.estimated, true)
      assert.equal(first.items.length, 4)
      assert.ok(first.pageCount > 1, `estimated ${first.total}`)
      await assert.rejects(service.search('otters', 2), NotFoundError)
      const exact = await service.search('minutes 7', 1)
      assert.deepEqual([exact.total, exact.estimated, exact.items.length], [1, false, 1])
    })
  })
}
