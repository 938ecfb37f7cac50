import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { NotFoundError } from './errors.js'
import { MAX_PAGE, paginate, type PageWindow } from './paging.js'

const rows = (total: number) => Array.from({ length: total }, (_, index) => index)
const listOf =
  (all: number[], asked: PageWindow[] = []) =>
  (window: PageWindow) => {
    asked.push(window)
    return all.slice(window.offset, window.offset + window.limit)
  }
const notFound = (error: unknown) =>
  error instanceof NotFoundError && error.code === 'page_not_found'

describe('paginate', () => {
  test('cuts a counted list into pages, the last one short', async () => {
    const all = rows(45)
    const asked: PageWindow[] = []
    const third = await paginate({ page: 3, perPage: 20, total: 45 }, listOf(all, asked))
    assert.deepEqual(third, {
      items: [40, 41, 42, 43, 44],
      page: 3,
      perPage: 20,
      total: 45,
      pageCount: 3,
    })
    assert.deepEqual(asked, [{ limit: 20, offset: 40 }])
    const first = await paginate({ page: 1, perPage: 20, total: 45 }, listOf(all))
    assert.deepEqual(first.items, rows(20))
  })

  test('page 1 of an empty list is the list, empty, and nothing is listed', async () => {
    const asked: PageWindow[] = []
    assert.deepEqual(await paginate({ page: 1, perPage: 20, total: 0 }, listOf([], asked)), {
      items: [],
      page: 1,
      perPage: 20,
      total: 0,
      pageCount: 1,
    })
    assert.deepEqual(asked, [])
  })

  test('a page past the last, or a number that is no page, names no page', async () => {
    for (const page of [0, -1, 1.5, Number.NaN, 4, MAX_PAGE + 1]) {
      await assert.rejects(paginate({ page, perPage: 20, total: 45 }, listOf(rows(45))), notFound)
    }
    await assert.rejects(paginate({ page: 2, perPage: 20, total: 0 }, listOf([])), notFound)
    // Even a list long enough to have it: no page past MAX_PAGE.
    await assert.rejects(
      paginate({ page: MAX_PAGE + 1, perPage: 1, total: MAX_PAGE * 2 }, () => []),
      notFound,
    )
  })
})
