// `dateline import`: one run through the real process, the rest in this process
// (in-process.ts) on both databases.
import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { testDialects } from '../helpers/dialects.js'
import { buildArticleText } from '../helpers/factories.js'
import {
  assertNoStackTrace,
  cliEnv,
  countPublished,
  displayName,
  escapeRegExp,
  failureLine,
  FIXTURES,
  inspectDataDir,
  runCli,
  show,
  tempDir,
  writeArticle,
} from './cli.js'
import { cliSite } from './in-process.js'

/** The original article in test/cli/fixtures, and what the importer should read in it. */
const TRAM_DEPOT = join(FIXTURES, 'tram-depot.txt')
const TRAM_DEPOT_SLUG = 'old-tram-depot-in-tromso-to-become-a-winter-market-hall'

/** The value printed beside a label in an import report, e.g. `    bylines     A, B`. */
function reportRow(stdout: string, label: string): string | undefined {
  const pattern = new RegExp(`^ {4}${label} *(.*)$`, 'm')
  return pattern.exec(stdout)?.[1]
}

describe('dateline import, as a process', () => {
  test('imports a file, reports it and exits 0', { timeout: 180_000 }, async (t) => {
    const dataDir = tempDir(t)
    const result = await runCli(t, ['import', TRAM_DEPOT], { env: cliEnv(dataDir) })
    assert.equal(result.code, 0, show(result))
    assert.equal(result.stderr, '', show(result))
    assert.match(
      result.stdout,
      new RegExp(`^✓ ${escapeRegExp(displayName(TRAM_DEPOT))}: created "${TRAM_DEPOT_SLUG}"`, 'm'),
    )
    assert.match(result.stdout, /^Imported 1 item: 1 created, 0 updated, 0 unchanged, 0 failed\.$/m)
    assert.equal(await inspectDataDir(dataDir, countPublished), 1)
  })
})

