import { Console } from 'node:console'
import type { ContextOptions } from '../context.js'

/**
 * What a command reads from and writes to its surroundings: the process's
 * environment and streams when `dateline` runs, captured ones when a test
 * runs a command inside its own process.
 */
/** Exit codes: 0 done, 1 failed, 2 the command line was wrong. */
export const EXIT_USAGE = 2

export interface CliIo {
  /** The settings, as environment variables (config.ts reads them). */
  env: Readonly<Record<string, string | undefined>>
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  /** Options for the context each command opens: tests give their clock. */
  contextOptions?: ContextOptions
}

/** What commands print with: console.log and console.error onto the io's streams. */
export interface CliOutput {
  log(...data: unknown[]): void
  error(...data: unknown[]): void
  /** Standard error when it is a terminal, for a progress bar; undefined otherwise. */
  progress: NodeJS.WritableStream | undefined
}

export function outputOf(io: CliIo): CliOutput {
  const console = new Console({ stdout: io.stdout, stderr: io.stderr })
  return {
    log: (...data) => console.log(...data),
    error: (...data) => console.error(...data),
    progress: io.stderr.isTTY === true ? io.stderr : undefined,
  }
}

/** The real process's environment and streams. */
export function processIo(): CliIo {
  return { env: process.env, stdout: process.stdout, stderr: process.stderr }
}
