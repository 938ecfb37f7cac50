// The measurements of one growth step, against a server with the page cache off: sequential
// requests, one at a time, so each latency is one render (no queueing behind others).
import { performance } from 'node:perf_hooks'
import { HEADERS } from './harness.js'

export interface Latency {
  p50: number
  p99: number
  count: number
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

/** Milliseconds from sending a request to the last byte of its answer; a non-200 is an error. */
async function timed(url: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(url, { headers: HEADERS })
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
  return performance.now() - started
}

/** Asks for each path in turn, `rounds` times over, and summarises the latencies. */
export async function sequential(
  base: string,
  paths: readonly string[],
  rounds = 1,
): Promise<Latency> {
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    for (const path of paths) times.push(await timed(base + path))
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99), count: times.length }
}

/** The whole sitemap as a crawler reads it: the index, then every file it lists, each timed. */
async function sitemapCrawl(base: string): Promise<{
  ms: number
  files: number
  indexMs: number
  /** Per file listed, by path. */
  fileMs: Record<string, number>
}> {
  const started = performance.now()
  const response = await fetch(`${base}/sitemap.xml`, { headers: HEADERS })
  const index = await response.text()
  const indexMs = performance.now() - started
  const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!))
  const fileMs: Record<string, number> = {}
  for (const file of files) fileMs[file.pathname] = await timed(base + file.pathname)
  return { ms: performance.now() - started, files: files.length, indexMs, fileMs }
}

type Crawl = Awaited<ReturnType<typeof sitemapCrawl>>

export interface SitemapTimes {
  ms: number
  files: number
  indexMs: number
  /** The slowest of the article files, and of the section, author and tag files. */
  articleFileMs: number
  placeFileMs: number
}

/** Three crawls of the sitemap: the median of each measure. */
export async function sitemapTimes(base: string): Promise<SitemapTimes> {
  const crawls: Crawl[] = []
  for (let run = 0; run < 3; run++) crawls.push(await sitemapCrawl(base))
  const slowest = (crawl: Crawl, pattern: RegExp) =>
    Math.max(
      ...Object.entries(crawl.fileMs).flatMap(([path, ms]) => (pattern.test(path) ? [ms] : [])),
    )
  const medianOf = (value: (crawl: Crawl) => number) =>
    crawls.map(value).sort((a, b) => a - b)[Math.floor(crawls.length / 2)] ?? NaN
  return {
    ms: medianOf((crawl) => crawl.ms),
    files: crawls[0]?.files ?? 0,
    indexMs: medianOf((crawl) => crawl.indexMs),
    articleFileMs: medianOf((crawl) => slowest(crawl, /\/articles-/)),
    placeFileMs: medianOf((crawl) => slowest(crawl, /\/(?:sections|authors|tags)-/)),
  }
}

/** The median of `runs` timings of `measureOnce`. */
export async function median(runs: number, measureOnce: () => Promise<number>): Promise<number> {
  const times: number[] = []
  for (let run = 0; run < runs; run++) times.push(await measureOnce())
  return percentile(
    times.sort((a, b) => a - b),
    50,
  )
}

/** `count` of `items` picked at random (with repeats when there are fewer). */
export function sample<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, () => items[Math.floor(Math.random() * items.length)]!)
}

export { timed }
