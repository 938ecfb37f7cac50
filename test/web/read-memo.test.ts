import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { entryBytes, ownShare } from '../../src/domain/memory-budget.js'
import { keyedMemo, memoUntilChange } from '../../src/web/read-memo.js'
import { secondUse } from '../../src/web/second-use.js'

const T0 = new Date('2026-06-01T12:00:00Z')
const at = (ms: number) => new Date(T0.getTime() + ms)

describe('keyedMemo', () => {
  test('each key is read once until the site changes; comments and redirects change nothing', async () => {
    const reads: string[] = []
    const memo = keyedMemo<string>(10, { now: () => T0 })
    const load = (key: string) => async () => {
      reads.push(key)
      return `${key}#${reads.length}`
    }
    assert.equal(await memo.get('a', load('a')), 'a#1')
    assert.equal(await memo.get('a', load('a')), 'a#1')
    assert.equal(await memo.get('b', load('b')), 'b#2')
    memo.changed({ scope: 'comments', articleId: 'x' })
    memo.changed({ scope: 'redirects' })
    assert.equal(await memo.get('a', load('a')), 'a#1')
    memo.changed({ scope: 'site' })
    assert.equal(memo.size, 0)
    assert.equal(await memo.get('a', load('a')), 'a#3')
    memo.changed({ scope: 'site', foreign: true })
    assert.equal(await memo.get('a', load('a')), 'a#4', "another process's commit drops it too")
  })

  test('forgetKeys drops those keys and every read still loading, and keeps the rest', async () => {
    const memo = keyedMemo<string>(10, { now: () => T0 })
    let reads = 0
    const load = (key: string) => async () => `${key}#${++reads}`
    await memo.get('kept', load('kept'))
    await memo.get('changed', load('changed'))
    let finish!: (value: string) => void
    const loading = memo.get('loading', () => new Promise<string>((resolve) => (finish = resolve)))
    memo.forgetKeys(['changed'])
    finish('read before the change')
    assert.equal(await loading, 'read before the change', 'given to the page that asked')
    assert.equal(await memo.get('kept', load('kept')), 'kept#1')
    assert.equal(await memo.get('changed', load('changed')), 'changed#3')
    assert.equal(await memo.get('loading', load('loading')), 'loading#4', 'never kept')
  })

  test('holds at most its bound, dropping the least recently used', async () => {
    const memo = keyedMemo<number>(3, { now: () => T0 })
    let reads = 0
    const load = async () => ++reads
    for (const key of ['a', 'b', 'c']) await memo.get(key, load)
    await memo.get('a', load)
    await memo.get('d', load)
    assert.equal(memo.size, 3)
    assert.equal(reads, 4)
    await memo.get('a', load)
    assert.equal(reads, 4, 'a was used lately and is kept')
    await memo.get('b', load)
    assert.equal(reads, 5, 'b was the least recently used and went')
  })

  test('with admission, a read is kept on its second use and served from memory after', async () => {
    const share = ownShare('articles', 100_000)
    const weighed: string[] = []
    const memo = keyedMemo<string>(share, {
      now: () => T0,
      weigh: (value) => (weighed.push(value), 100),
      admit: secondUse(100),
    })
    let reads = 0
    const load = async () => `read ${++reads}`
    assert.equal(await memo.get('a', load), 'read 1')
    assert.equal(memo.size, 0, 'first use: given to its page, not kept')
    assert.equal(share.used, 0, 'nor counted')
    assert.deepEqual(weighed, [], 'nor weighed')
    assert.equal(await memo.get('a', load), 'read 2', 'second use: read again')
    assert.equal(memo.size, 1, 'and kept')
    assert.equal(share.used, 100 + entryBytes('a'), 'counted with its key')
    assert.equal(await memo.get('a', load), 'read 2', 'third use: from memory')
    assert.equal(reads, 2)
    assert.deepEqual(weighed, ['read 2'])
    memo.forget()
    assert.equal(share.used, 0)
  })

  test('with admission, concurrent readers of a new key share one read, not kept', async () => {
    const share = ownShare('articles', 100_000)
    const memo = keyedMemo<string>(share, {
      now: () => T0,
      weigh: () => 100,
      admit: secondUse(100),
    })
    let reads = 0
    let finish!: () => void
    const gate = new Promise<void>((resolve) => (finish = resolve))
    const load = async () => {
      const read = ++reads
      await gate
      return `read ${read}`
    }
    const readers = [memo.get('a', load), memo.get('a', load), memo.get('a', load)]
    assert.equal(memo.size, 1, 'held while it loads, for the readers that come')
    finish()
    assert.deepEqual(await Promise.all(readers), ['read 1', 'read 1', 'read 1'])
    assert.equal(reads, 1)
    assert.equal(memo.size, 0, 'then gone')
    assert.equal(share.used, 0)
    // Failed, it is not kept either, and the next reader tries again.
    await assert.rejects(
      memo.get('b', async () => {
        throw new Error('database away')
      }),
      /database away/,
    )
    assert.equal(await memo.get('b', load), 'read 2')
    assert.equal(await memo.get('b', load), 'read 2', 'its second use was kept')
    assert.equal(share.used, 100 + entryBytes('b'), 'only what is kept is counted')
  })

  test('an answer that runs out by itself is read again at that time, by the clock given', async () => {
    let now = T0
    let reads = 0
    const memo = memoUntilChange(async () => ({ read: ++reads, until: at(60_000) }), {
      now: () => now,
      expiresAt: (value) => value.until,
    })
    assert.equal((await memo.get()).read, 1)
    now = at(59_999)
    assert.equal((await memo.get()).read, 1)
    now = at(60_000)
    const again = await Promise.all([memo.get(), memo.get(), memo.get()])
    assert.deepEqual(
      again.map((value) => value.read),
      [2, 2, 2],
      'readers at the expiry share one new read',
    )
  })

  test('a read under way when the site changes goes to its page but is not kept', async () => {
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    let reads = 0
    const memo = memoUntilChange(
      async () => {
        const read = ++reads
        if (read === 1) await gate
        return read
      },
      { now: () => T0 },
    )
    const first = memo.get()
    memo.changed({ scope: 'site' })
    release()
    assert.equal(await first, 1)
    assert.equal(await memo.get(), 2)
    assert.equal(await memo.get(), 2)
  })

  test('a failed read is not kept, and concurrent pages share one read', async () => {
    let fail = true
    let reads = 0
    const memo = memoUntilChange(
      async () => {
        reads++
        if (fail) throw new Error('database away')
        return 'ok'
      },
      { now: () => T0 },
    )
    await assert.rejects(memo.get(), /database away/)
    fail = false
    assert.deepEqual(await Promise.all([memo.get(), memo.get(), memo.get()]), ['ok', 'ok', 'ok'])
    assert.equal(reads, 2)
  })
})
