// The progress lines of `dateline import`: on a terminal, a line per export
// (bytes read of its size, items, rate) and one for a run of archive files;
// on a pipe, nothing but the report and the summary.
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { runCommand } from '../../src/cli/main.js'
import { testDialects } from '../helpers/dialects.js'
import { hasTerminalCodes, tempDir, writeArticle } from './cli.js'
import { cliSite } from './in-process.js'

const WXR = join(import.meta.dirname, '../fixtures/wordpress/export.xml')

/** A stream that keeps what is written to it; `isTTY` as a terminal's or a pipe's. */
function capture(isTTY: boolean): Writable & { isTTY: boolean; text: string } {
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        stream.text += chunk.toString()
        done()
      },
    }),
    { isTTY, text: '', columns: 160 },
  )
  return stream
}

for (const dialect of testDialects()) {
  describe(`dateline import progress (${dialect})`, () => {
    test('a terminal gets a progress line per input; a pipe gets none', async (t) => {
      const site = await cliSite(t, dialect)
      const archive = tempDir(t)
      writeArticle(archive, 'one.txt', { headline: 'Ferry fares frozen for a year' })
      writeArticle(archive, 'two.txt', { headline: 'Museum roof repairs begin' })
      const run = async (isTTY: boolean) => {
        const stdout = capture(false)
        const stderr = capture(isTTY)
        const code = await runCommand(['import', WXR, archive, '--dry-run'], {
          env: site.env,
          stdout,
          stderr,
          contextOptions: { clock: site.clock },
        })
        return { code, stdout: stdout.text, stderr: stderr.text }
      }

      const terminal = await run(true)
      assert.equal(terminal.code, 0, terminal.stderr)
      // The export: its bytes read on the second pass, and its items; the archive: files done.
      assert.match(
        terminal.stderr,
        /export\.xml \[[^\]]*\] [\d.]+\/[\d.]+ MB \(pass 2\), 7 items, \d+ items\/s/,
      )
      assert.match(terminal.stderr, /Importing \[[^\]]*\] 2\/2 files, 2 items, \d+ items\/s/)
      assert.ok(!hasTerminalCodes(terminal.stdout), 'the report stays clean')

      const pipe = await run(false)
      assert.equal(pipe.code, 0)
      assert.equal(pipe.stderr, '', 'no progress on a pipe')
      assert.ok(!hasTerminalCodes(pipe.stdout))
      assert.doesNotMatch(pipe.stdout, /items\/s/)
      assert.match(pipe.stdout, /^Dry run, nothing was changed\. 9 items would be: 9 created/m)
      // The same report either way: only standard error differs.
      assert.equal(pipe.stdout, terminal.stdout)
    })
  })
}
