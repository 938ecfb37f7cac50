// `dateline import FILE [--media DIR]` with WordPress and Ghost exports: the
// real exports recognised by their content (or named with --format), on both
// databases, through the same report as the archive; --dry-run changes no
// row and no file; bad files refused whole with their line and column
// (nothing imported from them); one run as a real process, whose piped
// output carries no progress.
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { testDialects } from '../helpers/dialects.js'
import { snapshotTables } from '../helpers/raw-sql.js'
import {
  assertNoStackTrace,
  cliEnv,
  hasTerminalCodes,
  inspectDataDir,
  runCli,
  show,
  tempDir,
} from './cli.js'
import { cliSite } from './in-process.js'

const FIXTURES = join(import.meta.dirname, '../fixtures')
const WXR = join(FIXTURES, 'wordpress/export.xml')
const WP_MEDIA = join(FIXTURES, 'wordpress/media')
const GHOST = join(FIXTURES, 'ghost/export.json')
const GHOST_MEDIA = join(FIXTURES, 'ghost/media')
const WP_SITE = 'wordpress:http://127.0.0.1:8089'

/** The files under a folder (the media library's originals and renditions), sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()
}

describe('dateline import of a WordPress export, as a process', () => {
  test(
    'recognised without --format, imported with its pictures; a pipe gets the report and no progress',
    { timeout: 180_000 },
    async (t) => {
      const dataDir = tempDir(t)
      const result = await runCli(t, ['import', WXR, '--media', WP_MEDIA], {
        env: cliEnv(dataDir),
      })
      assert.equal(result.code, 0, show(result))
      assert.match(
        result.stdout,
        /^✓ post 9 "Harbour tolls vote splits the council & the port": created → \/2026\/11\/21\/harbour-tolls-vote \(published\)$/m,
      )
      assert.match(
        result.stdout,
        /^Imported 7 items: 7 created, 0 updated, 0 unchanged, 0 failed; 3 comments, 6 redirects\.$/m,
      )
      // Standard error is a pipe here: no progress line, no terminal codes anywhere.
      assert.equal(result.stderr, '')
      assert.ok(!hasTerminalCodes(result.stdout))
      const count = await inspectDataDir(dataDir, (ctx) => ctx.stores.media.count(''))
      assert.equal(count, 5)
    },
  )
})

for (const dialect of testDialects()) {
  describe(`dateline import of WordPress and Ghost exports (${dialect})`, () => {
    test('a WordPress export, then the same again (--format wxr): unchanged; a section map files stories', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)
      const map = join(work, 'sections.txt')
      writeFileSync(map, 'Local News = news\nbusiness = features\n')
      const args = ['import', WXR, '--media', WP_MEDIA, '--section-map', map]
      const first = await site.run(args)
      assert.equal(first.code, 0, show(first))
      assert.match(
        first.stdout,
        /^Authors sharing one display name became one author: Amara Okafor \(amara, amara-sports\)\.$/m,
      )
      // The old name of the format still forces it.
      const again = await site.run([...args, '--format', 'wxr'])
      assert.equal(again.code, 0, show(again))
      assert.match(
        again.stdout,
        /^Imported 7 items: 0 created, 0 updated, 7 unchanged, 0 failed; 0 comments/m,
      )
      const sections = await site.inspect(async (ctx) => {
        const ids = await Promise.all(
          ['9', '10'].map((id) => ctx.stores.articles.findIdByImportKey(`${WP_SITE}:${id}`)),
        )
        return Promise.all(
          ids.map(async (id) => (await ctx.stores.articles.findById(id ?? ''))?.section.slug),
        )
      })
      assert.deepEqual(sections, ['news', 'features'])
    })

    test('a Ghost export is recognised by its content, beside archive text in the same run', async (t) => {
      const site = await cliSite(t, dialect)
      const result = await site.run(['import', GHOST, '--media', GHOST_MEDIA])
      assert.equal(result.code, 0, show(result))
      assert.match(result.stdout, /^✓ post harbour-tolls-vote ".+": created → \/2026\/11\/21\//m)
      assert.match(
        result.stdout,
        /^Imported 5 items: 5 created, 0 updated, 0 unchanged, 0 failed;/m,
      )
      const forced = await site.run([
        'import',
        '--format',
        'ghost',
        GHOST,
        '--media',
        GHOST_MEDIA,
        '--draft',
      ])
      assert.match(
        forced.stdout,
        /^--draft applies to archive articles only: WordPress and Ghost stories keep their own status/m,
      )
      assert.match(
        forced.stdout,
        /^Imported 5 items: 0 created, 0 updated, 5 unchanged, 0 failed;/m,
      )
    })

    test('--dry-run reports both exports and changes no row and no file', async (t) => {
      const site = await cliSite(t, dialect)
      // A site with content: the Ghost export in, then the WordPress one edited.
      const seeded = await site.run(['import', GHOST, '--media', GHOST_MEDIA])
      assert.equal(seeded.code, 0, show(seeded))
      const work = tempDir(t)
      const edited = join(work, 'export.xml')
      writeFileSync(edited, readFileSync(WXR, 'utf8'))
      const media = join(site.dataDir, 'media')
      const before = await site.inspect(snapshotTables)
      const filesBefore = filesUnder(media)
      assert.ok(filesBefore.length > 0, 'the library has files to compare')

      const dry = await site.run(['import', edited, '--media', WP_MEDIA, '--dry-run'])
      assert.equal(dry.code, 0, show(dry))
      assert.match(
        dry.stdout,
        /^✓ post 9 "Harbour tolls vote splits the council & the port": would create → \/2026\/11\/21\/harbour-tolls-vote-2 \(published\)$/m,
      )
      // What the import would meet: the Ghost story's slug taken, a section to make.
      assert.match(dry.stdout, /^ {4}The slug "harbour-tolls-vote" is taken/m)
      assert.match(dry.stdout, /^ {4}The section "Local News" would be created for it\.$/m)
      assert.match(
        dry.stdout,
        /^Dry run, nothing was changed\. 7 items would be: 7 created, 0 updated, 0 unchanged, 0 failed; 3 comments, 6 redirects\.$/m,
      )
      const dryGhost = await site.run(['import', GHOST, '--media', GHOST_MEDIA, '--dry-run'])
      assert.match(dryGhost.stdout, /^✓ post harbour-tolls-vote ".+": would skip \(unchanged/m)
      assert.match(
        dryGhost.stdout,
        /^Dry run, nothing was changed\. 5 items would be: 0 created, 0 updated, 5 unchanged, 0 failed; 0 comments, \d+ redirects\.$/m,
      )
      assert.deepEqual(await site.inspect(snapshotTables), before, 'every table is as it was')
      assert.deepEqual(filesUnder(media), filesBefore, 'no picture was stored')

      const real = await site.run(['import', edited, '--media', WP_MEDIA])
      assert.match(real.stdout, /^Imported 7 items: 7 created, 0 updated, 0 unchanged, 0 failed;/m)
    })

    test('malformed XML and JSON, other dialects and unknown formats: exit 1, nothing imported', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)
      // The real export, broken near its end: the stories before the fault must not come in either.
      const broken = join(work, 'broken.xml')
      const lines = readFileSync(WXR, 'utf8').split('\n')
      const at = lines.length - 5
      lines[at] = `${lines[at]}<oops>`
      writeFileSync(broken, lines.join('\n'))
      const xml = await site.run(['import', broken])
      assert.equal(xml.code, 1, show(xml))
      assertNoStackTrace(xml.stderr)
      assert.match(
        xml.stderr,
        /broken\.xml: .+ \(line \d+, column \d+\)\. Nothing was imported from it\./,
      )
      const badJson = join(work, 'broken.json')
      writeFileSync(badJson, readFileSync(GHOST, 'utf8').replace('"posts": [', '"posts": [,'))
      const json = await site.run(['import', badJson])
      assert.equal(json.code, 1, show(json))
      assert.match(json.stderr, /not well-formed JSON.*\(line \d+, column \d+\)/)
      const wrongFormat = await site.run(['import', '--format', 'ghost', WXR])
      assert.equal(wrongFormat.code, 1, show(wrongFormat))
      assert.match(wrongFormat.stderr, /not well-formed JSON|not a Ghost export/)
      // An RSS file of another platform: not taken for WordPress, and refused when forced.
      const other = join(work, 'other.xml')
      writeFileSync(other, '<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>\n')
      const unrecognised = await site.run(['import', other])
      assert.equal(unrecognised.code, 1, show(unrecognised))
      assert.match(unrecognised.stderr, /other\.xml is in no format dateline import reads/)
      const forced = await site.run(['import', '--format', 'wordpress', other])
      assert.match(forced.stderr, /other\.xml: This is not a WordPress export/)
      const unknown = await site.run(['import', '--format', 'blogger', WXR])
      assert.equal(unknown.code, 2, show(unknown))
      assert.match(unknown.stderr, /There is no format "blogger"; formats: text, wordpress, ghost/)
      const articles = await site.inspect((ctx) =>
        ctx.stores.articles.findIdBySlug('harbour-tolls-vote'),
      )
      assert.equal(articles, undefined)
    })
  })
}
