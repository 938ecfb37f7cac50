/** What the worker needs of the media service. */
export interface PendingRenditions {
  processPending(options?: { until?: () => boolean }): Promise<number>
  onPending(listener: () => void): () => void
}

export interface RenditionWorker {
  /** Stops taking work and waits for the item in hand to be finished. */
  stop(): Promise<void>
}

/** How often the worker looks for work left by another process or a crash. */
export const RENDITION_POLL_MS = 30_000

/**
 * Makes renditions in the background of a server process: at once when an
 * upload says there is work, at start-up (work a crash or a restart left
 * behind) and every half minute (work another process claimed and dropped).
 * One run at a time; a kick during a run makes one more run after it.
 */
export function startRenditionWorker(
  media: PendingRenditions,
  log: { error(details: object, message: string): void },
  { pollMs = RENDITION_POLL_MS }: { pollMs?: number } = {},
): RenditionWorker {
  let running: Promise<void> | undefined
  let again = false
  let stopped = false

  const run = (): void => {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = media
      .processPending({ until: () => stopped })
      .then(
        () => undefined,
        (error: unknown) => log.error({ err: error }, 'making renditions failed; will try again'),
      )
      .finally(() => {
        running = undefined
        if (again) {
          again = false
          run()
        }
      })
  }

  const unsubscribe = media.onPending(run)
  const timer = setInterval(run, pollMs)
  timer.unref()
  run()

  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      unsubscribe()
      await running
    },
  }
}
