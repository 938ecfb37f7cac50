// Search over published articles (domain/search, storage/search-*.ts) on both
// databases: ranking, stemming, phrases, exclusions, bylines and tags, the
// index kept in step with every kind of write, paging, snippets, bad input.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { DomainError, NotFoundError, ValidationError } from '../../src/domain/errors.js'
import { parseSearchQuery, type SearchQuery } from '../../src/domain/search/search-query.js'
import type { SearchHit } from '../../src/domain/search/search-store.js'
import type { Stores } from '../../src/domain/unit-of-work.js'
import { createSearchStore } from '../../src/storage/search-store.js'
import { createDatabase } from '../../src/storage/database.js'
import { MATCH_END, MATCH_START } from '../../src/text/search-snippet.js'
import { NASTY_QUERIES } from '../fixtures/search-queries.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { buildArticleText, importArticle, inputOf } from '../helpers/factories.js'

const EXACT_HEADLINE = 'Harbour council approves new sea wall plan'

interface Fixtures {
  /** The headline is exactly EXACT_HEADLINE. */
  exact: Article
  /** Says EXACT_HEADLINE's words over and over in its body, under another headline. */
  repeats: Article
  /** Mentions "councils" (plural) and a storm. */
  plural: Article
  /** By Ingrid Solberg, whose name is nowhere in the text. */
  bylined: Article
  /** Tagged "Tidal energy", a word nowhere in the text. */
  tagged: Article
  /** A draft that says "sea wall" in its headline. */
  draft: Article
}

async function seed(ctx: TestAppContext): Promise<Fixtures> {
  const at = async (minutes: number, ...args: Parameters<typeof importArticle>) => {
    ctx.clock.advance(minutes * 60_000)
    return (await importArticle(...args)).article
  }
  const undated = { dateLine: '' }
  const exact = await at(1, ctx, { ...undated, headline: EXACT_HEADLINE })
  const repeats = await at(1, ctx, {
    ...undated,
    headline: 'Fishermen fear the building work will close the quay',
    standfirst: 'Boats may have to moor elsewhere for a year.',
    body: [
      'The harbour council approves new sea wall plan after plan, and the harbour council keeps approving.',
      'A new sea wall plan for the harbour: the council approves it. The harbour council approves the new sea wall plan again.',
      'Sea wall, sea wall, sea wall: the harbour council approves a new sea wall plan every year.',
    ],
  })
  const plural = await at(1, ctx, {
    ...undated,
    headline: 'Storm damage bill rises',
    standfirst: 'Repairs will take until spring.',
    body: ['Two neighbouring councils argued about who should pay after the storm.'],
  })
  const bylined = await at(1, ctx, {
    ...undated,
    headline: 'Ferry timetable changes for winter',
    standfirst: 'Fewer crossings from December.',
    bylines: ['Ingrid Solberg'],
    body: ['The ferry company will run four crossings a day instead of six.'],
  })
  const tagged = await at(
    1,
    ctx,
    {
      ...undated,
      headline: 'Turbines planned off the point',
      standfirst: 'Twelve of them, if the licence is granted.',
      body: ['The company hopes to start building in three years.'],
    },
    { tags: ['Tidal energy'] },
  )
  const draft = await at(
    1,
    ctx,
    { ...undated, headline: 'Draft about the sea wall budget' },
    { draft: true },
  )
  return { exact, repeats, plural, bylined, tagged, draft }
}

/** Words a filler passage is made of: none of them is searched for. */
const FILLER = [
  'market',
  'morning',
  'stalls',
  'opened',
  'under',
  'grey',
  'skies',
  'bread',
  'cheese',
]

async function ids(ctx: TestAppContext, query: string, page = 1): Promise<string[]> {
  return (await ctx.services.search.search(query, page)).items.map((hit) => hit.article.id)
}

const highlightedWords = (hit: SearchHit | undefined) =>
  [...(hit?.headline ?? []), ...(hit?.snippet ?? [])]
    .filter((part) => part.highlighted)
    .map((part) => part.text.toLowerCase())

/** The whole query, as typed into the editor: the article as it stands, with `changes`. */
async function saveWith(
  ctx: TestAppContext,
  article: Article,
  changes: Partial<{ headline: string; body: string }>,
) {
  const current = await ctx.stores.articles.findById(article.id)
  assert.ok(current)
  return ctx.services.editing.save(COMMAND_LINE, current.id, inputOf(current, changes), {
    baseVersion: current.version,
  })
}

