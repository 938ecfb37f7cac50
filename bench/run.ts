// `npm run bench`: a corpus in a fresh data folder, the production server, and
// autocannon against each kind of page, beside a node:http baseline measured in
// the same run. Prints one table and writes it as JSON to bench/results/.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { get } from 'node:http'
import { brotliDecompressSync, gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import { SECTIONS } from './corpus.js'

const ROOT = new URL('..', import.meta.url).pathname
const quick = process.argv.includes('--quick')
const ARTICLES = quick ? 1_000 : 10_000
const COMMENTS = quick ? 2_000 : 20_000
const DURATION = quick ? 3 : 10
const CONNECTIONS = 50
const SECTION_COUNT = SECTIONS.length

interface Row {
  route: string
  path: string
  requestsPerSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  ratio?: number
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
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
async function startServer(
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
const HEADERS = { 'accept-encoding': 'gzip' }

async function measure(route: string, url: string): Promise<Row> {
  // Warm up: the first requests fill the page cache and let V8 optimise the hot path.
  await autocannon({ url, connections: 10, duration: 1, headers: HEADERS })
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: HEADERS,
  })
  return {
    route,
    path: new URL(url).pathname + new URL(url).search,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN)
  return kb / 1024
}

const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-'))
const children: ChildProcess[] = []
process.on('exit', () => {
  for (const child of children) child.kill()
  rmSync(dataDir, { recursive: true, force: true })
})

console.log(
  `Corpus: ${ARTICLES} articles, ${COMMENTS} comments (${quick ? 'quick' : 'full'} run, ${DURATION} s per route, ${CONNECTIONS} connections)`,
)
// The API's per-network limit still counts every uncached request (its upsert is measured), but
// never refuses the one address autocannon sends from.
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  API_REQUESTS_PER_MINUTE: '1000000',
}
const loaded = JSON.parse(
  await run(
    process.execPath,
    ['--import', 'tsx', 'bench/load-corpus.ts', String(ARTICLES), String(COMMENTS)],
    env,
  ),
) as {
  importMs: number
  commentsMs: number
  paths: Record<'article' | 'section' | 'author' | 'tag' | 'photoArticle', string>
}
console.log(
  `Imported in ${(loaded.importMs / 1000).toFixed(1)} s; comments in ${(loaded.commentsMs / 1000).toFixed(1)} s`,
)

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const server = await startServer(
  ['dist/bundle/server.mjs'],
  { ...env, PORT: String(port) },
  `${base}/`,
)
children.push(server.child)

const API_ARTICLES = '/api/v1/articles?limit=20'
const rows: Row[] = []
const routes: [string, string][] = [
  ['home', '/'],
  ['section', loaded.paths.section],
  ['article', loaded.paths.article],
  ['article with photos', loaded.paths.photoArticle],
  ['author', loaded.paths.author],
  ['tag', loaded.paths.tag],
  ['site RSS feed', '/feed.rss'],
  ['search', '/search?q=council'],
  ['404', '/no-such-page'],
  ['API articles (20)', API_ARTICLES],
]
for (const [route, path] of routes) rows.push(await measure(route, base + path))
const rssMb = peakRssMb(server.child.pid)

// The same pages with the page cache off: what rendering costs.
const uncachedPort = await freePort()
const uncachedBase = `http://127.0.0.1:${uncachedPort}`
const uncached = await startServer(
  ['dist/main.js'],
  { ...env, PORT: String(uncachedPort), PAGE_CACHE_MB: '0' },
  `${uncachedBase}/`,
)
children.push(uncached.child)
rows.push(await measure('article, cache off', uncachedBase + loaded.paths.article))
rows.push(await measure('home, cache off', `${uncachedBase}/`))
rows.push(await measure('API articles (20), cache off', uncachedBase + API_ARTICLES))
const uncachedRssMb = peakRssMb(uncached.child.pid)
uncached.child.kill()

