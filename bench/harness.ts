// What every benchmark script needs: free ports, child processes, a server started and
// timed to its first 200, autocannon runs turned into rows, and a process's peak memory.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'

export const ROOT = new URL('..', import.meta.url).pathname

/** One measured route: throughput and latency at the benchmark's concurrency. */
export interface Row {
  route: string
  path: string
  requestsPerSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  ratio?: number
  /**
   * What node:http reaches sending this row's bytes as the row sent them, when
   * that is below what the row is held to: the bytes, not the server, bound it.
   */
  bytesCap?: number
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Runs a command to its end and resolves with what it printed. */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    )
  })
}

/** Starts a process and resolves once `url` answers 200; returns the time that took. */
export async function startServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  url: string,
): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`)
    try {
      const response = await fetch(url)
      await response.arrayBuffer()
      if (response.status === 200) return { child, readyMs: performance.now() - started }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

// Browsers and CDNs always ask for compressed pages; so does the benchmark, of Dateline and
// the baseline alike (gzip, which both serve as the same bytes).
export const HEADERS = { 'accept-encoding': 'gzip' }

export interface MeasureOptions {
  connections: number
  duration: number
  /** More request headers (a session cookie). */
  headers?: Record<string, string>
  /** Paths to ask for, one at random per request, instead of the URL's own. */
  paths?: readonly string[]
  /** Skip the warm-up (it would fill the page cache the row is about). */
  cold?: boolean
}

export async function measure(route: string, url: string, options: MeasureOptions): Promise<Row> {
  const headers = { ...HEADERS, ...options.headers }
  const paths = options.paths
  const requests = paths
    ? [
        {
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            path: paths[Math.floor(Math.random() * paths.length)] ?? '/',
          }),
        },
      ]
    : undefined
  // Warm up: the first requests fill the page cache and let V8 optimise the hot path.
  if (!options.cold) await autocannon({ url, connections: 10, duration: 1, headers })
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    headers,
    ...(requests ? { requests } : {}),
  })
  return {
    route,
    path: paths ? `${paths.length} paths at random` : new URL(url).pathname + new URL(url).search,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

/**
 * Two rows measured in turns (`rounds` runs of each, alternating, sharing the
 * duration), for a ratio between them: measured a minute apart, a route and
 * its baseline each moved by ±10% with the machine. Requests per second are
 * the runs' mean, p50 their median and p99 their worst.
 */
export async function measureInTurns(
  first: { route: string; url: string },
  second: { route: string; url: string },
  options: MeasureOptions,
  rounds = 3,
): Promise<[Row, Row]> {
  const each = { ...options, duration: Math.max(1, Math.round(options.duration / rounds)) }
  const runs: [Row[], Row[]] = [[], []]
  for (let round = 0; round < rounds; round++) {
    // Only the first run of each warms up: the later ones follow a run of their own kind.
    const now = round === 0 ? each : { ...each, cold: true }
    runs[0].push(await measure(first.route, first.url, now))
    runs[1].push(await measure(second.route, second.url, now))
  }
  return [combined(runs[0]), combined(runs[1])]
}

function combined(runs: Row[]): Row {
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
  return {
    ...runs[0]!,
    requestsPerSecond: sum(runs.map((run) => run.requestsPerSecond)) / runs.length,
    p50: median(runs.map((run) => run.p50)),
    p99: Math.max(...runs.map((run) => run.p99)),
    non2xx: sum(runs.map((run) => run.non2xx)),
    errors: sum(runs.map((run) => run.errors)),
  }
}

/** A process's peak resident memory so far (VmHWM), in MB. */
export function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN)
  return kb / 1024
}
