// Two sites compared as readers (and crawlers) see them: every public address
// the first site links to, fetched over HTTP from both, byte for byte.
import type { TestServer } from './app.js'

/** The site's own machinery, and what is not a page: not crawled. */
const SKIPPED =
  /^\/(?:admin|assets|media|api|preview|search|login|logout|theme)(?:[/?]|$)|\/comments\/token$/

/** Same-site addresses in a page, a feed or a sitemap, as paths. */
export function linksIn(body: string, siteUrl: string): string[] {
  const found: string[] = []
  for (const match of body.matchAll(
    /(?:href|src)="([^"#]*)"|<loc>([^<]+)<\/loc>|"url": ?"([^"]+)"/g,
  )) {
    const raw = (match[1] ?? match[2] ?? match[3] ?? '').replaceAll('&amp;', '&')
    const path = raw.startsWith(siteUrl) ? raw.slice(siteUrl.length) || '/' : raw
    if (path.startsWith('/') && !path.startsWith('//') && !SKIPPED.test(path)) found.push(path)
  }
  return found
}

export interface Fetched {
  status: number
  type: string
  body: string
}

async function fetched(server: TestServer, path: string): Promise<Fetched> {
  const response = await server.get(path)
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
  }
}

/** Where two texts first differ, with a little of each around it. */
export function firstDifference(a: string, b: string): string {
  let at = 0
  while (at < a.length && a[at] === b[at]) at++
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 80), at + 80))
  return `at ${at}: ${around(a)} vs ${around(b)}`
}

/**
 * Crawls `original` from `start` (breadth first, at most `limit` addresses)
 * and fetches each address from `copy` too; returns the addresses seen and
 * every difference, after `mask` has run over both bodies.
 */
export async function compareSites(
  original: TestServer,
  copy: TestServer,
  options: { start: string[]; siteUrl: string; limit: number; mask?: (body: string) => string },
): Promise<{ paths: string[]; differences: string[] }> {
  const mask = options.mask ?? ((body: string) => body)
  const queue = [...options.start]
  const seen = new Set(queue)
  const differences: string[] = []
  for (let index = 0; index < queue.length && index < options.limit; index++) {
    const path = queue[index] as string
    const [a, b] = await Promise.all([fetched(original, path), fetched(copy, path)])
    if (a.status !== b.status || a.type !== b.type) {
      differences.push(`${path}: ${a.status} ${a.type} vs ${b.status} ${b.type}`)
    } else if (mask(a.body) !== mask(b.body)) {
      differences.push(`${path}: ${firstDifference(mask(a.body), mask(b.body))}`)
    }
    if (a.status !== 200) continue
    for (const link of linksIn(a.body, options.siteUrl)) {
      if (!seen.has(link)) {
        seen.add(link)
        queue.push(link)
      }
    }
  }
  return { paths: queue.slice(0, options.limit), differences }
}
