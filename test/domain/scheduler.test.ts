// The scheduler (src/scheduler.ts) over a real database: it waits by the
// context's clock, so the test moves that clock and fires the waits itself.
// Nothing here sleeps or reads the wall clock.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { MIN_WAIT_MS, POLL_MS, startScheduler, type Timers } from '../../src/scheduler.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'

const MINUTE = 60_000

interface Wait {
  ms: number
  fire: () => void
  cancelled: boolean
}

/** Timers the test drives: each wait the scheduler asks for is handed over, to fire or not. */
function handDrivenTimers(): { timers: Timers; nextWait: () => Promise<Wait> } {
  const asked: Wait[] = []
  let waiting: ((wait: Wait) => void) | undefined
  return {
    timers: {
      after(ms, run) {
        const wait: Wait = { ms, fire: run, cancelled: false }
        if (waiting) waiting(wait)
        else asked.push(wait)
        waiting = undefined
        return {
          cancel() {
            wait.cancelled = true
          },
        }
      },
    },
    nextWait: () => {
      const wait = asked.shift()
      if (wait) return Promise.resolve(wait)
      return new Promise((resolve) => {
        waiting = resolve
      })
    },
  }
}

/** A log that keeps what it was told. */
function recordingLog() {
  const published: string[] = []
  const errors: unknown[] = []
  return {
    published,
    errors,
    log: {
      info: (fields: { article?: string }) => {
        if (fields.article) published.push(fields.article)
      },
      error: (fields: unknown) => {
        errors.push(fields)
      },
      warn: (fields: unknown) => {
        errors.push(fields)
      },
    },
  }
}

async function scheduledArticle(ctx: TestAppContext, at: Date): Promise<Article> {
  const { article } = await importArticle(ctx, {}, { draft: true })
  return ctx.services.workflow.transition(COMMAND_LINE, article.id, { transition: 'schedule', at })
}

async function statusOf(ctx: TestAppContext, article: Article): Promise<string> {
  return (await ctx.services.editing.get(COMMAND_LINE, article.id)).status
}

for (const dialect of testDialects()) {
  describe(`the scheduler (${dialect})`, () => {
    test('publishes an article when the clock reaches its time, waiting no longer than it must', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const article = await scheduledArticle(ctx, new Date(ctx.clock.now().getTime() + 10 * MINUTE))
      const { timers, nextWait } = handDrivenTimers()
      const { log, published, errors } = recordingLog()
      const scheduler = startScheduler({
        workflow: ctx.services.workflow,
        clock: ctx.clock,
        log,
        timers,
      })
      t.after(() => scheduler.stop())

      // Ten minutes off: it looks again at the polling interval.
      const first = await nextWait()
      assert.equal(first.ms, POLL_MS)
      assert.equal(await statusOf(ctx, article), 'scheduled')

      // Ten seconds off: it waits exactly that long.
      ctx.clock.advance(10 * MINUTE - 10_000)
      first.fire()
      const second = await nextWait()
      assert.equal(second.ms, 10_000)
      assert.equal(await statusOf(ctx, article), 'scheduled')

      ctx.clock.advance(10_000)
      second.fire()
      const third = await nextWait()
      assert.equal(await statusOf(ctx, article), 'published')
      assert.deepEqual(published, [article.slug])
      assert.equal(third.ms, POLL_MS, 'nothing else is scheduled')
      assert.deepEqual(errors, [])

      scheduler.stop()
      assert.equal(third.cancelled, true, 'stopping cancels the pending wait')
    })

    test('at start, publishes at once what fell due while no server ran', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const missed = await scheduledArticle(ctx, new Date(ctx.clock.now().getTime() + MINUTE))
      const later = await scheduledArticle(
        ctx,
        new Date(ctx.clock.now().getTime() + MINUTE + 20_000),
      )
      ctx.clock.advance(MINUTE + 1)
      const { timers, nextWait } = handDrivenTimers()
      const { log, published } = recordingLog()
      const scheduler = startScheduler({
        workflow: ctx.services.workflow,
        clock: ctx.clock,
        log,
        timers,
      })
      t.after(() => scheduler.stop())

      const wait = await nextWait()
      assert.deepEqual(published, [missed.slug])
      assert.equal(await statusOf(ctx, later), 'scheduled')
      assert.equal(wait.ms, 20_000 - 1, 'then waits for the next one by the clock')

      // A clock that reaches the time within the shortest wait never makes it spin.
      ctx.clock.advance(20_000 - 1 - MIN_WAIT_MS / 2)
      wait.fire()
      assert.equal((await nextWait()).ms, MIN_WAIT_MS)
      assert.equal(await statusOf(ctx, later), 'scheduled')
    })
  })
}