// The baselines send the exact bytes Dateline sent for the article and for the home page.
async function baseline(name: string, path: string): Promise<Row> {
  const response = await fetch(base + path, { headers: HEADERS })
  const file = join(dataDir, `${name}.gz`)
  // fetch() decompresses; store the page compressed again, as Dateline sent it.
  writeFileSync(file, gzipSync(Buffer.from(await response.arrayBuffer()), { level: 6 }))
  const port = await freePort()
  const started = await startServer(
    ['bench/baseline.mjs', String(port), file],
    env,
    `http://127.0.0.1:${port}/`,
  )
  children.push(started.child)
  const row = await measure(`node:http baseline (${name})`, `http://127.0.0.1:${port}${path}`)
  started.child.kill()
  return row
}
const articleBaseline = await baseline('article', loaded.paths.article)
const photoBaseline = await baseline('article with photos', loaded.paths.photoArticle)
const homeBaseline = await baseline('home', '/')
const apiBaseline = await baseline('API articles', API_ARTICLES)
rows.push(articleBaseline, photoBaseline, homeBaseline, apiBaseline)
for (const row of rows) {
  // The API uncached is held to the home page uncached; cached, to the same bytes from node:http.
  const homeUncached = rows.find((candidate) => candidate.route === 'home, cache off')
  const against =
    row.route === 'API articles (20), cache off' && homeUncached
      ? homeUncached
      : row.route.startsWith('API') || row.route.includes('(API articles)')
        ? apiBaseline
        : row.route.startsWith('home')
          ? homeBaseline
          : row.route.includes('with photos')
            ? photoBaseline
            : articleBaseline
  row.ratio = row.requestsPerSecond / against.requestsPerSecond
}

/** Bytes on the wire of one response, as a browser asking for brotli gets it. */
function wireBytes(url: string): Promise<{ bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'br' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const raw = Buffer.concat(chunks)
        const encoded = response.headers['content-encoding'] === 'br'
        resolve({ bytes: raw.length, body: (encoded ? brotliDecompressSync(raw) : raw).toString() })
      })
      response.on('error', reject)
    }).on('error', reject)
  })
}

/** A page's own bytes: its HTML, stylesheet and scripts (pictures are the media's, counted apart). */
async function pageWeight(path: string): Promise<{ html: number; css: number; js: number }> {
  const page = await wireBytes(base + path)
  const css = [...page.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)]
  const js = [...page.body.matchAll(/<script src="([^"]+)"/g)]
  const sum = async (matches: RegExpMatchArray[]) =>
    (await Promise.all(matches.map((match) => wireBytes(base + (match[1] ?? ''))))).reduce(
      (total, file) => total + file.bytes,
      0,
    )
  return { html: page.bytes, css: await sum(css), js: await sum(js) }
}
const weights = {
  'article with photos': await pageWeight(loaded.paths.photoArticle),
  home: await pageWeight('/'),
}
/** Distinct stories the home page links to (BENCH_SECTIONS=12 brings it to about 60). */
const homeStories = new Set(
  [...(await wireBytes(`${base}/`)).body.matchAll(/href="(\/\d{4}\/\d{2}\/\d{2}\/[^"#]+)"/g)].map(
    (match) => match[1],
  ),
).size

const table = [
  ['route', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'non-2xx'],
  ...rows.map((row) => [
    row.route,
    row.requestsPerSecond.toFixed(0),
    row.p50.toFixed(1),
    row.p99.toFixed(1),
    `${((row.ratio ?? 0) * 100).toFixed(0)}%`,
    String(row.non2xx),
  ]),
]
const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)))
console.log('')
for (const line of table) {
  console.log(
    line
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  '),
  )
}
console.log('')
console.log(
  `Peak RSS: ${rssMb.toFixed(0)} MB (cache on), ${uncachedRssMb.toFixed(0)} MB (cache off)`,
)
console.log(`Cold start (process start → first 200): ${server.readyMs.toFixed(0)} ms`)
for (const [name, weight] of Object.entries(weights)) {
  const total = weight.html + weight.css + weight.js
  console.log(
    `Page weight, ${name} (brotli, without pictures): HTML ${weight.html} B + CSS ${weight.css} B + JS ${weight.js} B = ${(total / 1024).toFixed(1)} KB (target < 25 KB)`,
  )
}
console.log(`Home page: ${homeStories} stories, over ${SECTION_COUNT} sections`)
console.log(
  `Import: ${ARTICLES} articles in ${(loaded.importMs / 1000).toFixed(1)} s, ${COMMENTS} comments in ${(loaded.commentsMs / 1000).toFixed(1)} s`,
)

const results = {
  date: new Date().toISOString(),
  quick,
  node: process.version,
  corpus: { articles: ARTICLES, comments: COMMENTS, sections: SECTION_COUNT, homeStories },
  durationSeconds: DURATION,
  connections: CONNECTIONS,
  rows,
  peakRssMb: rssMb,
  uncachedPeakRssMb: uncachedRssMb,
  coldStartMs: server.readyMs,
  pageWeights: weights,
  importMs: loaded.importMs,
  commentsMs: loaded.commentsMs,
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
const file = join(
  ROOT,
  'bench/results',
  `${results.date.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`,
)
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
console.log(`Results written to ${file}`)
process.exit(0)
