// The group commit (src/domain/group-commit.ts) over a real database: units
// given together are written in one transaction, each in its own savepoint,
// and answered only once it commits. Its waits are handed to the test, which
// fires them itself: nothing here sleeps or reads the wall clock.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { loadConfig } from '../../src/config.js'
import { createContext, type AppContext } from '../../src/context.js'
import { ConflictError, StorageFullError, ValidationError } from '../../src/domain/errors.js'
import {
  createGroupCommit,
  type GroupCommit,
  type GroupCommitLimits,
  type GroupCommitUnit,
} from '../../src/domain/group-commit.js'
import type { Timers } from '../../src/domain/timers.js'
import { createTestClock, TEST_SETTINGS } from '../helpers/context.js'
import { createTestDatabase, testDialects, type DialectName } from '../helpers/dialects.js'

interface Wait {
  ms: number
  fire(): void
  /** Cancelled, or fired already. */
  over: boolean
}

/** Timers the test drives: every wait asked for is kept, to fire or not. */
function handDrivenTimers(): { timers: Timers; waits: Wait[] } {
  const waits: Wait[] = []
  return {
    waits,
    timers: {
      after(ms, run) {
        const wait: Wait = {
          ms,
          fire() {
            wait.over = true
            run()
          },
          over: false,
        }
        waits.push(wait)
        return {
          cancel() {
            wait.over = true
          },
        }
      },
    },
  }
}

/** The one wait still running; fails if there is none or more. */
function pendingWait(waits: readonly Wait[]): Wait {
  const pending = waits.filter((wait) => !wait.over)
  assert.equal(pending.length, 1, `${pending.length} waits running`)
  return pending[0]!
}

/** Lets every promise that can settle without the database or a timer do so. */
async function settleMicrotasks(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await Promise.resolve()
}

interface Harness {
  ctx: AppContext
  commits: GroupCommit
  waits: Wait[]
  /** COMMIT statements the database has run since the harness was made. */
  commitCount(): number
  stored(key: string): Promise<string | undefined>
}

async function harness(
  t: TestContext,
  dialect: DialectName,
  limits: GroupCommitLimits,
  sqlitePragmas: (url: string) => string[] = () => [],
): Promise<Harness> {
  const database = await createTestDatabase(dialect, { migrated: true })
  t.after(() => database.drop())
  let commitCount = 0
  const ctx = await createContext(
    loadConfig({
      DATABASE_URL: database.url,
      SECRET_KEY: database.secretKey,
      SITE_URL: 'https://news.example',
      ...TEST_SETTINGS,
    }),
    {
      clock: createTestClock(),
      sqlitePragmas: sqlitePragmas(database.url),
      onQuery: (sql) => {
        if (/^commit\b/i.test(sql)) commitCount++
      },
    },
  )
  t.after(() => ctx.close())
  const { timers, waits } = handDrivenTimers()
  const before = commitCount
  return {
    ctx,
    commits: createGroupCommit({ stores: ctx.stores, timers, limits }),
    waits,
    commitCount: () => commitCount - before,
    stored: (key) => ctx.stores.settings.get(key),
  }
}

/** A unit that stores `value` under `key`, and answers with it. */
function storing(key: string, value = `value of ${key}`): GroupCommitUnit<string, string> {
  return {
    prepare: async () => value,
    write: async (tx, prepared) => {
      await tx.settings.set(key, prepared)
      return prepared
    },
  }
}

/** Tracks whether a promise has settled, without waiting for it. */
function watch<T>(promise: Promise<T>): { settled: () => boolean; promise: Promise<T> } {
  let settled = false
  promise.then(
    () => (settled = true),
    () => (settled = true),
  )
  return { settled: () => settled, promise }
}

