// The drivers' failures told in the domain's words: each code the databases
// use for "no room" and "not reachable", and nothing else.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  StorageFullError,
  StorageUnavailableError,
  ValidationError,
} from '../../src/domain/errors.js'
import { translateStorageError } from '../../src/storage/storage-failures.js'

const coded = (code: string, message = 'failed') => Object.assign(new Error(message), { code })

describe('database failures', () => {
  test('no room left: SQLITE_FULL, PostgreSQL 53100, ENOSPC', () => {
    for (const code of ['SQLITE_FULL', '53100', 'ENOSPC']) {
      const error = coded(code)
      const translated = translateStorageError(error)
      assert.ok(translated instanceof StorageFullError, code)
      assert.equal(translated.cause, error, 'the driver’s error is kept for the log')
    }
  })

  test('not reachable: refused, reset, shutting down, connection exceptions, pool timeouts', () => {
    const unreachable = [
      coded('ECONNREFUSED'),
      coded('ECONNRESET'),
      coded('ETIMEDOUT'),
      coded('57P01'),
      coded('57P03'),
      coded('53300'),
      coded('08006'),
      coded('08001'),
      coded('SQLITE_BUSY'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], ''),
    ]
    for (const error of unreachable) {
      const translated = translateStorageError(error)
      assert.ok(translated instanceof StorageUnavailableError, String(error))
      assert.equal(translated.retryAfterSeconds, 30)
    }
  })

  test('a NUL in text PostgreSQL refuses (22021) is bad input: invalid_text', () => {
    const translated = translateStorageError(
      coded('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
    )
    assert.ok(translated instanceof ValidationError)
    assert.equal(translated.code, 'invalid_text')
  })

  test('everything else passes through unchanged', () => {
    for (const error of [
      coded('23505'),
      coded('SQLITE_CONSTRAINT_UNIQUE'),
      coded('42P01'),
      coded('22P02'),
      coded('XX000', 'Connection terminated by an internal error'),
      new TypeError('x is not a function'),
      'a string',
      undefined,
    ]) {
      assert.equal(translateStorageError(error), error)
    }
  })
})
