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

/** The whole sitemap as a crawler reads it: the index, then every file it lists. */
export async function sitemapMs(base: string): Promise<{ ms: number; files: number }> {
  const started = performance.now()
  const response = await fetch(`${base}/sitemap.xml`, { headers: HEADERS })
  const index = await response.text()
  const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!))
  for (const file of files) await timed(base + file.pathname)
  return { ms: performance.now() - started, files: files.length }
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
