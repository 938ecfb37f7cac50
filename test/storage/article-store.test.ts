import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'

for (const dialect of testDialects()) {
  describe(`article store (${dialect})`, () => {
    test('round-trips an article with its section, ordered bylines, tags and key points', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { article } = await importArticle(
        ctx,
        { bylines: ['Zoe Adams', 'Ana Lind', 'Omar Haddad'] },
        { tags: ['Floods', 'Harbours'] },
      )
      const stored = await ctx.stores.articles.findById(article.id)
      assert.ok(stored)
      assert.deepEqual(
        stored.bylines.map((author) => author.name),
        ['Zoe Adams', 'Ana Lind', 'Omar Haddad'],
      )
      assert.deepEqual(
        stored.tags.map((tag) => tag.slug),
        ['floods', 'harbours'],
      )
      assert.deepEqual(stored.keyPoints, [
        'The council approved the sea wall.',
        'About 400 homes are protected.',
      ])
      assert.equal(stored.section.slug, 'news')
      assert.equal(stored.dateline, 'BERGEN, NORWAY')
      assert.equal(stored.status, 'published')
      assert.equal(stored.version, 1)
      // Noon in Europe/London on November 17th 2026 (GMT).
      assert.equal(stored.publishedAt?.toISOString(), '2026-11-17T12:00:00.000Z')
      assert.ok(stored.createdAt instanceof Date)
    })

    test('update refuses a stale version and changes nothing', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { article } = await importArticle(ctx)
      const record = {
        ...article,
        headline: 'Changed',
        authorIds: [],
        tagIds: [],
        leadImageId: null,
        inlineImageIds: [],
        socialImageId: null,
        importKey: null,
        version: 2,
      }
      assert.equal(await ctx.stores.articles.update(record, 7), false)
      assert.equal((await ctx.stores.articles.findById(article.id))?.headline, article.headline)
      assert.equal(await ctx.stores.articles.update(record, 1), true)
      const updated = await ctx.stores.articles.findById(article.id)
      assert.equal(updated?.headline, 'Changed')
      assert.equal(updated?.version, 2)
      assert.deepEqual(updated?.bylines, [])
    })

    test('stories with one headline get base, base-2, base-3… past the exact lookups', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const slugs: string[] = []
      // Different days, so each is a new article, not a re-import of the last.
      for (let i = 0; i < 18; i++) {
        const day = new Date(Date.UTC(2026, 9, i + 1))
        const weekday = day.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' })
        const ordinal = [1, 21].includes(i + 1)
          ? 'st'
          : [2, 22].includes(i + 1)
            ? 'nd'
            : [3, 23].includes(i + 1)
              ? 'rd'
              : 'th'
        const { article } = await importArticle(ctx, {
          headline: 'Storm closes the harbour',
          dateLine: `${weekday}, October ${i + 1}${ordinal} 2026`,
        })
        slugs.push(article.slug)
      }
      assert.deepEqual(slugs, [
        'storm-closes-the-harbour',
        ...Array.from({ length: 17 }, (_, i) => `storm-closes-the-harbour-${i + 2}`),
      ])
      const taken = await ctx.stores.articles.slugsLike('storm-closes-the-harbour')
      assert.equal(new Set(taken).size, 18)
    })
  })
}
