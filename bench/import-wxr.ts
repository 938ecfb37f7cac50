// `npm run bench:import` (builds first): 10,000 WordPress posts with 20,000 comments from one
// generated WXR file into an empty SQLite site, through the built command in
// a child process, so that its peak memory (maxRSS) is the import's alone. Targets (issue 14): under
// 30 s, peak RSS under 300 MB. Prints the file size, the time and the peak.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeWxrCorpus } from './wxr-corpus.js'

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000)
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 20_000)

/**
 * The import as a newsroom runs it: the built `dateline import` command in a
 * process of its own, which reports its time and peak memory on standard error.
 */
const CHILD = `
import { Writable } from 'node:stream'
import { runCommand } from ${JSON.stringify(new URL('../dist/cli/main.js', import.meta.url).href)}
const [file] = process.argv.slice(1)
let summary = ''
const stdout = new Writable({ write(chunk, _encoding, done) {
  for (const line of String(chunk).split('\\n')) if (/^(Imported|✗)/.test(line)) summary += line + '\\n'
  done()
} })
const started = performance.now()
const code = await runCommand(['import', '--format', 'wxr', file], { env: process.env, stdout, stderr: process.stderr })
const seconds = (performance.now() - started) / 1000
const usage = process.resourceUsage()
process.stderr.write(JSON.stringify({ code, seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024, summary }))
`

{
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-import-'))
  try {
    const file = join(dir, 'export.xml')
    await writeWxrCorpus(file, POSTS, COMMENTS)
    const megabytes = statSync(file).size / 1024 / 1024
    // CPU_PROFILE=DIR writes a V8 CPU profile of the import there (node --cpu-prof).
    const profile = process.env.CPU_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROFILE}`]
      : []
    const run = spawnSync(
      process.execPath,
      [...profile, '--input-type=module', '-e', CHILD, file],
      {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn' },
      },
    )
    const report = run.stderr.slice(run.stderr.lastIndexOf('{"code"'))
    if (run.status !== 0 || !report.startsWith('{')) {
      throw new Error(`the import failed:\n${run.stderr}`)
    }
    const result = JSON.parse(report) as {
      seconds: number
      cpuSeconds: number
      maxRssMb: number
      summary: string
    }
    console.log(`WXR: ${POSTS} posts, ${COMMENTS} comments, ${megabytes.toFixed(1)} MB`)
    console.log(
      `import: ${result.seconds.toFixed(1)} s wall, ${result.cpuSeconds.toFixed(1)} s CPU (user+sys) (target < 30 s)`,
    )
    console.log(`peak RSS: ${result.maxRssMb.toFixed(0)} MB (target < 300 MB)`)
    console.log(result.summary.trim())
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