async function transition(
  ctx: TestAppContext,
  article: Article,
  move: 'publish' | 'unpublish',
): Promise<Article> {
  const current = await ctx.stores.articles.findById(article.id)
  assert.ok(current)
  return ctx.services.workflow.transition(COMMAND_LINE, current.id, {
    transition: move,
    baseVersion: current.version,
  })
}

for (const dialect of testDialects()) {
  describe(`search (${dialect})`, () => {
    test('an exact headline match comes first, ahead of a body that repeats its words', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { exact, repeats } = await seed(ctx)
      assert.deepEqual(await ids(ctx, EXACT_HEADLINE), [exact.id, repeats.id])
      // A newer story whose headline holds the same words and more, and whose body repeats them.
      ctx.clock.advance(60_000)
      const { article: longer } = await importArticle(ctx, {
        dateLine: '',
        headline: `${EXACT_HEADLINE} despite protests from the fishing fleet`,
        standfirst: 'The harbour council approves the new sea wall plan by one vote.',
        body: [
          'The harbour council approves new sea wall plan: the sea wall plan is new.',
          'Council approves, harbour approves, new plan, new wall, sea wall plan approved.',
        ],
      })
      const found = await ids(ctx, EXACT_HEADLINE)
      assert.deepEqual(found, [exact.id, longer.id, repeats.id])
      // Quoted, as a phrase, too; and in other letter cases.
      assert.equal((await ids(ctx, `"${EXACT_HEADLINE}"`))[0], exact.id)
      assert.equal((await ids(ctx, EXACT_HEADLINE.toUpperCase()))[0], exact.id)
    })

    test('words are stemmed: "councils" finds "council", "approving" finds "approves"', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { exact, repeats, plural } = await seed(ctx)
      assert.deepEqual(
        new Set(await ids(ctx, 'councils')),
        new Set([exact.id, repeats.id, plural.id]),
      )
      assert.deepEqual(
        new Set(await ids(ctx, 'council')),
        new Set([exact.id, repeats.id, plural.id]),
      )
      assert.ok((await ids(ctx, 'approving')).includes(exact.id))
    })

    test('a quoted phrase needs its words together and in order', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { exact, repeats } = await seed(ctx)
      assert.deepEqual(
        new Set(await ids(ctx, '"harbour council"')),
        new Set([exact.id, repeats.id]),
      )
      assert.deepEqual(await ids(ctx, '"council harbour"'), [])
      assert.deepEqual(await ids(ctx, '"boats may have to moor"'), [repeats.id])
    })

    test('a minus leaves out articles with a word or a phrase', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { exact, repeats, plural } = await seed(ctx)
      assert.deepEqual(await ids(ctx, 'harbour council -fishermen'), [exact.id])
      assert.deepEqual(await ids(ctx, 'council -"sea wall"'), [plural.id])
      // The exact-headline story's body mentions winter storms.
      assert.deepEqual(await ids(ctx, 'council -storm'), [repeats.id])
    })

    test('bylines and tags are searchable', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { bylined, tagged } = await seed(ctx)
      assert.deepEqual(await ids(ctx, 'Solberg'), [bylined.id])
      assert.deepEqual(await ids(ctx, '"Ingrid Solberg"'), [bylined.id])
      assert.deepEqual(await ids(ctx, 'tidal'), [tagged.id])
      assert.deepEqual(await ids(ctx, 'tidal turbines'), [tagged.id])
    })

    test('drafts are never found', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { draft } = await seed(ctx)
      assert.ok(!(await ids(ctx, 'budget')).includes(draft.id))
      assert.deepEqual(await ids(ctx, 'budget'), [])
    })

    test('unpublishing removes an article from results; publishing again brings it back', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { bylined } = await seed(ctx)
      await transition(ctx, bylined, 'unpublish')
      assert.deepEqual(await ids(ctx, 'ferry'), [])
      assert.equal((await ctx.services.search.search('ferry', 1)).total, 0)
      await transition(ctx, bylined, 'publish')
      assert.deepEqual(await ids(ctx, 'ferry'), [bylined.id])
    })

    test('publishing a draft adds it; scheduled publication too', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { draft } = await seed(ctx)
      await transition(ctx, draft, 'publish')
      assert.deepEqual(await ids(ctx, 'budget'), [draft.id])

      const { article: later } = await importArticle(
        ctx,
        { headline: 'Lighthouse keepers return', dateLine: '' },
        { draft: true },
      )
      const current = await ctx.stores.articles.findById(later.id)
      assert.ok(current)
      await ctx.services.workflow.transition(COMMAND_LINE, later.id, {
        transition: 'schedule',
        baseVersion: current.version,
        at: new Date(ctx.clock.now().getTime() + 3_600_000),
      })
      assert.deepEqual(await ids(ctx, 'lighthouse'), [], 'not before it goes out')
      ctx.clock.advance(2 * 3_600_000)
      await ctx.services.workflow.publishDue()
      assert.deepEqual(await ids(ctx, 'lighthouse'), [later.id])
    })

    test('saving a published article re-indexes it; restoring an old version too', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { bylined } = await seed(ctx)
      await saveWith(ctx, bylined, {
        headline: 'Hovercraft replaces the ferry',
        body: 'The hovercraft will cross in twenty minutes.',
      })
      assert.deepEqual(await ids(ctx, 'hovercraft'), [bylined.id])
      assert.deepEqual(
        await ids(ctx, '"four crossings"'),
        [],
        'the old body is gone from the index',
      )
      const current = await ctx.stores.articles.findById(bylined.id)
      assert.ok(current)
      await ctx.services.editing.restore(COMMAND_LINE, bylined.id, 1, current.version)
      assert.deepEqual(await ids(ctx, 'hovercraft'), [])
      assert.deepEqual(await ids(ctx, '"four crossings"'), [bylined.id])
    })

    test('deleting an article removes its index row', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { bylined } = await seed(ctx)
      const unpublished = await transition(ctx, bylined, 'unpublish')
      await ctx.services.editing.remove(COMMAND_LINE, unpublished.id)
      assert.deepEqual(await ids(ctx, 'ferry'), [])
      // Straight through the store, as a published article: the row goes with the article.
      const { article } = await importArticle(ctx, { headline: 'Quayside market reopens' })
      assert.deepEqual(await ids(ctx, 'quayside'), [article.id])
      await ctx.stores.articles.delete(article.id)
      assert.deepEqual(await ids(ctx, 'quayside'), [])
    })

    test('importing indexes; importing changed text again re-indexes; a batch import too', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const fields = {
        headline: 'Glacier retreat measured',
        dateLine: 'Monday, November 16th 2026',
      }
      const first = await importArticle(ctx, {
        ...fields,
        body: ['The glacier lost forty metres.'],
      })
      assert.deepEqual(await ids(ctx, 'forty metres'), [first.article.id])
      const again = await importArticle(ctx, {
        ...fields,
        body: ['The glacier lost sixty metres.'],
      })
      assert.equal(again.action, 'updated')
      assert.deepEqual(await ids(ctx, 'forty'), [])
      assert.deepEqual(await ids(ctx, 'sixty'), [first.article.id])

      const results = await ctx.services.importer.importBatch(
        ['Avalanche warning raised', 'Avalanche warning lifted'].map((headline) => ({
          text: buildArticleText({ headline, dateLine: '' }),
          options: { sectionSlug: 'news', draft: false },
        })),
      )
      assert.ok(results.every((result) => !(result instanceof DomainError)))
      assert.equal((await ctx.services.search.search('avalanche', 1)).total, 2)
    })

    test('a failed write leaves the index as it was (same transaction)', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { bylined } = await seed(ctx)
      await assert.rejects(
        ctx.stores.transaction(async (tx) => {
          const current = await tx.articles.findById(bylined.id)
          assert.ok(current)
          const record = {
            ...current,
            headline: 'Zeppelin service announced',
            sectionId: current.sectionId,
            authorIds: [],
            tagIds: [],
            leadImageId: null,
            inlineImageIds: [],
            socialImageId: null,
            importKey: null,
            version: current.version + 1,
          }
          assert.equal(await tx.articles.update(record, current.version), true)
          throw new Error('the rest of the save failed')
        }),
        /the rest of the save failed/,
      )
      assert.deepEqual(await ids(ctx, 'zeppelin'), [])
      assert.deepEqual(await ids(ctx, 'ferry'), [bylined.id])
    })

    test('a batch holds its search rows to the commit: a unit undone takes its rows, the last write wins, a failed batch indexes nothing', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { bylined, tagged } = await seed(ctx)
      const rewrite = async (tx: Stores, id: string, headline: string) => {
        const current = await tx.articles.findById(id)
        assert.ok(current)
        const record = {
          ...current,
          headline,
          authorIds: current.bylines.map((author) => author.id),
          tagIds: current.tags.map((tag) => tag.id),
          leadImageId: null,
          inlineImageIds: [],
          socialImageId: null,
          importKey: null,
          version: current.version + 1,
        }
        assert.equal(await tx.articles.update(record, current.version), true)
      }
      await ctx.stores.batch(async (unit) => {
        await unit((tx) => rewrite(tx, bylined.id, 'Zeppelin service announced'))
        await assert.rejects(
          unit(async (tx) => {
            await rewrite(tx, tagged.id, 'Monorail service announced')
            throw new Error('this story failed')
          }),
          /this story failed/,
        )
        await unit((tx) => rewrite(tx, bylined.id, 'Airship service announced'))
      })
      assert.deepEqual(await ids(ctx, 'airship'), [bylined.id])
      assert.deepEqual(await ids(ctx, 'zeppelin'), [])
      assert.deepEqual(await ids(ctx, 'monorail'), [])
      assert.deepEqual(await ids(ctx, 'tidal'), [tagged.id])

      await assert.rejects(
        ctx.stores.batch(async (unit) => {
          await unit((tx) => rewrite(tx, tagged.id, 'Hovercraft service announced'))
          throw new Error('the batch failed')
        }),
        /the batch failed/,
      )
      assert.deepEqual(await ids(ctx, 'hovercraft'), [])
      assert.deepEqual(await ids(ctx, 'tidal'), [tagged.id])
    })

    test('results are paged, ten to a page, with no article twice', async (t) => {
      const ctx = await createTestContext(t, dialect)
      for (let index = 0; index < 23; index++) {
        ctx.clock.advance(60_000)
        await importArticle(ctx, {
          headline: `Regatta day ${index} ${'x'.repeat(index % 3)}`,
          dateLine: '',
        })
      }
      const first = await ctx.services.search.search('regatta', 1)
      assert.equal(first.total, 23)
      assert.equal(first.pageCount, 3)
      assert.equal(first.items.length, 10)
      const third = await ctx.services.search.search('regatta', 3)
      assert.equal(third.items.length, 3)
      const all = [
        ...first.items,
        ...(await ctx.services.search.search('regatta', 2)).items,
        ...third.items,
      ].map((hit) => hit.article.id)
      assert.equal(new Set(all).size, 23)
      await assert.rejects(ctx.services.search.search('regatta', 4), NotFoundError)
      await assert.rejects(ctx.services.search.search('regatta', 0), NotFoundError)
      // No results is a first page, not a missing one.
      const none = await ctx.services.search.search('nonexistentword', 1)
      assert.deepEqual([none.total, none.pageCount, none.items.length], [0, 1, 0])
      await assert.rejects(ctx.services.search.search('nonexistentword', 2), NotFoundError)
    })

    test('hits carry the summary and highlighted parts as data, never markup or markers', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { exact, plural } = await seed(ctx)
      const [hit] = (await ctx.services.search.search('councils', 1)).items.filter(
        (item) => item.article.id === plural.id,
      )
      assert.ok(hit)
      assert.equal(hit.article.headline, 'Storm damage bill rises')
      assert.equal(hit.article.section.slug, 'news')
      assert.deepEqual(
        hit.article.bylines.map((author) => author.name),
        ['Ada Brekke', 'Jonas Vik'],
      )
      assert.ok(hit.article.publishedAt instanceof Date)
      assert.deepEqual(highlightedWords(hit), ['councils'])
      const snippet = hit.snippet.map((part) => part.text).join('')
      assert.match(snippet, /neighbouring councils argued/)

      const [top] = (await ctx.services.search.search('sea wall', 1)).items
      assert.equal(top?.article.id, exact.id)
      assert.ok(highlightedWords(top).some((text) => /sea wall/.test(text)))
      for (const part of [...(top?.headline ?? []), ...(top?.snippet ?? [])]) {
        assert.doesNotMatch(part.text, new RegExp(`[${MATCH_START}${MATCH_END}<>]`))
      }
      // A match only in the byline: the snippet is the story's brief.
      const [byName] = (await ctx.services.search.search('Brekke', 1)).items
      assert.ok(byName && byName.snippet.length > 0)
      assert.ok(byName.snippet.every((part) => !part.highlighted))
    })

    test("a long story's passage is the one around its match, in whole words, whatever the word's form", async (t) => {
      const ctx = await createTestContext(t, dialect)
      // About 2,000 characters without a match, then the match, then more.
      const filler = (from: number) =>
        Array.from(
          { length: 40 },
          (_, i) =>
            `${FILLER[(from + i) % FILLER.length]} ${FILLER[(from + 3 * i) % FILLER.length]}`,
        ).join(' ') + '.'
      const body = (match: string) => [filler(0), filler(1), filler(2), filler(3), match, filler(4)]
      const story = async (headline: string, match: string) =>
        (
          await importArticle(ctx, {
            dateLine: '',
            headline,
            standfirst: 'Market day under grey skies.',
            body: body(match),
          })
        ).article
      const resigned = await story(
        'Quayside news',
        'Then the harbour master resigned without warning.',
      )
      const flooding = await story(
        'Quayside notes',
        'Flooding closed the lower road again by noon.',
      )

      const [first] = (await ctx.services.search.search('resigned', 1)).items
      assert.equal(first?.article.id, resigned.id)
      assert.deepEqual(highlightedWords(first), ['resigned'])
      const passage = first.snippet.map((part) => part.text).join('')
      assert.match(passage, /harbour master resigned/)
      assert.match(passage, /^…/, 'cut from the middle of the body')
      const opening = passage.replace(/^…\s*/, '').split(/\s+/)[0] ?? ''
      const words = body('Then the harbour master resigned without warning.')
        .join(' ')
        .split(/[\s.]+/)
      assert.ok(words.includes(opening), `"${opening}" is a whole word of the body`)

      // Another form of the word than the one typed, deep in the body: still found and marked.
      const [second] = (await ctx.services.search.search('floods', 1)).items
      assert.equal(second?.article.id, flooding.id)
      assert.deepEqual(highlightedWords(second), ['flooding'])
    })

    test('every nasty query is a result or a ValidationError, never a database error', async (t) => {
      const ctx = await createTestContext(t, dialect)
      await seed(ctx)
      for (const query of NASTY_QUERIES) {
        try {
          const results = await ctx.services.search.search(query, 1)
          assert.ok(results.total >= 0)
        } catch (error) {
          assert.ok(error instanceof ValidationError, `${JSON.stringify(query)}: ${String(error)}`)
          assert.match(error.code, /^search_/)
        }
      }
    })

    test('property: whatever the parser makes of any input, the store answers without throwing', async (t) => {
      const ctx = await createTestContext(t, dialect)
      await seed(ctx)
      const store = createSearchStore(await openDb(t, ctx), dialect)
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 60 }),
            fc.string({ unit: 'binary', maxLength: 60 }),
            fc
              .array(
                fc.constantFrom(
                  'sea',
                  'wall',
                  '"',
                  '-',
                  '*',
                  'NEAR(',
                  'OR',
                  ':',
                  '(',
                  ')',
                  ' ',
                  '^',
                  "'",
                  '&',
                  '!',
                  'council',
                ),
                {
                  maxLength: 20,
                },
              )
              .map((parts) => parts.join('')),
          ),
          async (input) => {
            const parsed = parseSearchQuery(input)
            if (!parsed.ok) return
            await (await store.matches(parsed.query)).page({ limit: 10, offset: 0 })
          },
        ),
        { numRuns: 150 },
      )
    })

    test('property: even a hand-made query of any text never makes the store throw', async (t) => {
      const ctx = await createTestContext(t, dialect)
      await seed(ctx)
      const store = createSearchStore(await openDb(t, ctx), dialect)
      const term = fc.record({
        text: fc.string({ unit: 'binary', maxLength: 20 }),
        phrase: fc.boolean(),
      })
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            include: fc.array(term, { maxLength: 4 }),
            exclude: fc.array(term, { maxLength: 3 }),
            exact: fc.string({ unit: 'binary', maxLength: 30 }),
          }),
          async (query: SearchQuery) => {
            const matches = await store.matches(query)
            const hits = await matches.page({ limit: 5, offset: 0 })
            assert.ok(hits.length <= Math.min(5, matches.total))
          },
        ),
        { numRuns: 100 },
      )
    })
  })
}

/** A second connection to the test's database, for the store on its own. */
async function openDb(t: { after(fn: () => Promise<void>): void }, ctx: TestAppContext) {
  const handle = await createDatabase(ctx.config.databaseUrl)
  t.after(() => handle.close())
  return handle.db
}
