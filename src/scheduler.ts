import type { FastifyBaseLogger } from 'fastify'
import type { WorkflowService } from './domain/articles/workflow-service.js'
import type { Clock } from './domain/clock.js'
import type { Timers } from './domain/timers.js'

/** How often the scheduler looks even when nothing is due: another process may have scheduled something. */
export const POLL_MS = 30_000
/** The shortest wait, so that an article due now (or a clock behind the database's) cannot spin the loop. */
export const MIN_WAIT_MS = 250

export type { Timers }

/** Node's timers, unref'd: a pending look never keeps a stopping process alive. */
export const systemTimers: Timers = {
  after(ms, run) {
    const timer = setTimeout(run, ms)
    timer.unref()
    return { cancel: () => clearTimeout(timer) }
  },
}

export interface SchedulerDeps {
  workflow: Pick<WorkflowService, 'publishDue' | 'nextScheduledTime'>
  /** The context's clock: the wait until the next article is due is measured by it. */
  clock: Clock
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>
  /** Forgets what no longer counts (past rate-limit windows); run at most once per poll. */
  tidy?: () => Promise<void>
  timers?: Timers
}

/**
 * Publishes scheduled articles when their time comes, and at start-up any that
 * were missed while no server ran. Every app process may run one: the
 * workflow's version check lets exactly one publish each article. Between
 * times it runs `tidy` (forgetting what no longer counts, such as past
 * rate-limit windows) at most once per poll.
 */
export function startScheduler({
  workflow,
  clock,
  log,
  tidy = async () => {},
  timers = systemTimers,
}: SchedulerDeps): {
  stop(): void
} {
  let pending: { cancel(): void } | undefined
  let stopped = false
  let lastTidy = 0

  async function tick(): Promise<void> {
    try {
      for (const article of await workflow.publishDue()) {
        log.info({ article: article.slug }, 'published a scheduled article')
      }
    } catch (error) {
      log.error({ err: error }, 'publishing scheduled articles failed')
    }
    if (clock.now().getTime() - lastTidy >= POLL_MS) {
      lastTidy = clock.now().getTime()
      await tidy().catch((error: unknown) => log.warn({ err: error }, 'tidying up failed'))
    }
    if (stopped) return
    const next = await workflow.nextScheduledTime().catch(() => undefined)
    if (stopped) return
    const wait = next
      ? Math.min(POLL_MS, Math.max(MIN_WAIT_MS, next.getTime() - clock.now().getTime()))
      : POLL_MS
    pending = timers.after(wait, () => void tick())
  }

  void tick()
  return {
    stop() {
      stopped = true
      pending?.cancel()
    },
  }
}
