import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ContentChange } from '../../domain/changes.js'
import { pathOfKey, RESERVED_PREFIXES, redirectKey } from '../../domain/redirects/redirect.js'

/** What the index needs of the redirect service. */
export interface RedirectSource {
  snapshot(): Promise<{ stamp: string; pairs: ReadonlyArray<{ from: string; to: string }> }>
  stamp(): Promise<string>
}

/** The site's own machinery: never redirected (oldAddressKey refuses it), so never looked up. */
const NEVER_REDIRECTED = new RegExp(`^(?:${RESERVED_PREFIXES.join('|')})(?:[/?]|$)`)

/**
 * Every redirect, held in memory so that an old address is answered before
 * routing and before the page cache (whose key drops `?p=123`), at the cost
 * of a map lookup. It reloads when redirects change (here, or in another
 * process that can tell), and, after an unknown change by another process
 * (an import beside a SQLite server), if the table's stamp says they changed.
 */
export async function createRedirectIndex(
  source: RedirectSource,
  onError: (error: unknown) => void,
) {
  let targets = new Map<string, string>()
  let stamp = ''
  let running: Promise<void> | undefined
  let queued: Promise<void> | undefined

  async function load(): Promise<void> {
    const snapshot = await source.snapshot()
    targets = new Map(snapshot.pairs.map(({ from, to }) => [from, to]))
    stamp = snapshot.stamp
  }

  /**
   * One reload at a time. Asked for during one, another follows it (its read
   * may have come before the change); callers share that next one.
   */
  function reload(onlyIfStale: boolean): Promise<void> {
    if (!running) {
      running = (async () => {
        if (!onlyIfStale || (await source.stamp()) !== stamp) await load()
      })()
        .catch(onError)
        .finally(() => {
          running = undefined
        })
      return running
    }
    queued ??= running.then(() => {
      queued = undefined
      return reload(false)
    })
    return queued
  }

  await load()
  return {
    /** The new address for a request's URL, if it is an old one. */
    find(url: string): string | undefined {
      if (targets.size === 0 || NEVER_REDIRECTED.test(url)) return undefined
      const key = redirectKey(url)
      if (key === undefined) return undefined
      return targets.get(key) ?? targets.get(pathOfKey(key))
    },
    /** Call with every content change; resolves once the index reflects it. */
    async changed(change: ContentChange): Promise<void> {
      // Every in-process change to redirects announces `redirects`; only an unknown
      // change (another process's commit) needs the stamp asked.
      if (change.scope === 'redirects') await reload(false)
      else if (change.scope === 'site' && change.foreign) await reload(true)
    },
    /** Resolves when no reload is under way (for shutdown). */
    settled: async (): Promise<void> => {
      while (running ?? queued) await (queued ?? running)
    },
  }
}

export type RedirectIndex = Awaited<ReturnType<typeof createRedirectIndex>>

/** Answers an old address with 301 and its new one; false for any other request. */
export function answerRedirect(
  index: RedirectIndex,
  headers: Record<string, string>,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const target = request.url === undefined ? undefined : index.find(request.url)
  if (target === undefined) return false
  response.writeHead(301, { ...headers, location: target, 'content-length': '0' })
  response.end()
  return true
}
