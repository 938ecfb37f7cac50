// The site's secret, kept out of the database (ARCHITECTURE.md, "What a copy
// of the database reveals"): SECRET_KEY when it is set, otherwise a key file
// in DATA_DIR, made on first start, readable by its owner only, and read by
// every process that shares DATA_DIR.
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import type { Config } from './config.js'

export const KEY_FILE_NAME = 'secret.key'

/** The shortest key, in characters, taken from SECRET_KEY or the key file. */
export const MIN_SECRET_LENGTH = 32

/** The secret cannot be had, or does not fit the database; the message says what to do. */
export class SecretKeyError extends Error {}

/** SECRET_KEY, or the key file in DATA_DIR (made now if there is none). */
export function loadSecretKey(config: Pick<Config, 'secretKey' | 'dataDir'>): string {
  return config.secretKey ?? readOrCreateKeyFile(join(config.dataDir, KEY_FILE_NAME))
}

function readOrCreateKeyFile(path: string): string {
  try {
    return createKeyFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new SecretKeyError(
        `Cannot create the key file ${path}: ${(error as Error).message}. Make DATA_DIR writable, or set SECRET_KEY.`,
        { cause: error },
      )
    }
  }
  let key: string
  try {
    key = readFileSync(path, 'utf8').trim()
  } catch (error) {
    throw new SecretKeyError(`Cannot read the key file ${path}: ${(error as Error).message}`, {
      cause: error,
    })
  }
  if (key.length < MIN_SECRET_LENGTH) {
    throw new SecretKeyError(
      `The key file ${path} holds fewer than ${MIN_SECRET_LENGTH} characters. Restore it from a backup, or set SECRET_KEY.`,
    )
  }
  return key
}

/**
 * Writes a new key beside the final name, then links it into place: two
 * processes starting together never read a half-written file, and the one
 * that loses the race reads the winner's key (EEXIST).
 */
function createKeyFile(path: string): string {
  const dir = join(path, '..')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const key = randomBytes(32).toString('base64url')
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`
  const fd = openSync(draft, 'wx', 0o600)
  try {
    writeSync(fd, `${key}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    linkSync(draft, path)
  } finally {
    unlinkSync(draft)
  }
  // The name, too, must survive a crash: a key lost after first use would orphan every hash.
  const dirFd = openSync(dir, 'r')
  try {
    fsyncSync(dirFd)
  } finally {
    closeSync(dirFd)
  }
  return key
}
