// `npm run bench:import`: the plain-text import as a newsroom runs it. Writes the
// benchmark corpus as files into a fresh folder, then times `dateline import DIR`
// (the built command, a real process) into a fresh SQLite data folder.
// Target (issue 14): 10,000 articles in under 15 s.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { corpus } from './corpus.js'

const ROOT = new URL('..', import.meta.url).pathname
const quick = process.argv.includes('--quick')
const ARTICLES = quick ? 1_000 : 10_000
const TARGET_MS = 15_000

const work = mkdtempSync(join(tmpdir(), 'dateline-bench-import-'))
process.on('exit', () => rmSync(work, { recursive: true, force: true }))
const archive = join(work, 'archive')
const end = new Date('2026-11-30T12:00:00Z')
let n = 0
for (const article of corpus(ARTICLES, end)) {
  // Folders by section, as archives are often kept, so --section-map has names to read.
  const folder = join(archive, article.section)
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, `${String(n++).padStart(6, '0')}.txt`), article.text)
}

interface Usage {
  userS: number
  systemS: number
  maxRssMb: number
}
interface Run {
  ms: number
  code: number | null
  usage?: Usage
}
/**
 * Loaded into the child with --import: on exit it writes the process's own CPU
 * time (user and system) and peak RSS to standard error as one JSON line, so
 * that the bench can report CPU time beside wall time on a shared machine.
 */
const REPORT_USAGE = `data:text/javascript,${encodeURIComponent(`
process.on('exit', () => {
  const usage = process.resourceUsage()
  const report = { userS: usage.userCPUTime / 1e6, systemS: usage.systemCPUTime / 1e6, maxRssMb: usage.maxRSS / 1024 }
  process.stderr.write('\\n' + JSON.stringify({ usage: report }) + '\\n')
})`)}`
// CPU_PROFILE=DIR writes a V8 CPU profile of each run there (node --cpu-prof).
const profile = process.env.CPU_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROFILE}`]
  : []

function importArchive(dataDir: string): Promise<Run> {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    ['--import', REPORT_USAGE, ...profile, 'bin/dateline.js', 'import', archive],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)))
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const line = stderr.slice(stderr.lastIndexOf('{"usage"'))
      const usage = line.startsWith('{') ? (JSON.parse(line) as { usage: Usage }).usage : undefined
      process.stderr.write(stderr.slice(0, stderr.lastIndexOf('{"usage"')).trim())
      resolve({ ms: performance.now() - started, code, usage })
    }),
  )
}

const first = await importArchive(join(work, 'data'))
// The same archive again: every article found, compared and left unchanged.
const again = await importArchive(join(work, 'data'))
const seconds = (ms: number) => (ms / 1000).toFixed(1)
const cpu = (run: Run) =>
  run.usage
    ? `CPU ${(run.usage.userS + run.usage.systemS).toFixed(1)} s (user ${run.usage.userS.toFixed(1)}, sys ${run.usage.systemS.toFixed(1)}), peak RSS ${run.usage.maxRssMb.toFixed(0)} MB`
    : 'CPU not reported'
console.log(
  `Plain-text import (dateline import DIR, SQLite): ${ARTICLES} articles in ${seconds(first.ms)} s wall, ${cpu(first)} (target < ${TARGET_MS / 1000} s for 10,000); again, unchanged: ${seconds(again.ms)} s wall, ${cpu(again)}`,
)
if (first.code !== 0 || again.code !== 0) {
  console.error(`dateline import exited ${first.code}, then ${again.code}`)
  process.exit(1)
}
