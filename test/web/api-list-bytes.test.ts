// An API list's JSON is its kept articles joined, and is kept itself only
// while every article in it was found: a list missing one (unpublished since
// its keys were read) is made again next time, never served as kept.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { PublishedArticle } from '../../src/domain/articles/article.js'
import { createArticleFragments } from '../../src/web/api/article-fragments.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'

const SITE = {
  url: 'https://news.example',
  timeZone: 'Europe/London',
  media: { page: '/media', absolute: 'https://news.example/media' },
}

for (const dialect of testDialects()) {
  describe(`an API list's bytes (${dialect})`, () => {
    test('joined once, kept while whole, made again when an article was left out', async (t) => {
      const ctx = await createTestContext(t, dialect)
      await importArticle(ctx, { headline: 'Ferry timetable changes' })
      await importArticle(ctx, { headline: 'Harbour wall approved' })
      const api = ctx.services.contentApi
      const { items: keys } = await api.listArticleKeys({}, undefined, 10)
      assert.equal(keys.length, 2)
      let loads = 0
      const load = (ids: readonly string[]) => {
        loads++
        return api.publishedByIds(ids)
      }
      const fragments = createArticleFragments(SITE, 10_000_000)

      const first = await fragments.list('json', keys, null, load)
      const parsed = JSON.parse(first.bytes.toString('utf8')) as {
        items: { id: string }[]
        next: null
      }
      assert.deepEqual(
        parsed.items.map((item) => item.id),
        keys.map((key) => key.id),
      )
      assert.equal(parsed.next, null)
      assert.equal(loads, 1)
      const again = await fragments.list('json', keys, null, load)
      assert.equal(again, first, 'the same keys: the kept answer, no load')
      assert.equal(loads, 1)
      const paged = await fragments.list('json', keys, 'cursor-2', load)
      assert.notEqual(paged.etag, first.etag, 'another next, another tag')
      assert.equal(loads, 1, 'its articles were kept')

      // One article gone by the time the list is made: left out, and the list is not kept.
      let partialLoads = 0
      const withoutFirst = async (ids: readonly string[]): Promise<PublishedArticle[]> => {
        partialLoads++
        return (await api.publishedByIds(ids)).filter((article) => article.id !== keys[0]!.id)
      }
      const summaries = ['id', 'headline'] as const
      const partial = await fragments.list('json', keys, null, withoutFirst, summaries)
      const kept = JSON.parse(partial.bytes.toString('utf8')) as { items: unknown[] }
      assert.equal(kept.items.length, 1)
      await fragments.list('json', keys, null, withoutFirst, summaries)
      assert.equal(partialLoads, 2, 'a list missing an article is made again')
    })
  })
}
