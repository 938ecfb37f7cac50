import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { runMediaAdd } from '../../src/cli/commands/media.js'
import type { CliOutput } from '../../src/cli/io.js'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { testDialects } from '../helpers/dialects.js'
import { AGENCY_TAGS, photo, withTags } from '../helpers/images.js'
import { createMediaContext, mediaSetups } from '../helpers/media.js'
import {
  assertNoStackTrace,
  cliEnv,
  escapeRegExp,
  inspectDataDir,
  runCli,
  show,
  tempDir,
} from './cli.js'

const TIMEOUT = { timeout: 180_000 }
const ID = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'

/** An output that keeps what the command printed. */
function captured(): CliOutput & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return {
    out,
    err,
    log: (...data) => out.push(data.join(' ')),
    error: (...data) => err.push(data.join(' ')),
    progress: undefined,
  }
}

describe('dateline media add FILE…', () => {
  test(
    'as a real process: reports each file, adds the good one with its renditions, exits 1 for the bad one',
    TIMEOUT,
    async (t) => {
      const dataDir = tempDir(t)
      const work = tempDir(t)
      const good = join(work, 'boats.jpg')
      const bad = join(work, 'minutes.jpg')
      writeFileSync(good, withTags(await photo({ width: 1000, height: 600 }), AGENCY_TAGS))
      writeFileSync(bad, 'Minutes of the harbour council.\n')
      const env = cliEnv(dataDir, { SITE_URL: 'https://news.example' })

      const result = await runCli(t, ['media', 'add', good, bad], { env })
      assert.equal(result.code, 1, show(result))
      assertNoStackTrace(result.stdout + result.stderr)
      const added = new RegExp(`^✓ ${escapeRegExp(good)}: added as (${ID})$`, 'm').exec(
        result.stdout,
      )
      assert.ok(added, show(result))
      const url = /^ {4}url {6}(https:\/\/news\.example\/media\/([0-9a-f]{20}-1000\.jpg))$/m.exec(
        result.stdout,
      )
      assert.ok(url, show(result))
      assert.match(result.stdout, /^ {4}size {5}1000 × 600 pixels$/m)
      assert.match(result.stdout, /^ {4}filled {3}caption, credit, copyright \(from the file\)$/m)
      assert.match(result.stdout, /^Renditions made for 1 image\.$/m)
      assert.match(result.stdout, /^1 of 2 files added\.$/m)
      assert.match(
        result.stderr,
        new RegExp(`^✗ ${escapeRegExp(bad)}: This file is text, not an image`, 'm'),
      )

      const item = await inspectDataDir(dataDir, (ctx) => ctx.stores.media.findById(added[1]!))
      assert.equal(item?.renditionsStatus, 'ready', 'renditions are made before the command ends')
      assert.equal(item?.credit, 'Sigrid Lunde / Nordic Wire')
      assert.ok(existsSync(join(dataDir, 'media', 'renditions', url[2]!)), 'the URL names a file')
    },
  )
})

for (const [label, dialect, driver] of mediaSetups(testDialects())) {
  describe(`dateline media add, in-process (${label})`, () => {
    test('typed fields win over the file’s; duplicates, missing, oversized and folders are reported', async (t) => {
      const { ctx } = await createMediaContext(t, dialect, driver, { MEDIA_MAX_MB: '1' })
      const work = tempDir(t)
      const tagged = join(work, 'agency.jpg')
      writeFileSync(tagged, withTags(await photo({ width: 500, height: 400 }), AGENCY_TAGS))
      const huge = join(work, 'huge.jpg')
      writeFileSync(huge, Buffer.alloc(2 * 1024 * 1024, 1))

      const first = captured()
      const code = await runMediaAdd(
        ctx,
        [tagged, join(work, 'missing.jpg'), huge, work],
        { alt: 'Boats in a harbour', caption: 'Our caption', credit: 'Staff photographer' },
        first,
      )
      assert.equal(code, 1)
      assert.ok(first.out.includes('    filled   copyright (from the file)'), first.out.join('\n'))
      assert.deepEqual(first.err, [
        `✗ ${join(work, 'missing.jpg')}: cannot be read (ENOENT)`,
        `✗ ${huge}: is 2 MB; the library takes files up to 1 MB (MEDIA_MAX_MB)`,
        `✗ ${work}: is not a file`,
      ])
      const { items } = await ctx.services.media.list(COMMAND_LINE, {
        query: '',
        page: 1,
        perPage: 10,
      })
      assert.equal(items.length, 1)
      assert.equal(items[0]?.alt, 'Boats in a harbour')
      assert.equal(items[0]?.caption, 'Our caption')
      assert.equal(items[0]?.credit, 'Staff photographer')
      assert.equal(items[0]?.copyright, '© 2026 Nordic Wire')
      assert.equal(items[0]?.renditionsStatus, 'ready')

      const again = captured()
      assert.equal(await runMediaAdd(ctx, [tagged], {}, again), 0)
      assert.match(again.out[0] ?? '', new RegExp(`: already in the library as ${items[0]?.id}$`))
    })
  })
}
