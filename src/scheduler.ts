import type { FastifyBaseLogger } from 'fastify'
import type { WorkflowService } from './domain/articles/workflow-service.js'

/** How often the scheduler looks even when nothing is due: another process may have scheduled something. */
const POLL_MS = 30_000

/**
 * Publishes scheduled articles when their time comes, and at start-up any that
 * were missed while no server ran. Every app process may run one: the
 * workflow's version check lets exactly one publish each article. Between
 * times it runs `tidy` (forgetting what no longer counts, such as past
 * rate-limit windows) at most once per poll.
 */
export function startScheduler(
  workflow: WorkflowService,
  log: FastifyBaseLogger,
  tidy: () => Promise<void> = async () => {},
): { stop(): void } {
  let timer: NodeJS.Timeout | undefined
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
    if (Date.now() - lastTidy >= POLL_MS) {
      lastTidy = Date.now()
      await tidy().catch((error: unknown) => log.warn({ err: error }, 'tidying up failed'))
    }
    if (stopped) return
    const next = await workflow.nextScheduledTime().catch(() => undefined)
    const wait = next ? Math.min(POLL_MS, Math.max(250, next.getTime() - Date.now())) : POLL_MS
    timer = setTimeout(() => void tick(), wait)
    timer.unref()
  }

  void tick()
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
