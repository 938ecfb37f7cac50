// A reader's comment is one of the few writes anyone on the internet can make,
// so its cost is budgeted: the whole POST, every defence included, runs at most
// COMMENT_POST_BUDGET SQL statements, on both databases. Counted with the
// context's onQuery hook, as test/web/query-counts.test.ts counts page reads.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { startTestServer } from '../helpers/app.js'
import { freshIp, setCommentSettings, uniqueText } from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { from, loadForm, postForm } from './comment-client.js'
import { pathOf } from './html.js'

/**
 * Statements for one accepted comment, from the request arriving to the answer.
 * Three of them are the webhook outbox's: the comment and its comment.held or
 * comment.published row commit together (BEGIN, the outbox's one INSERT …
 * SELECT, COMMIT), so that an event is neither lost nor sent for nothing.
 */
const COMMENT_POST_BUDGET = 9

async function setup(t: TestContext, dialect: DialectName) {
  const statements: string[] = []
  let counting = false
  const ctx = await createTestContext(
    t,
    dialect,
    { TRUST_PROXY: 'true', PAGE_CACHE_MB: '0' },
    { onQuery: (sql) => counting && statements.push(sql) },
  )
  const server = await startTestServer(t, ctx)
  const { article } = await importArticle(ctx)
  const path = pathOf(article)

  /** Posts the page's form with `changes`, counting only the POST's statements. */
  async function post(changes: Record<string, string>, ip = freshIp(), cookie?: string) {
    const { action, fields } = await loadForm(server, path)
    ctx.clock.advance(5000)
    statements.length = 0
    counting = true
    try {
      return {
        result: await postForm(
          server,
          action,
          { ...fields, name: 'Ingrid Solberg', body: uniqueText(), ...changes },
          { ...from(ip, true), ...(cookie ? { cookie } : {}) },
        ),
        statements: [...statements],
      }
    } finally {
      counting = false
    }
  }
  return { ctx, article, post }
}

function report(statements: readonly string[]): string {
  return `${statements.length} statements:\n${statements.map((sql) => `  ${sql.slice(0, 160)}`).join('\n')}`
}

async function storedStatus(ctx: TestAppContext, id: string): Promise<string | undefined> {
  return (await ctx.stores.comments.findById(id))?.status
}

for (const dialect of testDialects()) {
  describe(`posting a comment stays within its statement budget (${dialect})`, () => {
    test('a first comment, held for moderation, with an email', async (t) => {
      const { ctx, post } = await setup(t, dialect)
      const { result, statements } = await post({ email: 'ingrid@example.org' })
      assert.equal(result.status, 201, result.text.slice(0, 300))
      const answer = JSON.parse(result.text) as { id: string; status: string }
      assert.equal(answer.status, 'pending')
      assert.equal(await storedStatus(ctx, answer.id), 'pending')
      t.diagnostic(report(statements))
      assert.ok(statements.length <= COMMENT_POST_BUDGET, report(statements))
    })

    test('a reply to an approved comment', async (t) => {
      const { ctx, article, post } = await setup(t, dialect)
      const parent = await ctx.services.comments.addDirectly(COMMAND_LINE, {
        articleId: article.id,
        parentId: null,
        name: 'First Reader',
        body: 'The first word on this.',
        status: 'approved',
        createdAt: ctx.clock.now(),
      })
      const { result, statements } = await post({ parent_id: parent.id })
      assert.equal(result.status, 201, result.text.slice(0, 300))
      const answer = JSON.parse(result.text) as { id: string }
      assert.equal((await ctx.stores.comments.findById(answer.id))?.parentId, parent.id)
      t.diagnostic(report(statements))
      assert.ok(statements.length <= COMMENT_POST_BUDGET, report(statements))
    })

    test('a known commenter under post-moderation, published at once', async (t) => {
      const { ctx, post } = await setup(t, dialect)
      await setCommentSettings(ctx, { moderation: 'post' })
      const ip = freshIp()
      const first = await post({ email: 'known@example.org' }, ip)
      const firstId = (JSON.parse(first.result.text) as { id: string }).id
      const cookie = first.result.response.headers
        .getSetCookie()
        .find((line) => line.startsWith('dl_commenter='))
        ?.split(';')[0]
      assert.ok(cookie, 'the first comment brought a commenter cookie')
      await ctx.services.comments.moderate(COMMAND_LINE, [firstId], 'approve')
      const { result, statements } = await post({ email: 'known@example.org' }, ip, cookie)
      assert.equal(result.status, 201, result.text.slice(0, 300))
      const answer = JSON.parse(result.text) as { id: string; published: boolean }
      assert.equal(answer.published, true)
      assert.equal(await storedStatus(ctx, answer.id), 'approved')
      t.diagnostic(report(statements))
      assert.ok(statements.length <= COMMENT_POST_BUDGET, report(statements))
    })
  })
}
