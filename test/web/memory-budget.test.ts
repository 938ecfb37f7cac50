// A site run on a small MEMORY_MB: every page still renders as it should, and
// what its stores keep never adds up to more than the budget.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { pathOf, textOf } from './html.js'

/** More than the page cache's half of one MiB holds, compressed: the second round renders again. */
const STORIES = 48

/** `count` ticket numbers, each 64 hex digits drawn from a hash chain: nearly incompressible. */
function tickets(seed: number, count: number): string {
  const numbers: string[] = []
  let last = String(seed)
  for (let i = 0; i < count; i++) {
    last = createHash('sha256').update(last).digest('hex')
    numbers.push(last)
  }
  return numbers.join(' ')
}

for (const dialect of testDialects()) {
  describe(`memory budget of a running site (${dialect})`, () => {
    test('reading more stories than the budget holds keeps every store within its share', async (t) => {
      // One MiB: a dozen pages, a few articles' reads and bodies.
      const ctx = await createTestContext(t, dialect, { MEMORY_MB: '1' })
      const server = await startTestServer(t, ctx)
      const { budget } = ctx.memory
      const stories = []
      for (let n = 0; n < STORIES; n++) {
        ctx.clock.advance(60_000)
        const headline = `Harbour story number ${n} ${'with a long line '.repeat(4)}`
        // Text that compresses little, as the page cache keeps pages compressed. Each article's
        // page read (its story rendered, two bytes a character with its curly quotes) still fits
        // the articles' share of one MiB, so that the store is seen keeping what it can.
        const body = [`The ferry ran late again: ${tickets(n, 300)}.`, `End ${n}.`]
        stories.push({ headline, ...(await importArticle(ctx, { headline, body })) })
      }
      const check = (when: string) => {
        assert.ok(budget.used <= budget.total, `${when}: ${budget.used} of ${budget.total} bytes`)
        for (const share of budget.shares()) {
          assert.ok(
            share.used <= share.limit,
            `${when}: ${share.name} ${share.used} > ${share.limit}`,
          )
        }
      }
      // Twice over: the second round reads what the first evicted again.
      for (const round of [1, 2]) {
        for (const { headline, article } of stories) {
          const { response, document } = await server.page(pathOf(article))
          assert.equal(response.status, 200)
          assert.ok(textOf(document).includes(headline), `${headline} shown`)
          check(`round ${round}, ${headline}`)
        }
      }
      const articles = budget.shares().find((share) => share.name === 'articles')
      assert.ok(articles && articles.used > 0, 'articles were kept')
      const pages = budget.shares().find((share) => share.name === 'page cache')
      assert.ok(pages && pages.used > pages.limit / 2, 'the page cache filled its part')
      assert.ok(budget.used > budget.total / 4, 'the stores use their shares')
    })
  })
}
