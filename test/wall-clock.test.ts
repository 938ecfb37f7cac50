// Date independence, held by reading the code: the app reads the time only
// through the injected Clock (so every test in this process sees its test
// clock, whatever the date), and tests move that clock instead of sleeping.
// The tests that run `dateline` as a real process see the system clock; CI
// runs those with the clock years ahead and behind (.ci/run).
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((entry) => /\.tsx?$/.test(entry))
    .map((entry) => join(dir, entry))
    .sort()
}

/** Each match of `pattern` in the files, as `file:line: text`. */
function occurrences(files: readonly string[], pattern: RegExp): string[] {
  const found: string[] = []
  for (const file of files) {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n')
    lines.forEach((line, index) => {
      if (pattern.test(line)) found.push(`${file}:${index + 1}: ${line.trim()}`)
    })
  }
  return found
}

/** Reading the wall clock, or waiting on it. */
const WALL_CLOCK =
  /\bDate\.now\b|new Date\(\)|performance\.now\b|process\.hrtime|\bset(?:Timeout|Interval|Immediate)\b/

interface Allowance {
  /** What the file may use: the line must match this too. */
  what: RegExp
  why: string
}

/** The only places in src/ that may, what and why. */
const SRC_ALLOWED: Record<string, Allowance> = {
  'src/domain/clock.ts': {
    what: /new Date\(\)/,
    why: 'the system clock itself, which context.ts injects',
  },
  'src/scheduler.ts': {
    what: /setTimeout\(run, ms\)/,
    why: "the real timers behind the scheduler's Timers; it measures waits by the Clock",
  },
  'src/media/rendition-worker.ts': {
    what: /const timer = setInterval\(run, pollMs\)/,
    why: 'a poll for renditions another process or a crash left unmade; it reads no time',
  },
  'src/storage/change-feed.ts': {
    what: /setTimeout\(/,
    why: 'a pause before reconnecting to PostgreSQL, not a reading of the time',
  },
  'src/web/slow-clients.ts': {
    what: /setTimeout\(\(\) => server\.closeAllConnections\(\), graceMs\)/,
    why: "a stopping server's grace for requests under way; it reads no time",
  },
  'src/web/page-cache/page-bodies.ts': {
    what: /setImmediate\(\(\) => \{/,
    why: "a hot page's tighter compression, made once the answer is sent; it reads no time",
  },
  'src/editor/mount.ts': {
    what: /\bsetTimeout\b/,
    why: 'browser code: the editor writes Markdown back after a pause in typing; it reads no time',
  },
}

/** The only test files that read the wall clock, what and why. */
const TEST_ALLOWED: Record<string, Allowance> = {
  'test/web/admin-session.ts': {
    what: /<= Date\.now\(\)/,
    why: 'a cookie jar expires cookies by the real clock, as a browser does',
  },
  'test/helpers/eventually.ts': {
    what: /Date\.now\(\)( \+ ms|\s*>\s*until)|setTimeout as sleep/,
    why: "a deadline for another process's message, polled every 50 ms",
  },
  'test/web/page-bodies.test.ts': {
    what: /new Promise\(\(resolve\) => setImmediate\(resolve\)\)/,
    why: 'one turn of the event loop, for work scheduled after an answer; no time passes',
  },
  'test/web/memory-stores.test.ts': {
    what: /new Promise\(\(resolve\) => setImmediate\(resolve\)\)/,
    why: 'one turn of the event loop, for zlib to let go of its engines; no time passes',
  },
  'test/cli/durability.test.ts': {
    what: /new Date\(Date\.now\(\) - /,
    why: 'the server runs as a real process, on the system clock',
  },
  'test/cli/comment-burst-durability.test.ts': {
    what: /new Date\(Date\.now\(\) - /,
    why: 'the server runs as a real process, on the system clock',
  },
  'test/web/slow-clients.test.ts': {
    what: /drip = setInterval\(\(\) => \{/,
    why: "a slowloris peer dripping a header line every 200 ms, for the HTTP server's own timeouts to close",
  },
  'test/cli/cli.ts': {
    what: /const timer = setTimeout\(/,
    why: 'a deadline after which a child process is killed',
  },
  'test/cli/config-errors.test.ts': {
    what: /performance\.now\(\)/,
    why: 'how long a refused connection took: a hang is a failure',
  },
  'test/e2e/newsroom.test.ts': {
    what: /const timer = setTimeout\(\(\) => reject\(/,
    why: 'a deadline for a dialog the browser must show',
  },
}

/** A fixed wait: sleep(N), waitForTimeout(N), or a promise resolved by setTimeout after N. */
const SLEEP =
  /\b(?:sleep|delay|waitForTimeout)\(\s*[\d_]+|setTimeout\(\s*(?:resolve|r|done|next)\s*,/

function sleepsOver100(found: string): boolean {
  const line = found.slice(found.indexOf(': ') + 2)
  const ms = /(?:sleep|delay|waitForTimeout)\(\s*([\d_]+)|setTimeout\(\s*\w+\s*,\s*([\d_]+)/.exec(
    line,
  )
  const value = ms?.[1] ?? ms?.[2]
  return value === undefined || Number(value.replaceAll('_', '')) > 100
}

function outside(allowed: Record<string, Allowance>, found: readonly string[]): string[] {
  return found.filter((line) => {
    const allowance = allowed[line.slice(0, line.indexOf(':'))]
    return !allowance?.what.test(line)
  })
}

/** Each allowance still matches something: a stale one would hide a new use. */
function assertAllNeeded(allowed: Record<string, Allowance>): void {
  for (const [file, { what }] of Object.entries(allowed)) {
    const used = occurrences([file], WALL_CLOCK).some((line) => what.test(line))
    assert.ok(used, `${file} no longer needs its allowance`)
  }
}

describe('date independence', () => {
  test('src/ reads the time only through the injected Clock', () => {
    const app = sourceFiles('src').filter((file) => !/\.test\.tsx?$/.test(file))
    assert.deepEqual(outside(SRC_ALLOWED, occurrences(app, WALL_CLOCK)), [])
    assertAllNeeded(SRC_ALLOWED)
  })

  test('tests read the wall clock only where a real process or browser keeps it', () => {
    const tests = [
      ...sourceFiles('test'),
      ...sourceFiles('src').filter((file) => /\.test\.tsx?$/.test(file)),
    ].filter((file) => file !== 'test/wall-clock.test.ts')
    assert.deepEqual(outside(TEST_ALLOWED, occurrences(tests, WALL_CLOCK)), [])
    assertAllNeeded(TEST_ALLOWED)
  })

  test('no test sleeps longer than 100 ms', () => {
    const tests = [...sourceFiles('test'), ...sourceFiles('src')].filter(
      (file) => file !== 'test/wall-clock.test.ts',
    )
    assert.deepEqual(occurrences(tests, SLEEP).filter(sleepsOver100), [])
  })

  test('the patterns catch what they look for, and only that', () => {
    for (const line of [
      'const t = Date.now()',
      'const now = options.now ?? Date.now',
      'at: new Date(),',
      'setTimeout(tick, 10)',
    ]) {
      assert.ok(WALL_CLOCK.test(line), line)
    }
    for (const line of ['new Date(value)', 'ctx.clock.now()', 'clock.advance(1000)']) {
      assert.ok(!WALL_CLOCK.test(line), line)
    }
    const sleeps = (line: string) => SLEEP.test(line) && sleepsOver100(`x:1: ${line}`)
    for (const line of [
      'await sleep(1100)',
      'await page.waitForTimeout(300)',
      'await new Promise((resolve) => setTimeout(resolve, 1_000))',
    ]) {
      assert.ok(sleeps(line), line)
    }
    for (const line of ['await sleep(50)', 'setTimeout(() => reject(error), 10_000)']) {
      assert.ok(!sleeps(line), line)
    }
  })
})
