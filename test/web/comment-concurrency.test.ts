// The comment limits hold when posts arrive together, not only one after the
// other: real concurrent HTTP posts against the app, on both databases. The
// rate limit and the duplicate check are reservations the database makes
// atomically (ARCHITECTURE.md, "Reader comments"), so however many requests
// race, no more are accepted than the limit allows.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMENT_LIMITS } from '../../src/domain/comments/comment.js'
import { startTestServer } from '../helpers/app.js'
import { freshIp, uniqueText } from '../helpers/comments.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { from, loadForm, postForm } from './comment-client.js'
import { pathOf } from './html.js'

async function setup(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect, { TRUST_PROXY: 'true', PAGE_CACHE_MB: '0' })
  const server = await startTestServer(t, ctx)
  const { article } = await importArticle(ctx)
  const path = pathOf(article)
  // Warm up: every connection of the PostgreSQL pool open, so that the posts below truly overlap.
  await Promise.all(Array.from({ length: 20 }, () => server.get(path).then((r) => r.text())))
  const { action, fields } = await loadForm(server, path)
  ctx.clock.advance(5000)
  /** Sends every body at once from `ip`; returns the statuses and the stored comments. */
  async function burst(ip: string, bodies: string[]) {
    const results = await Promise.all(
      bodies.map((body) =>
        postForm(server, action, { ...fields, name: 'Ingrid Solberg', body }, from(ip, true)),
      ),
    )
    const statuses = results.map((result) => result.status)
    const codes = results
      .filter((result) => result.status !== 201)
      .map((result) => (JSON.parse(result.text) as { error: { code: string } }).error.code)
    const counts = await ctx.stores.comments.countByStatus()
    return { statuses, codes, stored: counts.pending + counts.approved }
  }
  return { burst }
}

const accepted = (statuses: number[]) => statuses.filter((status) => status === 201).length

for (const dialect of testDialects()) {
  describe(`comment limits under concurrent posts (${dialect})`, () => {
    test(`40 comments at once from one network: exactly ${COMMENT_LIMITS.perNetwork} accepted`, async (t) => {
      const { burst } = await setup(t, dialect)
      const bodies = Array.from({ length: 40 }, () => uniqueText())
      const { statuses, codes, stored } = await burst(freshIp(), bodies)
      t.diagnostic(`accepted ${accepted(statuses)} of 40`)
      assert.equal(accepted(statuses), COMMENT_LIMITS.perNetwork, statuses.join(' '))
      assert.equal(stored, COMMENT_LIMITS.perNetwork)
      assert.deepEqual(new Set(codes), new Set(['too_many_comments']))
    })

    test('20 identical comments at once: exactly 1 accepted', async (t) => {
      const { burst } = await setup(t, dialect)
      const body = uniqueText('Said twenty times at once')
      // From different networks, so that only the duplicate check stands in the way.
      const results = await Promise.all(Array.from({ length: 20 }, () => burst(freshIp(), [body])))
      const statuses = results.flatMap((result) => result.statuses)
      const codes = results.flatMap((result) => result.codes)
      t.diagnostic(`accepted ${accepted(statuses)} of 20`)
      assert.equal(accepted(statuses), 1, statuses.join(' '))
      assert.deepEqual(new Set(codes), new Set(['duplicate_comment']))
      const { stored } = await burst(freshIp(), [])
      assert.equal(stored, 1)
    })
  })
}
