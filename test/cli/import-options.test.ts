// `dateline import` with the shared options, on the newsroom-text corpus
// (test/fixtures/newsroom-text), in this process on both databases.
import assert from 'node:assert/strict'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { AppContext } from '../../src/context.js'
import { testDialects } from '../helpers/dialects.js'
import { snapshotTables } from '../helpers/raw-sql.js'
import {
  assertNoStackTrace,
  countPublished,
  failureLine,
  show,
  tempDir,
  writeArticle,
} from './cli.js'
import { cliSite } from './in-process.js'

const CORPUS = fileURLToPath(new URL('../fixtures/newsroom-text/', import.meta.url))

const snapshot = snapshotTables

async function bylinesOf(ctx: AppContext, slug: string) {
  const article = await ctx.stores.articles.findBySlug(slug)
  assert.ok(article, `${slug} was imported`)
  return { article, names: article.bylines.map((author) => author.name) }
}

for (const dialect of testDialects()) {
  describe(`dateline import: the newsroom-text corpus (${dialect})`, () => {
    test('every story imports; wire copy without a byline; a place is never an author', async (t) => {
      const site = await cliSite(t, dialect)
      const archive = join(tempDir(t), 'archive')
      cpSync(CORPUS, archive, { recursive: true })

      const result = await site.run(['import', archive])
      assert.equal(result.code, 0, show(result))
      assert.match(
        result.stdout,
        /^Imported 9 items: 9 created, 0 updated, 0 unchanged, 0 failed\.$/m,
      )
      assert.match(
        result.stdout,
        /^1 new article had no date line and was dated the day of the import \(--date sets another\)\.$/m,
      )
      await site.inspect(async (ctx) => {
        assert.equal(await countPublished(ctx), 9)
        const ohio = await bylinesOf(
          ctx,
          'garage-band-from-the-east-side-sells-out-its-first-arena-show',
        )
        assert.equal(ohio.article.dateline, 'CLEVELAND, Ohio')
        assert.deepEqual(ohio.names, ['Dana Whitfield'])
        assert.equal(await ctx.stores.authors.findBySlug('ohio'), undefined, 'no author "Ohio"')

        const wire = await bylinesOf(ctx, 'storm-brings-flooding-to-northern-coast')
        assert.equal(wire.article.status, 'published')
        assert.deepEqual(wire.names, [], 'wire copy goes out without a byline')

        const undated = await bylinesOf(
          ctx,
          'underground-line-to-close-for-four-weekends-of-track-work',
        )
        assert.deepEqual(undated.names, [])
        assert.equal(undated.article.publishedAt?.getTime(), site.clock.now().getTime())

        assert.deepEqual(
          (await bylinesOf(ctx, 'senate-committee-delays-vote-on-rail-safety-bill')).names,
          ['AP'],
        )
        assert.deepEqual(
          (await bylinesOf(ctx, 'french-bakers-protest-against-rising-flour-prices')).names,
          ['Claire Fontaine'],
        )
        assert.deepEqual(
          (await bylinesOf(ctx, 'japans-factory-output-rises-for-third-month')).names,
          ['Reuters'],
        )
      })
    })

    test('--date dates a story without a date line, and the report says so', async (t) => {
      const site = await cliSite(t, dialect)
      const result = await site.run([
        'import',
        join(CORPUS, 'london-undated.txt'),
        '--date',
        '2026-03-02',
      ])
      assert.equal(result.code, 0, show(result))
      assert.match(
        result.stdout,
        /^ {4}warning {5}no date line; dated Monday, March 2nd 2026 \(from --date\)$/m,
      )
      assert.match(result.stdout, /^ {4}bylines {5}\(none: the publication is credited\)$/m)
      assert.match(result.stdout, /^ {4}published {3}Monday, March 2nd 2026$/m)
    })

    test('--dry-run says what it would do and changes nothing', async (t) => {
      const site = await cliSite(t, dialect)
      const archive = tempDir(t)
      const kept = writeArticle(archive, 'kept.txt', { headline: 'Ferry fares frozen for a year' })
      const edited = writeArticle(archive, 'edited.txt', { headline: 'Museum roof repairs begin' })
      const first = await site.run(['import', archive])
      assert.equal(first.code, 0, show(first))
      writeFileSync(
        edited,
        readFileSync(edited, 'utf8').replace('along the old quay', 'along the new quay'),
      )
      writeArticle(archive, 'new.txt', { headline: 'Night buses return to the valley' })
      const before = await site.inspect(snapshot)
      assert.equal(before.articles?.length, 2, 'the snapshot holds the rows')
      assert.equal(before.import_sources?.length, 2)

      const dry = await site.run(['import', archive, '--dry-run'])
      assert.equal(dry.code, 0, show(dry))
      assert.match(dry.stdout, /edited\.txt: would update "museum-roof-repairs-begin"/)
      assert.match(
        dry.stdout,
        /kept\.txt: would skip \(unchanged since the last import\) "ferry-fares-frozen-for-a-year"/,
      )
      assert.match(dry.stdout, /new\.txt: would create "night-buses-return-to-the-valley"/)
      assert.match(
        dry.stdout,
        /^Dry run, nothing was changed\. 3 items would be: 1 created, 1 updated, 1 unchanged, 0 failed\.$/m,
      )
      assert.deepEqual(await site.inspect(snapshot), before, 'the database is as it was')
      assert.match(readFileSync(kept, 'utf8'), /Ferry fares frozen/)

      const real = await site.run(['import', archive])
      assert.match(
        real.stdout,
        /^Imported 3 items: 1 created, 1 updated, 1 unchanged, 0 failed\.$/m,
      )
    })

    test('a re-run finds each file by its path: a corrected headline updates, never duplicates', async (t) => {
      const site = await cliSite(t, dialect)
      const archive = tempDir(t)
      const file = writeArticle(archive, 'story.txt', { headline: 'Coucil approves budget' })
      assert.equal((await site.run(['import', file])).code, 0)
      writeFileSync(file, readFileSync(file, 'utf8').replace('Coucil approves', 'Council approves'))
      const again = await site.run(['import', file])
      assert.equal(again.code, 0, show(again))
      assert.match(again.stdout, /: updated "coucil-approves-budget"/)
      await site.inspect(async (ctx) => {
        assert.equal(await countPublished(ctx), 1)
        const article = await ctx.stores.articles.findBySlug('coucil-approves-budget')
        assert.equal(article?.headline, 'Council approves budget')
      })
    })

    test('--section-map files articles by the folders they are in', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)
      mkdirSync(join(work, 'archive', 'Town Hall'), { recursive: true })
      mkdirSync(join(work, 'archive', 'football', '2026'), { recursive: true })
      writeArticle(join(work, 'archive', 'Town Hall'), 'a.txt', {
        headline: 'Mayor opens new wing',
      })
      writeArticle(join(work, 'archive', 'football', '2026'), 'b.txt', {
        headline: 'Derby ends level',
      })
      writeArticle(join(work, 'archive'), 'c.txt', { headline: 'Fog delays flights' })
      const map = join(work, 'sections.txt')
      writeFileSync(map, '# source = section\ntown hall = politics\n\nFootball = sport\n')

      const result = await site.run(['import', join(work, 'archive'), '--section-map', map])
      assert.equal(result.code, 0, show(result))
      await site.inspect(async (ctx) => {
        const section = async (slug: string) =>
          (await ctx.stores.articles.findBySlug(slug))?.section.slug
        assert.equal(await section('mayor-opens-new-wing'), 'politics')
        assert.equal(await section('derby-ends-level'), 'sport')
        assert.equal(await section('fog-delays-flights'), 'news', 'unmapped: --section')
      })
    })

    test('a bad section map is refused, naming the line, and nothing is imported', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)
      const file = writeArticle(work, 'a.txt', { headline: 'Tram line extended' })
      const cases: [string, number, RegExp][] = [
        [
          'politics = politics\nsport sport\n',
          2,
          /line 2: expected "Source category = section-slug"/,
        ],
        ['# map\nSport = Not A Slug\n', 2, /line 2: "Not A Slug" is not a section slug/],
        [' = news\n', 2, /line 1: the source category is empty/],
        [
          'Sport = sport\nsport = news\n',
          2,
          /line 2: "sport" is already mapped to "sport" on line 1/,
        ],
        [
          'Sport = sport\nArts = no-such-section\n',
          1,
          /line 2: there is no section "no-such-section"/,
        ],
      ]
      for (const [text, code, message] of cases) {
        const map = join(work, 'map.txt')
        writeFileSync(map, text)
        const result = await site.run(['import', file, '--section-map', map])
        assert.equal(result.code, code, show(result))
        assert.match(result.stderr, message)
        assertNoStackTrace(result.stderr)
      }
      const missing = await site.run(['import', file, '--section-map', join(work, 'nope.txt')])
      assert.equal(missing.code, 2, show(missing))
      assert.match(missing.stderr, /nope\.txt cannot be read \(ENOENT\)/)
      await site.inspect(async (ctx) => assert.equal(await countPublished(ctx), 0))
    })

    test('wrong arguments: a usage message and exit 2', async (t) => {
      const site = await cliSite(t, dialect)
      const file = writeArticle(tempDir(t), 'a.txt')
      const cases: [string[], RegExp][] = [
        [['import'], /missing required argument 'paths'/],
        [
          ['import', file, '--format', 'blogger'],
          /There is no format "blogger"; formats: text, wordpress, ghost, dateline\./,
        ],
        [['import', file, '--date', '2015-02-30'], /Give a day that exists, as YYYY-MM-DD/],
        [['import', file, '--date', 'yesterday'], /Give a day that exists, as YYYY-MM-DD/],
        [
          ['import', file, '--media', join(tempDir(t), 'no-such-folder')],
          /no-such-folder is not a folder/,
        ],
        [['import', file, '--frobnicate'], /unknown option '--frobnicate'/],
      ]
      for (const [args, message] of cases) {
        const result = await site.run(args)
        assert.equal(result.code, 2, show(result))
        assert.match(result.stderr, message)
        assert.match(result.stderr, /Usage: dateline import \[options\] <paths\.\.\.>/)
        assertNoStackTrace(result.stderr)
      }
      await site.inspect(async (ctx) => assert.equal(await countPublished(ctx), 0))
    })

    test('a file in no format it reads is a problem by name; --format text reads it', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)
      const story = join(work, 'story.md')
      writeFileSync(story, readFileSync(join(CORPUS, 'ohio-band.txt')))
      const good = writeArticle(work, 'good.txt', { headline: 'Pier reopens after storm' })

      const refused = await site.run(['import', story, good])
      assert.equal(refused.code, 1, show(refused))
      assert.match(
        refused.stderr,
        failureLine(
          story,
          'is in no format dateline import reads (text, wordpress, ghost); --format names one',
        ),
      )
      assert.match(
        refused.stdout,
        /^Imported 2 items: 1 created, 0 updated, 0 unchanged, 1 failed\.$/m,
      )

      const forced = await site.run(['import', '--format', 'text', story])
      assert.equal(forced.code, 0, show(forced))
      assert.match(
        forced.stdout,
        /: created "garage-band-from-the-east-side-sells-out-its-first-arena-show"/,
      )
    })
  })
}