for (const dialect of testDialects()) {
  describe(`dateline import FILE (${dialect})`, () => {
    test('reports what it recognised, then leaves the same text unchanged, then updates an edited one', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)
      const file = join(work, 'tram-depot.txt')
      copyFileSync(TRAM_DEPOT, file)

      const first = await site.run(['import', file])
      assert.equal(first.code, 0, show(first))
      assert.equal(first.stderr, '', show(first))
      assert.match(
        first.stdout,
        new RegExp(
          `^✓ ${escapeRegExp(displayName(file))}: created "${TRAM_DEPOT_SLUG}" in News \\(published\\)$`,
          'm',
        ),
      )
      assert.equal(
        reportRow(first.stdout, 'headline'),
        'Old tram depot in Tromsø to become a winter market hall',
      )
      assert.equal(reportRow(first.stdout, 'dateline'), 'TROMSØ, NORWAY')
      assert.equal(reportRow(first.stdout, 'bylines'), 'Sigrid Lunde, Omar Haddad')
      assert.equal(reportRow(first.stdout, 'published'), 'Wednesday, March 4th 2026')
      assert.equal(reportRow(first.stdout, 'body'), '5 paragraphs, 1 subheading, 1 quotation')
      assert.equal(reportRow(first.stdout, 'at a glance'), '3 key points')
      const dropped = reportRow(first.stdout, 'dropped') ?? ''
      for (const chrome of [
        'date line',
        'closing byline',
        'comment prompt',
        'section navigation',
      ]) {
        assert.ok(dropped.includes(chrome), `dropped should name the ${chrome}: ${dropped}`)
      }
      assert.match(
        first.stdout,
        /^Imported 1 item: 1 created, 0 updated, 0 unchanged, 0 failed\.$/m,
      )

      const again = await site.run(['import', file])
      assert.equal(again.code, 0, show(again))
      assert.match(again.stdout, new RegExp(`: unchanged "${TRAM_DEPOT_SLUG}"`))
      assert.match(again.stdout, /1 item: 0 created, 0 updated, 1 unchanged, 0 failed\./)
      const afterSecond = await site.inspect(async (ctx) => ({
        total: await countPublished(ctx),
        article: await ctx.stores.articles.findBySlug(TRAM_DEPOT_SLUG),
      }))
      assert.equal(afterSecond.total, 1, 'importing the same file twice must not duplicate it')
      assert.equal(afterSecond.article?.version, 1)

      const edited = readFileSync(file, 'utf8').replace(
        'The first forty stalls are due to open',
        'The first forty-two stalls are due to open',
      )
      assert.notEqual(edited, readFileSync(file, 'utf8'), 'the fixture paragraph to edit is there')
      writeFileSync(file, edited)
      const third = await site.run(['import', file])
      assert.equal(third.code, 0, show(third))
      assert.match(third.stdout, new RegExp(`: updated "${TRAM_DEPOT_SLUG}"`))
      assert.match(third.stdout, /1 item: 0 created, 1 updated, 0 unchanged, 0 failed\./)
      await site.inspect(async (ctx) => {
        assert.equal(await countPublished(ctx), 1)
        const article = await ctx.stores.articles.findBySlug(TRAM_DEPOT_SLUG)
        assert.equal(article?.version, 2)
        assert.ok(article?.body.includes('forty-two stalls'), article?.body)
      })
    })

    test('--section, repeated --tag and --draft', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)
      const housing = writeArticle(work, 'housing.txt', {
        headline: 'Council doubles social housing target',
      })
      const floods = writeArticle(work, 'floods.txt', {
        headline: 'River wardens warn of spring floods',
      })
      const draft = writeArticle(work, 'draft.txt', {
        headline: 'Bridge repairs delayed until summer',
      })

      const politics = await site.run([
        'import',
        housing,
        '--section',
        'politics',
        '--tag',
        'Housing',
        '--tag',
        'City hall',
      ])
      assert.equal(politics.code, 0, show(politics))
      assert.match(
        politics.stdout,
        /: created "council-doubles-social-housing-target" in Politics \(published\)/,
      )

      // Options may also come before the paths.
      const tagged = await site.run(['import', '--tag', 'Weather', '--tag', 'Rivers', floods])
      assert.equal(tagged.code, 0, show(tagged))
      assert.match(
        tagged.stdout,
        /: created "river-wardens-warn-of-spring-floods" in News \(published\)/,
      )

      const drafted = await site.run(['import', '--draft', draft])
      assert.equal(drafted.code, 0, show(drafted))
      assert.match(
        drafted.stdout,
        /: created "bridge-repairs-delayed-until-summer" in News \(draft\)/,
      )
      assert.equal(reportRow(drafted.stdout, 'published'), '(not yet)')

      await site.inspect(async (ctx) => {
        const housingArticle = await ctx.stores.articles.findBySlug(
          'council-doubles-social-housing-target',
        )
        assert.equal(housingArticle?.section.slug, 'politics')
        assert.deepEqual(housingArticle?.tags.map((tag) => tag.name).sort(), [
          'City hall',
          'Housing',
        ])

        const floodsArticle = await ctx.stores.articles.findBySlug(
          'river-wardens-warn-of-spring-floods',
        )
        assert.deepEqual(floodsArticle?.tags.map((tag) => tag.name).sort(), ['Rivers', 'Weather'])

        const draftArticle = await ctx.stores.articles.findBySlug(
          'bridge-repairs-delayed-until-summer',
        )
        assert.equal(draftArticle?.status, 'draft')
        assert.equal(draftArticle?.publishedAt, null)
        const listed = await ctx.services.articles.listPublished({}, 1, 50)
        assert.equal(listed.total, 2, 'the draft is not listed publicly')
        assert.ok(!listed.items.some((item) => item.slug === draftArticle?.slug))
      })
    })

    test('--section naming no section fails clearly and keeps what was imported before', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)
      const kept = writeArticle(work, 'kept.txt', { headline: 'Library extends opening hours' })
      const refused = writeArticle(work, 'refused.txt', {
        headline: 'Ferry timetable changes in May',
      })

      const first = await site.run(['import', kept])
      assert.equal(first.code, 0, show(first))

      const wrong = await site.run(['import', refused, '--section', 'nope'])
      assert.equal(wrong.code, 1, show(wrong))
      // Refused once, up front, with the sections that do exist.
      assert.match(wrong.stderr, /^There is no section "nope"\. Sections: news, politics, /m)
      assert.doesNotMatch(wrong.stdout, /created|Imported/)
      assertNoStackTrace(wrong.stderr)

      await site.inspect(async (ctx) => {
        assert.equal(await countPublished(ctx), 1)
        assert.ok(await ctx.stores.articles.findBySlug('library-extends-opening-hours'))
        assert.equal(
          await ctx.stores.articles.findBySlug('ferry-timetable-changes-in-may'),
          undefined,
        )
      })
    })

    test('refuses bad files one by one, naming each and why, and imports the rest', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)

      const earlier = writeArticle(work, 'earlier.txt', {
        headline: 'Harbour cranes return after refit',
      })
      const setup = await site.run(['import', earlier])
      assert.equal(setup.code, 0, show(setup))

      const good = writeArticle(work, 'good.txt', { headline: 'School meals to use local produce' })
      const empty = join(work, 'empty.txt')
      writeFileSync(empty, '')
      const blank = join(work, 'blank.txt')
      writeFileSync(blank, '  \n\t\n\n   \n')
      const binary = join(work, 'binary.txt')
      writeFileSync(
        binary,
        Buffer.concat([
          Buffer.from(buildArticleText()),
          Buffer.from([0, 1, 2, 0]),
          Buffer.from('tail\n'),
        ]),
      )
      const latin1 = join(work, 'latin1.txt')
      writeFileSync(
        latin1,
        Buffer.from(buildArticleText({ headline: 'Café owners protest new rent rules' }), 'latin1'),
      )
      const huge = join(work, 'huge.txt')
      const paragraph = 'The committee heard evidence from residents for most of the afternoon. '
      writeFileSync(
        huge,
        buildArticleText({
          headline: 'An article far too long to be real',
          body: Array.from({ length: Math.ceil(1_600_000 / paragraph.length) }, () => paragraph),
        }),
      )
      const headlineOnly = join(work, 'headline-only.txt')
      writeFileSync(headlineOnly, 'Just a headline and nothing else\n')
      const missing = join(work, 'missing.txt')

      const files = [empty, blank, binary, latin1, huge, headlineOnly, missing, good]
      const result = await site.run(['import', ...files])

      assert.equal(result.code, 1, show(result))
      assert.match(result.stderr, failureLine(empty, 'is empty'))
      assert.match(result.stderr, failureLine(blank, 'is empty'))
      assert.match(result.stderr, failureLine(binary, 'is a binary file'))
      assert.match(result.stderr, failureLine(latin1, 'is not UTF-8'))
      assert.match(result.stderr, failureLine(huge, 'is too large'))
      assert.match(result.stderr, /the limit is 1,048,576 bytes/)
      assert.match(result.stderr, failureLine(headlineOnly, 'there is no body text'))
      assert.match(result.stderr, failureLine(missing, 'does not exist'))
      assert.equal(result.stderr.match(/^✗ /gm)?.length, 7, show(result))
      assertNoStackTrace(result.stderr)
      assert.match(result.stdout, /: created "school-meals-to-use-local-produce" in News/)
      assert.match(
        result.stdout,
        /^Imported 8 items: 1 created, 0 updated, 0 unchanged, 7 failed\.$/m,
      )

      await site.inspect(async (ctx) => {
        const listed = await ctx.services.articles.listPublished({}, 1, 50)
        assert.deepEqual(listed.items.map((item) => item.slug).sort(), [
          'harbour-cranes-return-after-refit',
          'school-meals-to-use-local-produce',
        ])
      })
    })
  })

  describe(`dateline import DIR (${dialect})`, () => {
    test('imports every .txt below a folder, with a summary and the failures by name', async (t) => {
      const site = await cliSite(t, dialect)
      const archive = tempDir(t)
      mkdirSync(join(archive, '2026', 'march'), { recursive: true })
      const good: string[] = []
      for (let n = 1; n <= 11; n++) {
        const folder = n % 2 === 0 ? join(archive, '2026', 'march') : archive
        writeArticle(folder, `story-${String(n).padStart(2, '0')}.txt`, {
          headline: `Archive story number ${n} about the harbour`,
        })
        good.push(`archive-story-number-${n}-about-the-harbour`)
      }
      const empty = join(archive, '2026', 'empty.txt')
      writeFileSync(empty, '\n\n')
      const headlineOnly = join(archive, 'headline-only.txt')
      writeFileSync(headlineOnly, 'A headline with no story\n')
      // Not .txt: not imported, not counted.
      writeFileSync(join(archive, 'notes.md'), '# Notes\n\nNot an article.\n')

      const result = await site.run(['import', archive])

      assert.equal(result.code, 1, show(result))
      assert.match(
        result.stdout,
        /^Imported 13 items: 11 created, 0 updated, 0 unchanged, 2 failed\.$/m,
      )
      assert.doesNotMatch(result.stdout, /^✓/m, 'more than 10 files: no report per file')
      assert.match(result.stderr, failureLine(empty, 'is empty'))
      assert.match(result.stderr, failureLine(headlineOnly, 'there is no body text'))
      assert.equal(result.stderr.match(/^✗ /gm)?.length, 2, show(result))
      assert.doesNotMatch(result.stderr, /notes\.md/)

      const again = await site.run(['import', archive])
      assert.equal(again.code, 1, show(again))
      assert.match(
        again.stdout,
        /^Imported 13 items: 0 created, 0 updated, 11 unchanged, 2 failed\.$/m,
      )

      await site.inspect(async (ctx) => {
        const listed = await ctx.services.articles.listPublished({}, 1, 50)
        assert.equal(listed.total, 11)
        assert.deepEqual(listed.items.map((item) => item.slug).sort(), good.sort())
      })
    })
  })
}
