import type { IncomingMessage, ServerResponse } from 'node:http'
import { finished } from 'node:stream'
import { sendCachedPage, type PageCache } from './page-cache.js'
import { readerCacheKey, serveFromCache } from './serve-from-cache.js'

/**
 * Concurrent misses for one page render it once. A comment on a hot story
 * empties its page; without this, every reader arriving while it renders again
 * would render it too (fifty connections, fifty renders of the same page). The
 * first miss renders; the others wait for its answer to be complete and are
 * served the page it stored.
 */
export function createMissCoalescer(cache: PageCache) {
  const rendering = new Map<string, Promise<void>>()

  /**
   * Marks `response` as the one rendering `key` until it is complete (or its
   * client is gone). `finished` also answers for a response already closed: a
   * reader who left while waiting for another's render comes here after its
   * 'close' has been emitted, and a listener for it would wait for good, with
   * every later reader of the page behind it.
   */
  function lead(key: string, response: ServerResponse): void {
    const done: Promise<void> = new Promise((resolve) => {
      finished(response, () => {
        if (rendering.get(key) === done) rendering.delete(key)
        resolve()
      })
    })
    rendering.set(key, done)
  }

  return {
    /** Renders under way, for tests and diagnostics. */
    get pending(): number {
      return rendering.size
    },

    /**
     * Answers a reader's GET the cache missed: after the render under way for
     * the same page if there is one, else by rendering it (`render`).
     */
    async answerMiss(
      request: IncomingMessage,
      response: ServerResponse,
      render: () => void,
    ): Promise<void> {
      const key = request.method === 'GET' ? readerCacheKey(cache, request) : undefined
      if (key === undefined) return render()
      // Twice at most: a render whose page was not stored (a purge came while it ran) wakes
      // its waiters, one of which renders again; a second such failure is not waited out.
      for (let round = 0; round < 2; round++) {
        const pending = rendering.get(key)
        if (!pending) break
        // A page lacking only a moment's new comments is served at once, rather than after the render.
        const stale = cache.stale(key)
        if (stale) return sendCachedPage(stale, request, response)
        await pending
        // A reader who left while waiting is owed nothing: no render for nobody.
        if (response.destroyed) return
        if (serveFromCache(cache, request, response)) return
      }
      lead(key, response)
      render()
    },
  }
}

export type MissCoalescer = ReturnType<typeof createMissCoalescer>
