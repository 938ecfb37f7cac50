// `npm run bench:import`: 10,000 WordPress posts with 20,000 comments from one
// generated WXR file into an empty SQLite site, in a child process so that
// its peak memory (maxRSS) is the import's alone. Targets (issue 14): under
// 30 s, peak RSS under 300 MB. Prints the file size, the time and the peak.
import { spawnSync } from 'node:child_process'
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadConfig } from '../src/config.js'
import { createContext } from '../src/context.js'
import { readWordpressExport } from '../src/text/import/wordpress/wxr-reader.js'
import { writeWxrCorpus } from './wxr-corpus.js'

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000)
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 20_000)

async function child(file: string, dataDir: string): Promise<void> {
  const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }))
  await ctx.services.sections.ensureDefaults()
  const started = performance.now()
  const summary = await ctx.services.siteImport.importItems(
    readWordpressExport(() => createReadStream(file, { highWaterMark: 256 * 1024 })),
    { defaultSection: 'news' },
  )
  const seconds = (performance.now() - started) / 1000
  await ctx.close()
  const maxRssMb = process.resourceUsage().maxRSS / 1024
  process.stdout.write(JSON.stringify({ seconds, maxRssMb, summary }))
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] ?? '', process.argv[4] ?? '')
} else {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-import-'))
  try {
    const file = join(dir, 'export.xml')
    await writeWxrCorpus(file, POSTS, COMMENTS)
    const megabytes = statSync(file).size / 1024 / 1024
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--child', file, join(dir, 'data')],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    )
    if (run.status !== 0) throw new Error(`the import failed:\n${run.stderr}`)
    const result = JSON.parse(run.stdout) as { seconds: number; maxRssMb: number; summary: object }
    console.log(`WXR: ${POSTS} posts, ${COMMENTS} comments, ${megabytes.toFixed(1)} MB`)
    console.log(`import: ${result.seconds.toFixed(1)} s (target < 30 s)`)
    console.log(`peak RSS: ${result.maxRssMb.toFixed(0)} MB (target < 300 MB)`)
    console.log(`summary: ${JSON.stringify(result.summary)}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
