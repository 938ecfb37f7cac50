// A 200 MB WordPress export through `dateline import` in a process of its
// own, whose peak memory (maxRSS) must stay within the import's bound (300 MB,
// as for the 10,000-post bench): the export is streamed, never held. Slow
// (minutes), so opt-in: DATELINE_LARGE_WXR=1 runs it; DATELINE_LARGE_WXR_MB
// sets another size. SQLite only: the bound is the reader's and the import's,
// not the database's.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { writeWxrCorpus } from '../../bench/wxr-corpus.js'
import { TEST_SETTINGS } from '../helpers/context.js'
import { cliEnv, ROOT, tempDir } from './cli.js'

const ENABLED = process.env.DATELINE_LARGE_WXR === '1'
const MEGABYTES = Number(process.env.DATELINE_LARGE_WXR_MB ?? 200)
/** What one generated post weighs with its two comments, near enough to size the file. */
const BYTES_PER_POST = 3_600
const PEAK_RSS_LIMIT_MB = 300

/** The child: the command from source, then its exit code, peak memory and summary as JSON. */
const CHILD = (main: string) => `
import { Writable } from 'node:stream'
import { runCommand } from ${JSON.stringify(main)}
const [file] = process.argv.slice(2)
let summary = ''
const stdout = new Writable({ write(chunk, _encoding, done) {
  for (const line of String(chunk).split('\\n')) if (/^(Imported|✗)/.test(line)) summary += line + '\\n'
  done()
} })
const code = await runCommand(['import', file], { env: process.env, stdout, stderr: process.stderr })
process.stderr.write(JSON.stringify({ code, maxRssMb: process.resourceUsage().maxRSS / 1024, summary }))
`

describe('a 200 MB WordPress export', { skip: !ENABLED && 'set DATELINE_LARGE_WXR=1' }, () => {
  test('imports whole in bounded memory', { timeout: 60 * 60_000 }, async (t) => {
    const dir = tempDir(t)
    const file = join(dir, 'export.xml')
    const posts = Math.ceil((MEGABYTES * 1024 * 1024) / BYTES_PER_POST)
    await writeWxrCorpus(file, posts, posts * 2)
    const size = statSync(file).size / 1024 / 1024
    assert.ok(size >= MEGABYTES * 0.95, `the export is ${size.toFixed(0)} MB`)
    const script = join(dir, 'child.mjs')
    writeFileSync(script, CHILD(pathToFileURL(join(ROOT, 'src/cli/main.ts')).href))
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, file], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...cliEnv(join(dir, 'data')), ...TEST_SETTINGS },
    })
    const report = run.stderr.slice(run.stderr.lastIndexOf('{"code"'))
    assert.ok(report.startsWith('{'), `the import reported nothing:\n${run.stderr.slice(-4000)}`)
    const result = JSON.parse(report) as { code: number; maxRssMb: number; summary: string }
    t.diagnostic(
      `${size.toFixed(0)} MB, ${posts} posts: peak RSS ${result.maxRssMb.toFixed(0)} MB; ${result.summary.trim()}`,
    )
    assert.equal(result.code, 0, result.summary)
    assert.match(result.summary, new RegExp(`^Imported ${posts} items: ${posts} created`, 'm'))
    assert.ok(
      result.maxRssMb < PEAK_RSS_LIMIT_MB,
      `peak RSS ${result.maxRssMb.toFixed(0)} MB (limit ${PEAK_RSS_LIMIT_MB} MB)`,
    )
  })
})
