// `dateline import --format wxr|ghost FILE [--media DIR]`: the real exports
// through the command line on both databases, and bad files refused whole
// with their line and column (nothing imported from them); one run as a
// real process.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { testDialects } from '../helpers/dialects.js'
import { assertNoStackTrace, cliEnv, inspectDataDir, runCli, show, tempDir } from './cli.js'
import { cliSite } from './in-process.js'

const FIXTURES = join(import.meta.dirname, '../fixtures')
const WXR = join(FIXTURES, 'wordpress/export.xml')
const WP_MEDIA = join(FIXTURES, 'wordpress/media')
const GHOST = join(FIXTURES, 'ghost/export.json')

describe('dateline import --format wxr, as a process', () => {
  test(
    'imports the WordPress export with its pictures and exits 0',
    { timeout: 180_000 },
    async (t) => {
      const dataDir = tempDir(t)
      const args = ['import', '--format', 'wxr', WXR, '--media', WP_MEDIA]
      const result = await runCli(t, args, { env: cliEnv(dataDir) })
      assert.equal(result.code, 0, show(result))
      assert.match(
        result.stdout,
        /^✓ post 9 "Harbour tolls vote splits the council & the port": created → \/2026\/11\/21\/harbour-tolls-vote \(published\)$/m,
      )
      assert.match(
        result.stdout,
        /^Imported 7 items: 7 created, 0 updated, 0 unchanged, 0 failed; 3 comments, 6 redirects\.$/m,
      )
      const count = await inspectDataDir(dataDir, (ctx) => ctx.stores.media.count(''))
      assert.equal(count, 5)
    },
  )
})

for (const dialect of testDialects()) {
  describe(`dateline import --format (${dialect})`, () => {
    test('a WordPress export, then the same again: unchanged; a section map files stories', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)
      const map = join(work, 'sections.txt')
      writeFileSync(map, 'Local News = news\nbusiness = features\n')
      const args = ['import', '--format', 'wxr', WXR, '--media', WP_MEDIA, '--section-map', map]
      const first = await site.run(args)
      assert.equal(first.code, 0, show(first))
      assert.match(
        first.stdout,
        /^Authors sharing one display name became one author: Amara Okafor \(amara, amara-sports\)\.$/m,
      )
      const again = await site.run(args)
      assert.equal(again.code, 0, show(again))
      assert.match(
        again.stdout,
        /^Imported 7 items: 0 created, 0 updated, 7 unchanged, 0 failed; 0 comments/m,
      )
      const sections = await site.inspect(async (ctx) => {
        const ids = await Promise.all(
          ['9', '10'].map((id) =>
            ctx.stores.articles.findIdByImportKey(`wordpress:http://127.0.0.1:8089:${id}`),
          ),
        )
        return Promise.all(
          ids.map(async (id) => (await ctx.stores.articles.findById(id ?? ''))?.section.slug),
        )
      })
      assert.deepEqual(sections, ['news', 'features'])
    })

    test('malformed XML and JSON: the line and column, exit 1, nothing imported', async (t) => {
      const site = await cliSite(t, dialect)
      const work = tempDir(t)
      // The real export, broken near its end: the stories before the fault must not come in either.
      const broken = join(work, 'broken.xml')
      const lines = readFileSync(WXR, 'utf8').split('\n')
      const at = lines.length - 5
      lines[at] = `${lines[at]}<oops>`
      writeFileSync(broken, lines.join('\n'))
      const xml = await site.run(['import', '--format', 'wxr', broken])
      assert.equal(xml.code, 1, show(xml))
      assertNoStackTrace(xml.stderr)
      assert.match(
        xml.stderr,
        /broken\.xml: .+ \(line \d+, column \d+\)\. Nothing was imported from it\./,
      )
      const badJson = join(work, 'broken.json')
      writeFileSync(badJson, readFileSync(GHOST, 'utf8').replace('"posts": [', '"posts": [,'))
      const json = await site.run(['import', '--format', 'ghost', badJson])
      assert.equal(json.code, 1, show(json))
      assert.match(json.stderr, /not well-formed JSON.*\(line \d+, column \d+\)/)
      const wrongFormat = await site.run(['import', '--format', 'ghost', WXR])
      assert.equal(wrongFormat.code, 1, show(wrongFormat))
      const unknown = await site.run(['import', '--format', 'blogger', WXR])
      assert.equal(unknown.code, 2, show(unknown))
      assert.match(unknown.stderr, /There is no format "blogger"; formats: text, wxr, ghost/)
      const dryRun = await site.run(['import', '--format', 'wxr', '--dry-run', WXR])
      assert.equal(dryRun.code, 2, show(dryRun))
      assert.match(dryRun.stderr, /--dry-run is not available for --format wxr yet/)
      const articles = await site.inspect((ctx) =>
        ctx.stores.articles.findIdBySlug('harbour-tolls-vote'),
      )
      assert.equal(articles, undefined)
    })
  })
}
