import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import { createDatabase, DatabaseUnavailableError, redact } from '../../src/storage/database.js'

describe('opening the database', () => {
  test('SQLite runs in WAL mode with synchronous=FULL, so acknowledged writes survive a crash', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-db-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    const handle = await createDatabase(`file:${join(dir, 'nested', 'news.db')}`)
    t.after(() => handle.close())
    assert.equal(handle.dialect, 'sqlite')
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db)
    const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db)
    assert.equal(journal.rows[0]?.journal_mode, 'wal')
    assert.equal(
      synchronous.rows[0]?.synchronous,
      2,
      'FULL is 2; better-sqlite3 defaults WAL to NORMAL (1)',
    )
  })

  test('a URL that names no database we speak is refused with a clear message', async () => {
    await assert.rejects(createDatabase('mysql://root@localhost/news'), (error: unknown) => {
      assert.ok(error instanceof DatabaseUnavailableError)
      assert.match(error.message, /DATABASE_URL must start with postgres:\/\/, file: or sqlite:/)
      return true
    })
  })

  test('an unreachable PostgreSQL server is named, without its password', async () => {
    await assert.rejects(
      createDatabase('postgres://news:hunter2@127.0.0.1:1/news'),
      (error: unknown) => {
        assert.ok(error instanceof DatabaseUnavailableError)
        assert.match(
          error.message,
          /Cannot reach PostgreSQL at postgres:\/\/news:\*\*\*@127\.0\.0\.1:1\/news/,
        )
        assert.doesNotMatch(error.message, /hunter2/)
        return true
      },
    )
  })

  test('redact hides passwords in parseable and unparseable URLs alike', () => {
    assert.equal(redact('postgres://u:pw@db:5432/x'), 'postgres://u:***@db:5432/x')
    assert.equal(redact('postgres://u:p@w@db:bad/x'), 'postgres://u:***@db:bad/x')
    assert.equal(redact('file:/var/lib/news.db'), 'file:/var/lib/news.db')
  })
})