for (const dialect of testDialects()) {
  describe(`group commit (${dialect})`, () => {
    test('units given together are written in one transaction, answered after it commits', async (t) => {
      const h = await harness(t, dialect, { maxUnits: 10, maxWaitMs: 5 })
      const runs = ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => watch(h.commits.run(storing(key))))
      await settleMicrotasks()
      assert.equal(pendingWait(h.waits).ms, 5, 'the batch gathers for maxWaitMs')
      assert.ok(
        runs.every((run) => !run.settled()),
        'nobody is answered before the commit',
      )
      assert.equal(await h.stored('a'), undefined, 'nothing is written while the batch gathers')
      pendingWait(h.waits).fire()
      const answers = await Promise.all(runs.map((run) => run.promise))
      assert.deepEqual(
        answers,
        ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => `value of ${key}`),
      )
      assert.equal(h.commitCount(), 1, 'one commit for the six')
      for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) {
        assert.equal(await h.stored(key), `value of ${key}`)
      }
    })

    test('a unit that fails is undone alone; each hears its own error', async (t) => {
      const h = await harness(t, dialect, { maxUnits: 10, maxWaitMs: 5 })
      const refusedEarly: GroupCommitUnit<string, string> = {
        prepare: () => Promise.reject(new ValidationError('bad_input', 'Refused before writing.')),
        write: () => Promise.reject(new Error('never written')),
      }
      const failingAfterWriting = (key: string, error: Error): GroupCommitUnit<string, string> => ({
        prepare: async () => key,
        write: async (tx) => {
          await tx.settings.set(key, 'undone')
          throw error
        },
      })
      const conflict = new ConflictError('duplicate', 'Already there.')
      const bug = new Error('a fault in one unit')
      const runs = [
        h.commits.run(storing('first')),
        h.commits.run(refusedEarly),
        h.commits.run(failingAfterWriting('second', conflict)),
        h.commits.run(storing('third')),
        h.commits.run(failingAfterWriting('fourth', bug)),
        h.commits.run(storing('fifth')),
      ]
      const outcomes = Promise.allSettled(runs)
      await settleMicrotasks()
      pendingWait(h.waits).fire()
      const [first, early, second, third, fourth, fifth] = await outcomes
      assert.deepEqual(first, { status: 'fulfilled', value: 'value of first' })
      assert.ok(early?.status === 'rejected' && early.reason instanceof ValidationError)
      assert.equal(early.reason.code, 'bad_input')
      assert.equal(second?.status === 'rejected' && second.reason, conflict)
      assert.deepEqual(third, { status: 'fulfilled', value: 'value of third' })
      assert.equal(fourth?.status === 'rejected' && fourth.reason, bug)
      assert.deepEqual(fifth, { status: 'fulfilled', value: 'value of fifth' })
      assert.equal(h.commitCount(), 1)
      assert.equal(await h.stored('first'), 'value of first')
      assert.equal(await h.stored('second'), undefined, 'a failed unit leaves nothing behind')
      assert.equal(await h.stored('third'), 'value of third')
      assert.equal(await h.stored('fourth'), undefined)
      assert.equal(await h.stored('fifth'), 'value of fifth')
    })

    test('a batch holds at most maxUnits, and a full one is written without waiting', async (t) => {
      const h = await harness(t, dialect, { maxUnits: 3, maxWaitMs: 5 })
      const keys = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']
      const runs = keys.map((key) => watch(h.commits.run(storing(key))))
      // Two full batches need no timer; the seventh waits for its own.
      await Promise.all(runs.slice(0, 6).map((run) => run.promise))
      await settleMicrotasks()
      assert.equal(runs[6]?.settled(), false, 'the seventh gathers for the next batch')
      assert.equal(h.commitCount(), 2, 'seven units, at most three a batch: two batches so far')
      pendingWait(h.waits).fire()
      assert.equal(await runs[6]?.promise, 'value of u7')
      assert.equal(h.commitCount(), 3)
      for (const key of keys) assert.equal(await h.stored(key), `value of ${key}`)
    })

    test('flush writes what is gathering without waiting, and waits for it', async (t) => {
      const h = await harness(t, dialect, { maxUnits: 10, maxWaitMs: 5 })
      const run = watch(h.commits.run(storing('flushed')))
      await h.commits.flush()
      assert.equal(run.settled(), true)
      assert.equal(await h.stored('flushed'), 'value of flushed')
    })
  })

  describe(`group commit when the transaction fails (${dialect})`, () => {
    test('every unit of the batch hears the failure, and none is stored', async (t) => {
      const h = await harness(t, dialect, { maxUnits: 10, maxWaitMs: 5 }, fullAfterAFewPages)
      if (dialect === 'postgres') await failCommitsOfDoomedKeys(h.ctx)
      // SQLite: the doomed value needs pages the file may not have (SQLITE_FULL as it is
      // written). PostgreSQL: a deferred constraint trigger refuses it at COMMIT.
      const doomed = storing('doomed:key', 'x'.repeat(1_000_000))
      const runs = [storing('before'), doomed, storing('after')].map((unit) => h.commits.run(unit))
      const outcomes = Promise.allSettled(runs)
      await settleMicrotasks()
      pendingWait(h.waits).fire()
      for (const outcome of await outcomes) {
        assert.equal(outcome.status, 'rejected', 'nobody is told their write was kept')
      }
      const [first] = await outcomes
      if (dialect === 'sqlite') {
        assert.ok(first?.status === 'rejected' && first.reason instanceof StorageFullError)
      }
      for (const key of ['before', 'doomed:key', 'after']) {
        assert.equal(await h.stored(key), undefined, `${key} was not stored`)
      }
      // The next batch is written as usual.
      const next = h.commits.run(storing('next'))
      await settleMicrotasks()
      pendingWait(h.waits).fire()
      assert.equal(await next, 'value of next')
    })
  })
}

/** SQLite: the app's connection may grow the file by a few pages only. */
function fullAfterAFewPages(url: string): string[] {
  if (!url.startsWith('file:')) return []
  const connection = new SQLite(url.replace(/^file:/, ''), { readonly: true })
  const pages = Number(connection.pragma('page_count', { simple: true }))
  connection.close()
  return [`max_page_count = ${pages + 8}`]
}

/** PostgreSQL: a settings key starting "doomed:" makes its transaction's COMMIT fail. */
async function failCommitsOfDoomedKeys(ctx: AppContext): Promise<void> {
  const client = new pg.Client({ connectionString: ctx.config.databaseUrl })
  await client.connect()
  try {
    await client.query(`
      create function refuse_at_commit() returns trigger language plpgsql as $$
      begin
        raise exception 'refused at commit' using errcode = '23514';
      end $$`)
    await client.query(`
      create constraint trigger doomed_at_commit after insert or update on site_settings
      deferrable initially deferred for each row when (new.key like 'doomed:%')
      execute function refuse_at_commit()`)
  } finally {
    await client.end()
  }
}
