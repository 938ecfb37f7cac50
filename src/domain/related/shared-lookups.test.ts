import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sharedLookups } from './shared-lookups.js'

/** A lookup that answers when told to, counting its calls. */
function deferred<V>() {
  let resolve!: (value: V) => void
  let reject!: (error: Error) => void
  const promise = new Promise<V>((yes, no) => ((resolve = yes), (reject = no)))
  return { promise, resolve, reject }
}

test('concurrent readers of a key share one lookup, and later ones read what was kept', async () => {
  const kept = sharedLookups()
  let calls = 0
  const answer = deferred<string[]>()
  const load = () => (calls++, answer.promise)
  const first = kept.one('tag a', load)
  const second = kept.one('tag a', load)
  answer.resolve(['x'])
  assert.deepEqual(await first, ['x'])
  assert.deepEqual(await second, ['x'])
  assert.deepEqual(await kept.one('tag a', load), ['x'])
  assert.equal(calls, 1)
})

test('many keys: only the missing ones are asked for, in one call', async () => {
  const kept = sharedLookups()
  const asked: string[][] = []
  const load = async (missing: string[]) => (
    asked.push(missing),
    new Map(missing.map((key) => [key, key.length]))
  )
  assert.deepEqual(
    [...(await kept.many('n', ['a', 'bb'], load))],
    [
      ['a', 1],
      ['bb', 2],
    ],
  )
  assert.deepEqual(
    [...(await kept.many('n', ['bb', 'ccc', 'ccc'], load))],
    [
      ['bb', 2],
      ['ccc', 3],
    ],
  )
  assert.deepEqual(asked, [['a', 'bb'], ['ccc']])
})

test('a lookup begun before forget() is not kept after it; a failed one is not kept', async () => {
  const kept = sharedLookups()
  const old = deferred<string>()
  const before = kept.one('section', () => old.promise)
  kept.forget()
  old.resolve('before the change')
  assert.equal(await before, 'before the change')
  assert.equal(await kept.one('section', async () => 'after'), 'after')

  const failing = deferred<string>()
  const refused = kept.one('tag b', () => failing.promise)
  failing.reject(new Error('database unreachable'))
  await assert.rejects(refused, /unreachable/)
  assert.equal(await kept.one('tag b', async () => 'asked again'), 'asked again')
})

test('forgetAllBut keeps the kinds named, less some keys; everything else is asked again', async () => {
  const kept = sharedLookups()
  let asked: string[] = []
  const load = async (missing: string[]) => (
    asked.push(...missing),
    new Map(missing.map((key) => [key, key]))
  )
  await kept.many('candidate', ['x', 'y'], load)
  await kept.many('summary', ['x', 'z'], load)
  await kept.many('other', ['y'], load)
  await kept.one('tag a', async () => 'first')
  kept.forgetAllBut(['candidate', 'summary'], ['x'])
  asked = []
  await kept.many('candidate', ['x', 'y'], load)
  assert.deepEqual(asked, ['x'], 'y is still known; x is asked again')
  asked = []
  await kept.many('summary', ['x', 'z'], load)
  assert.deepEqual(asked, ['x'], 'z is still known; x is asked again')
  asked = []
  await kept.many('other', ['y'], load)
  assert.deepEqual(asked, ['y'], 'a kind not named is forgotten')
  assert.equal(await kept.one('tag a', async () => 'second'), 'second')
})
