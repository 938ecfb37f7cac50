// SQLite's statements are prepared once and kept, with whole-number LIMITs
// written into their text: a bound LIMIT made SQLite prepare the statement
// again on every run.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import SQLite from 'better-sqlite3'
import {
  keptStatements,
  limitPlaces,
  withLimitsWritten,
} from '../../src/storage/sqlite-statements.js'

test('a LIMIT placeholder is found with its place among the parameters', () => {
  assert.deepEqual(
    limitPlaces('select a from t where b = ? and c = ? order by a limit ? offset ?'),
    {
      pieces: ['select a from t where b = ? and c = ? order by a limit ', ' offset ?'],
      parameters: [2],
    },
  )
  assert.deepEqual(
    limitPlaces('select (select x from u LIMIT ?) as y from t where z = ? limit\n?'),
    {
      pieces: ['select (select x from u LIMIT ', ') as y from t where z = ? limit\n', ''],
      parameters: [0, 2],
    },
  )
})

test('text that only looks like a LIMIT is left alone', () => {
  assert.equal(limitPlaces('select a from t where b = ?'), undefined)
  assert.equal(limitPlaces('select a from t where b = ? offset ?'), undefined)
  assert.equal(limitPlaces('select a from t where b = ? and unlimit ?'), undefined)
  // Quoted text, quoted names and comments hold no placeholders, nor LIMITs.
  assert.deepEqual(
    limitPlaces(
      `select 'it''s limit ?', "limit ?", [limit ?], \`limit ?\` -- limit ?\n from t /* limit ? */ where a = ? limit ?`,
    )?.parameters,
    [1],
  )
  // Numbered and named parameters are not followed: such a statement is kept as it is.
  assert.equal(limitPlaces('select a from t where b = ?1 limit ?2'), undefined)
  assert.equal(limitPlaces('select a from t where b = :b limit ?'), undefined)
  assert.equal(limitPlaces('select a from t where b = @b limit ?'), undefined)
})

test('whole numbers are written into the text; anything else stays bound', () => {
  const places = limitPlaces('select a from t where b = ? limit ? offset ?')
  assert.ok(places)
  assert.deepEqual(withLimitsWritten(places, ['x', 20, 40]), {
    sql: 'select a from t where b = ? limit 20 offset ?',
    parameters: ['x', 40],
  })
  assert.deepEqual(
    withLimitsWritten(places, ['x', 20n, 40]).sql,
    'select a from t where b = ? limit 20 offset ?',
  )
  for (const value of ['20', 2.5, Number.NaN, null, 2 ** 60]) {
    assert.deepEqual(withLimitsWritten(places, ['x', value, 40]), {
      sql: 'select a from t where b = ? limit ? offset ?',
      parameters: ['x', value, 40],
    })
  }
})

test('kept statements answer each run with its own limit, on a real database', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-statements-'))
  const connection = new SQLite(join(dir, 'test.db'))
  t.after(() => {
    connection.close()
    rmSync(dir, { recursive: true, force: true })
  })
  connection.exec('create table t (a integer)')
  const kept = keptStatements(connection)
  const insert = kept.prepare('insert into t (a) values (?)')
  assert.equal(insert.reader, false)
  for (let a = 1; a <= 5; a++) insert.run([a])
  const page = kept.prepare('select a from t where a > ? order by a limit ? offset ?')
  assert.equal(page.reader, true)
  assert.deepEqual(page.all([0, 2, 0]), [{ a: 1 }, { a: 2 }])
  assert.deepEqual(page.all([0, 3, 1]), [{ a: 2 }, { a: 3 }, { a: 4 }])
  // A text limit is bound as before, and SQLite takes it as a number.
  assert.deepEqual(page.all([3, '1', 0]), [{ a: 4 }])
  assert.deepEqual([...page.iterate([1, 2, 0])], [{ a: 2 }, { a: 3 }])
  // The statement asked for again is the same kept one.
  assert.equal(kept.prepare('select a from t where a > ? order by a limit ? offset ?').reader, true)
  assert.deepEqual(kept.prepare('select count(*) as n from t').all([]), [{ n: 5 }])
})
