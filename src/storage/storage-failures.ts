// What the database drivers throw when the database itself fails, told in the
// domain's words (StorageFullError, StorageUnavailableError), so that a full
// disk or a stopped PostgreSQL answers 507 or 503 with a message, never a bare
// 500. Every statement goes through here: the dialect's driver is wrapped once,
// in database.ts, and its connections with it.
import type { DatabaseConnection, Dialect, Driver } from 'kysely'
import { StorageFullError, StorageUnavailableError, ValidationError } from '../domain/errors.js'

/** SQLite's and PostgreSQL's codes for "no room left". */
const FULL_CODES = new Set(['SQLITE_FULL', '53100', 'ENOSPC'])

/**
 * Codes of a database that cannot be reached or is going away: connection
 * errors from the network, PostgreSQL shutting down or refusing connections
 * (57P01–57P03, 53300), any connection exception (class 08), and SQLite
 * still locked when its busy timeout ran out.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'SQLITE_BUSY',
])

/** pg reports a connection lost or never made with these messages and no code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection closed/i

/**
 * PostgreSQL cannot hold U+0000 in text and refuses it (22021). Most input
 * loses control characters before it gets here; whatever still carries one is
 * bad input, answered as such, not a fault.
 */
const NUL_IN_TEXT = '22021'

/** The error in the domain's words when it is the database failing; otherwise the error itself. */
export function translateStorageError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error
  const code = 'code' in error ? String(error.code) : ''
  if (code === NUL_IN_TEXT) {
    return new ValidationError('invalid_text', 'Text cannot hold a NUL character (U+0000).', {
      cause: error,
    })
  }
  if (FULL_CODES.has(code)) return new StorageFullError({ cause: error })
  if (UNAVAILABLE_CODES.has(code) || /^08/.test(code)) {
    return new StorageUnavailableError({ cause: error })
  }
  if (error instanceof AggregateError) {
    const inner = error.errors.map(translateStorageError)
    return inner.find((item) => item instanceof StorageUnavailableError) ?? error
  }
  const message = error instanceof Error ? error.message : ''
  if (code === '' && UNAVAILABLE_MESSAGES.test(message)) {
    return new StorageUnavailableError({ cause: error })
  }
  return error
}

async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw translateStorageError(error)
  }
}

/** A property of `target`, with methods bound to it (drivers keep private state). */
function forwarded(target: object, property: string | symbol): unknown {
  const value: unknown = Reflect.get(target, property, target)
  return typeof value === 'function'
    ? (value as (...args: unknown[]) => unknown).bind(target)
    : value
}

/**
 * The connection, its statements' failures translated. One wrapper per
 * connection, kept: Kysely recognises a connection by identity, and patches
 * its executeQuery to log statements. Properties set on the wrapper stay on
 * the wrapper, so such a patch wraps the translation rather than replacing
 * what the translation calls.
 */
function translatingConnection(connection: DatabaseConnection): DatabaseConnection {
  const own = new Map<string | symbol, unknown>()
  const executeQuery: DatabaseConnection['executeQuery'] = (query) =>
    translated(() => connection.executeQuery(query))
  return new Proxy(connection, {
    get(target, property) {
      if (own.has(property)) return own.get(property)
      if (property === 'executeQuery') return executeQuery
      return forwarded(target, property)
    },
    set(_target, property, value) {
      own.set(property, value)
      return true
    },
  })
}

function translatingDriver(driver: Driver): Driver {
  const wrappers = new WeakMap<DatabaseConnection, DatabaseConnection>()
  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    let wrapper = wrappers.get(connection)
    if (!wrapper) {
      wrapper = translatingConnection(connection)
      wrappers.set(connection, wrapper)
    }
    return wrapper
  }
  return new Proxy(driver, {
    get(target, property) {
      if (property === 'acquireConnection') {
        return async () => wrap(await translated(() => target.acquireConnection()))
      }
      return forwarded(target, property)
    },
  })
}

/** The dialect, with every statement's database failures told in the domain's words. */
export function translatingDialect(dialect: Dialect): Dialect {
  return new Proxy(dialect, {
    get(target, property) {
      if (property === 'createDriver') return () => translatingDriver(target.createDriver())
      return forwarded(target, property)
    },
  })
}
