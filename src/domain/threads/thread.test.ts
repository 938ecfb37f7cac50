import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import {
  assertThreadDescription,
  assertThreadSlug,
  assertThreadTitle,
  THREAD_LIMITS,
  windowAround,
  withArticleAdded,
  withArticleMoved,
  withArticleRemoved,
} from './thread.js'

const isCode = (type: new (...args: never[]) => Error, code: string) => (error: unknown) =>
  error instanceof type && (error as { code?: string }).code === code

describe('story threads: the rules', () => {
  test('an article joins at the end, once', () => {
    assert.deepEqual(withArticleAdded(['a', 'b'], 'c'), ['a', 'b', 'c'])
    assert.throws(
      () => withArticleAdded(['a', 'b'], 'a'),
      isCode(ConflictError, 'article_already_in_thread'),
    )
  })

  test('a thread holds a bounded number of articles', () => {
    const full = Array.from({ length: THREAD_LIMITS.articles }, (_, i) => `id-${i}`)
    assert.throws(() => withArticleAdded(full, 'one-more'), isCode(ValidationError, 'thread_full'))
  })

  test('removing keeps the others in their order', () => {
    assert.deepEqual(withArticleRemoved(['a', 'b', 'c'], 'b'), ['a', 'c'])
    assert.throws(
      () => withArticleRemoved(['a'], 'z'),
      isCode(NotFoundError, 'article_not_in_thread'),
    )
  })

  test('moving swaps with the neighbour; at either end nothing changes', () => {
    assert.deepEqual(withArticleMoved(['a', 'b', 'c'], 'c', 'up'), ['a', 'c', 'b'])
    assert.deepEqual(withArticleMoved(['a', 'b', 'c'], 'a', 'down'), ['b', 'a', 'c'])
    assert.deepEqual(withArticleMoved(['a', 'b', 'c'], 'a', 'up'), ['a', 'b', 'c'])
    assert.deepEqual(withArticleMoved(['a', 'b', 'c'], 'c', 'down'), ['a', 'b', 'c'])
    assert.throws(
      () => withArticleMoved(['a'], 'z', 'up'),
      isCode(NotFoundError, 'article_not_in_thread'),
    )
  })

  test('titles, descriptions and slugs are checked', () => {
    assert.doesNotThrow(() => assertThreadTitle('Floods in the Mondego valley'))
    assert.throws(() => assertThreadTitle('  '), isCode(ValidationError, 'invalid_thread_title'))
    assert.throws(
      () => assertThreadTitle('x'.repeat(THREAD_LIMITS.title + 1)),
      isCode(ValidationError, 'invalid_thread_title'),
    )
    assert.doesNotThrow(() => assertThreadDescription(''))
    assert.throws(
      () => assertThreadDescription('x'.repeat(THREAD_LIMITS.description + 1)),
      isCode(ValidationError, 'thread_description_too_long'),
    )
    assert.doesNotThrow(() => assertThreadSlug('mondego-floods-2026'))
    for (const bad of ['', 'Mondego', 'a--b', '-a', 'a b', 'x'.repeat(81)]) {
      assert.throws(
        () => assertThreadSlug(bad),
        isCode(ValidationError, 'invalid_thread_slug'),
        bad,
      )
    }
  })

  test('the window around the current article stays inside the thread', () => {
    assert.deepEqual(windowAround(5, 2, 9), [0, 5])
    assert.deepEqual(windowAround(20, 0, 9), [0, 9])
    assert.deepEqual(windowAround(20, 10, 9), [6, 15])
    assert.deepEqual(windowAround(20, 19, 9), [11, 20])
    for (let index = 0; index < 20; index++) {
      const [start, end] = windowAround(20, index, 9)
      assert.equal(end - start, 9)
      assert.ok(start <= index && index < end)
    }
  })
})
