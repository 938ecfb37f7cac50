// What stops the server or a command from starting, and how a fatal error is
// told. Kept apart from main.ts so that the CLI can tell one without loading
// the web app (a command that serves nothing should not carry it).
import { ConfigError } from './config.js'
import { SecretKeyError } from './secret-key.js'
import { DatabaseUnavailableError } from './storage/database.js'

/** Something stops the server from starting; the message says what to do. */
export class StartupError extends Error {}

/** An expected failure (settings, database, key, port) as its message alone; anything else with its stack. */
export function describeFatal(error: unknown): string {
  const expected =
    error instanceof ConfigError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof SecretKeyError ||
    error instanceof StartupError
  if (expected) return `Error: ${error.message}`
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}
