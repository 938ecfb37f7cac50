// Running `dateline` commands inside the test's own process: the same command
// line (commander), commands and context as the binary, with the output
// captured and the exit code returned. The spawned tests (cli.ts) keep one
// run of each command through the real process.
import { Writable } from 'node:stream'
import type { TestContext } from 'node:test'
import { runCommand } from '../../src/cli/main.js'
import { loadConfig } from '../../src/config.js'
import { createContext, type AppContext } from '../../src/context.js'
import { createTestClock, TEST_SETTINGS, type TestClock } from '../helpers/context.js'
import { createTestDatabase, type DialectName } from '../helpers/dialects.js'
import { tempDir, type CliResult } from './cli.js'

/** A stream that keeps what is written to it. */
function capture(): { stream: Writable; text(): string } {
  let text = ''
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString()
      done()
    },
  })
  return { stream, text: () => text }
}

/** The settings of an in-process run: cliEnv's, and the test settings (cheap password hashes). */
export function cliSettings(
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { DATA_DIR: dataDir, SITE_TIME_ZONE: 'Europe/London', ...TEST_SETTINGS, ...extra }
}

/** A data folder and database for commands, on `dialect`; both removed after the test. */
export interface CliSite {
  dataDir: string
  /** The settings commands run with: cliEnv's, the test settings, and the database. */
  env: Record<string, string>
  clock: TestClock
  /** Runs `dateline ARGS` in this process over the site, with `extra` settings. */
  run(args: readonly string[], extra?: Record<string, string>): Promise<CliResult>
  /** Opens the database the commands use, runs `inspect` and closes it again. */
  inspect<T>(inspect: (ctx: AppContext) => Promise<T>): Promise<T>
}

export async function cliSite(t: TestContext, dialect: DialectName): Promise<CliSite> {
  const dataDir = tempDir(t)
  const env = cliSettings(dataDir)
  // SQLite stays at its default place in DATA_DIR, as for a newsroom that sets nothing.
  if (dialect === 'postgres') {
    const database = await createTestDatabase(dialect)
    t.after(() => database.drop())
    env.DATABASE_URL = database.url
  }
  const clock = createTestClock()
  return {
    dataDir,
    env,
    clock,
    run: (args, extra = {}) => runInProcess(args, { ...env, ...extra }, clock),
    async inspect(inspect) {
      const ctx = await createContext(loadConfig(env), { clock })
      try {
        return await inspect(ctx)
      } finally {
        await ctx.close()
      }
    },
  }
}

/** Runs `dateline ARGS` in this process with exactly `env` as its settings. */
export async function runInProcess(
  args: readonly string[],
  env: Record<string, string>,
  clock: TestClock = createTestClock(),
): Promise<CliResult> {
  const stdout = capture()
  const stderr = capture()
  const code = await runCommand(args, {
    env,
    stdout: stdout.stream,
    stderr: stderr.stream,
    contextOptions: { clock },
  })
  return { code, signal: null, stdout: stdout.text(), stderr: stderr.text() }
}
