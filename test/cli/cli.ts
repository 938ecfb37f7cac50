// Helpers for running the `dateline` command from source as a real child process:
// each command's smoke test. The rest run in the test's process (in-process.ts).
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../../src/config.js'
import { createContext, type AppContext, type ContextOptions } from '../../src/context.js'
import { TEST_SETTINGS } from '../helpers/context.js'
import { buildArticleText, type ArticleTextFields } from '../helpers/factories.js'

/** The repository root: the children run here, so `--import tsx` resolves. */
export const ROOT = realpathSync(fileURLToPath(new URL('../../', import.meta.url)))
/**
 * How a child runs `dateline`: `npm test` bundles src/ once for the run
 * (scripts/compile-cli-for-tests.mjs, a sixth of tsx's start-up work); a test file
 * run on its own runs run-cli.ts from source through tsx.
 */
const RUNNER_ARGS = process.env.DATELINE_TEST_CLI
  ? [process.env.DATELINE_TEST_CLI]
  : ['--import', 'tsx', fileURLToPath(new URL('./run-cli.ts', import.meta.url))]
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))

/** How long a command may run before it is killed and the test fails. */
export const CLI_TIMEOUT_MS = 60_000

export interface CliResult {
  /** Exit code, or null when a signal ended the process. */
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A fresh temporary folder, removed after the test. */
export function tempDir(t: TestContext, prefix = 'dateline-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * The child's environment: only what a process needs to run plus the test's
 * settings. Nothing else leaks in from the parent (a DATABASE_URL or PORT set
 * in the developer's shell, node:test's own variables); process.env is never changed.
 */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT']) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  // A suite run under faketime moves the children's clock with it.
  for (const [name, value] of Object.entries(process.env)) {
    if (name === 'LD_PRELOAD' || name.startsWith('FAKETIME')) env[name] = value
  }
  return {
    ...env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SITE_TIME_ZONE: 'Europe/London',
    ...extra,
  }
}

export interface StartOptions {
  env: NodeJS.ProcessEnv
  timeoutMs?: number
}

/** A `dateline` process that is still running. */
export interface CliProcess {
  child: ChildProcess
  /** Everything printed so far. */
  readonly stdout: string
  readonly stderr: string
  /** Settles when the process has exited (or rejects when it outlived its timeout). */
  exited: Promise<CliResult>
  /** Resolves with the first stdout line matching the pattern; rejects if the process exits first. */
  waitForLine(pattern: RegExp): Promise<RegExpMatchArray>
}

/** Starts `dateline ARGS` from source; it is killed when the test ends or after the timeout. */
export function startCli(
  t: TestContext,
  args: readonly string[],
  options: StartOptions,
): CliProcess {
  const timeoutMs = options.timeoutMs ?? CLI_TIMEOUT_MS
  const child = spawn(process.execPath, [...RUNNER_ARGS, ...args], {
    cwd: ROOT,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  let timedOut = false
  const listeners = new Set<() => void>()
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk
    for (const listener of listeners) listener()
  })
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk
  })
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)

  const exited = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      for (const listener of listeners) listener()
      if (timedOut) {
        reject(
          new Error(
            `dateline ${args.join(' ')} was still running after ${timeoutMs} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
          ),
        )
      } else resolve({ code, signal, stdout, stderr })
    })
  })
  // A test that fails before waiting for the exit must not leave an unhandled rejection.
  exited.catch(() => {})
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited.catch(() => {})
    }
  })

  return {
    child,
    get stdout() {
      return stdout
    },
    get stderr() {
      return stderr
    },
    exited,
    waitForLine(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const line of stdout.split('\n')) {
            const match = pattern.exec(line)
            if (match) {
              listeners.delete(check)
              resolve(match)
              return
            }
          }
          if (child.exitCode !== null || child.signalCode !== null || timedOut) {
            listeners.delete(check)
            reject(
              new Error(
                `dateline ${args.join(' ')} exited (${child.exitCode ?? child.signalCode}) without printing ${pattern}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
              ),
            )
          }
        }
        listeners.add(check)
        check()
      })
    },
  }
}

/** Runs `dateline ARGS` to the end and returns what it printed and its exit code. */
export function runCli(
  t: TestContext,
  args: readonly string[],
  options: StartOptions,
): Promise<CliResult> {
  return startCli(t, args, options).exited
}

/** A summary of a run, for assertion messages. */
export function show(result: CliResult): string {
  return `exit ${result.code ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`
}

/** Fails if the output contains a JavaScript stack trace. */
export function assertNoStackTrace(output: string): void {
  assert.doesNotMatch(output, /^\s+at .+(:\d+:\d+\)?|\(native\))$/m, `a stack trace:\n${output}`)
  assert.doesNotMatch(output, /node:internal|\.ts:\d+:\d+/, `a stack trace:\n${output}`)
}

/** How the CLI names a file in its report: relative to its working folder, the repository root. */
export function displayName(file: string): string {
  return relative(ROOT, file) || file
}

/** The `✗ FILE REASON` line the import prints on stderr for a file it refused. */
export function failureLine(file: string, reason: string): RegExp {
  return new RegExp(`^✗ ${escapeRegExp(displayName(file))} ${escapeRegExp(reason)}`, 'm')
}

/** Whether output carries a terminal's escape sequences or carriage returns (a progress bar's). */
export function hasTerminalCodes(output: string): boolean {
  return output.includes('\u001b[') || output.includes('\r')
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Writes an article in the plain-text archive form and returns its path. */
export function writeArticle(
  dir: string,
  name: string,
  overrides: Partial<ArticleTextFields> = {},
): string {
  const file = join(dir, name)
  writeFileSync(file, buildArticleText(overrides))
  return file
}

/**
 * Opens the database a CLI run left in DATA_DIR through the same composition
 * root the CLI uses, runs `inspect` and closes it again. Call it between runs.
 */
export async function inspectDataDir<T>(
  dataDir: string,
  inspect: (ctx: AppContext) => Promise<T>,
  options: ContextOptions = {},
): Promise<T> {
  const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, ...TEST_SETTINGS }), options)
  try {
    return await inspect(ctx)
  } finally {
    await ctx.close()
  }
}

/** How many articles the public site lists. */
export async function countPublished(ctx: AppContext): Promise<number> {
  return (await ctx.services.articles.listPublished({}, 1, 50)).total
}

/** A TCP port that was free a moment ago on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port'))))
    })
  })
}
