// The authorization matrices trust `snapshot` to see any change. The tables it
// reads whole (a thread's articles, preview links) are checked here: a change
// to each shows up in `changes`, and nothing shows when nothing changed.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { changes, snapshot } from './world-snapshot.js'

for (const dialect of testDialects()) {
  describe(`the world snapshot (${dialect})`, () => {
    test('sees a new preview link and an article added to a thread', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { article: published } = await importArticle(ctx, { headline: 'Published' })
      const draft = await ctx.services.editing.createDraft(COMMAND_LINE, {
        headline: 'A draft to share',
        standfirst: '',
        dateline: '',
        body: 'Text.',
        keyPoints: [],
        sectionSlug: 'news',
        bylines: [],
        tags: [],
        slug: '',
      })
      const thread = await ctx.services.threads.create(COMMAND_LINE, { title: 'A running story' })

      const first = await snapshot(ctx)
      assert.deepEqual(changes(first, await snapshot(ctx)), [])

      await ctx.services.previews.create(COMMAND_LINE, draft.id, '24h')
      const second = await snapshot(ctx)
      const linked = changes(first, second)
      assert.ok(
        linked.some((change) => /^preview link .* of "A draft to share"/.test(change)),
        linked.join('\n'),
      )

      await ctx.services.threads.addArticle(COMMAND_LINE, thread.slug, published.id)
      const added = changes(second, await snapshot(ctx))
      assert.ok(
        added.some((change) => change.startsWith(`thread ${thread.id} article 0`)),
        added.join('\n'),
      )
    })
  })
}
