// A 200 MB WordPress export through `dateline import` in a process of its
// own imports with the same peak memory (maxRSS) as the bench's 10,000 posts:
// the export is streamed, never held, so the peak does not grow with the
// file. Both run from source (tsx adds its own ~100 MB, so the bench's 300 MB
// for the built command is not the bound here; the bench checks that). Slow
// (minutes), so opt-in: DATELINE_LARGE_WXR=1 runs it; DATELINE_LARGE_WXR_MB
// sets another size. SQLite only: the bound is the reader's and the import's,
// not the database's.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { rmSync, statSync, writeFileSync } from 'node:fs'
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
/** The bench's export (bench/import-wxr.ts): the peak the large file must keep to. */
const BENCH_POSTS = 10_000
/** How far above the bench's peak the large file's may go: V8 collects when it likes. */
const PEAK_MARGIN = 1.15

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

interface ChildResult {
  code: number
  maxRssMb: number
  summary: string
}

/** Generates an export of `posts` posts (two comments each) and imports it in a child process. */
async function importInChild(dir: string, posts: number): Promise<ChildResult & { mb: number }> {
  const file = join(dir, `export-${posts}.xml`)
  await writeWxrCorpus(file, posts, posts * 2)
  const mb = statSync(file).size / 1024 / 1024
  const script = join(dir, 'child.mjs')
  writeFileSync(script, CHILD(pathToFileURL(join(ROOT, 'src/cli/main.ts')).href))
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, file], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...cliEnv(join(dir, `data-${posts}`)), ...TEST_SETTINGS },
  })
  rmSync(file)
  const report = run.stderr.slice(run.stderr.lastIndexOf('{"code"'))
  assert.ok(report.startsWith('{'), `the import reported nothing:\n${run.stderr.slice(-4000)}`)
  const result = JSON.parse(report) as ChildResult
  assert.equal(result.code, 0, result.summary)
  assert.match(result.summary, new RegExp(`^Imported ${posts} items: ${posts} created`, 'm'))
  return { ...result, mb }
}

describe('a 200 MB WordPress export', { skip: !ENABLED && 'set DATELINE_LARGE_WXR=1' }, () => {
  test('imports with the same peak memory as the bench', { timeout: 90 * 60_000 }, async (t) => {
    const dir = tempDir(t)
    const bench = await importInChild(dir, BENCH_POSTS)
    const posts = Math.ceil((MEGABYTES * 1024 * 1024) / BYTES_PER_POST)
    const large = await importInChild(dir, posts)
    assert.ok(large.mb >= MEGABYTES * 0.95, `the export is ${large.mb.toFixed(0)} MB`)
    for (const [what, run] of [
      [`${BENCH_POSTS} posts`, bench],
      [`${posts} posts`, large],
    ] as const) {
      t.diagnostic(
        `${what}, ${run.mb.toFixed(0)} MB: peak RSS ${run.maxRssMb.toFixed(0)} MB; ${run.summary.trim()}`,
      )
    }
    assert.ok(
      large.maxRssMb <= bench.maxRssMb * PEAK_MARGIN,
      `peak RSS ${large.maxRssMb.toFixed(0)} MB for ${large.mb.toFixed(0)} MB, ${bench.maxRssMb.toFixed(0)} MB for the bench's export`,
    )
  })
})
