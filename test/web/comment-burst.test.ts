// A burst of readers' comments over real HTTP is written in one transaction
// (domain/group-commit.ts), and still answers each reader for their own post:
// the accepted ones stored, the refused ones refused for their own reason, on
// both databases. The batch here holds exactly the burst and its wait is never
// fired, so the one commit counted is the batch filling up, not a timer.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMENT_LIMITS } from '../../src/domain/comments/comment.js'
import type { Timers } from '../../src/domain/timers.js'
import { startTestServer } from '../helpers/app.js'
import { freshIp, uniqueText } from '../helpers/comments.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { from, loadForm, postForm } from './comment-client.js'
import { pathOf } from './html.js'

/** Waits that never end: a batch is written only when it is full. */
const neverFiring: Timers = { after: () => ({ cancel: () => {} }) }

interface Post {
  body: string
  ip: string
  token?: string
}

for (const dialect of testDialects()) {
  describe(`a burst of comments over HTTP (${dialect})`, () => {
    test('each poster gets their own answer, in one commit; every accepted one is stored', async (t) => {
      const ordinary: Post[] = Array.from({ length: 16 }, () => ({
        body: uniqueText('Posted in the burst'),
        ip: freshIp(),
      }))
      const sharedNetwork = freshIp()
      const crowded: Post[] = Array.from({ length: COMMENT_LIMITS.perNetwork + 1 }, () => ({
        body: uniqueText('From a crowded network'),
        ip: sharedNetwork,
      }))
      const posts: Post[] = [
        ...ordinary,
        // The same words as the first, from elsewhere: one of the two is a duplicate.
        { body: ordinary[0]!.body, ip: freshIp() },
        { body: uniqueText('With a forged token'), ip: freshIp(), token: 'forged' },
        ...crowded,
      ]
      let commits = 0
      let counting = false
      const ctx = await createTestContext(
        t,
        dialect,
        { TRUST_PROXY: 'true', PAGE_CACHE_MB: '0' },
        {
          timers: neverFiring,
          commentBatch: { maxUnits: posts.length, maxWaitMs: 5 },
          onQuery: (sql) => {
            if (counting && /^commit\b/i.test(sql)) commits++
          },
        },
      )
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      const { action, fields } = await loadForm(server, pathOf(article))
      ctx.clock.advance(5000)

      counting = true
      const results = await Promise.all(
        posts.map((post) =>
          postForm(
            server,
            action,
            {
              ...fields,
              ...(post.token ? { _csrf: post.token } : {}),
              name: 'Ingrid Solberg',
              body: post.body,
            },
            from(post.ip, true),
          ),
        ),
      )
      counting = false
      assert.equal(commits, 1, 'the whole burst was written in one transaction')

      const codeOf = (text: string) => (JSON.parse(text) as { error: { code: string } }).error.code
      const refusals = results.filter((r) => r.status !== 201).map((r) => codeOf(r.text))
      assert.deepEqual(refusals.sort(), [
        'bad_form_token',
        'duplicate_comment',
        'too_many_comments',
      ])
      const accepted = results.filter((r) => r.status === 201)
      assert.equal(accepted.length, posts.length - 3)
      for (const [index, result] of results.entries()) {
        if (result.status !== 201) continue
        const { id } = JSON.parse(result.text) as { id: string }
        const stored = await ctx.stores.comments.findById(id)
        assert.equal(stored?.body, posts[index]!.body, `post ${index} is stored as sent`)
      }
      const counts = await ctx.stores.comments.countByStatus()
      assert.equal(counts.pending + counts.approved, accepted.length)
    })
  })
}
