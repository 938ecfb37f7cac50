// `npm run bench`: a corpus in a fresh data folder, the production server, and
// autocannon against each kind of page, beside a node:http baseline measured in
// the same run. Prints one table, each row with its target, and writes it as JSON
// to bench/results/. `npm run bench -- --growth` runs bench/growth.ts instead.
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { SECTIONS } from './corpus.js'
import { benchDatabase } from './database.js'
import {
  freePort,
  HEADERS,
  measure,
  measureInTurns,
  peakRssMb,
  ROOT,
  runChild,
  startServer,
  type MeasureOptions,
  type Row,
} from './harness.js'
import { pageWeight, storiesLinked } from './page-weight.js'
import { signIn } from './sign-in.js'
import { figures, printTable, ROUTES, verdictOf } from './targets.js'

if (process.argv.includes('--growth')) {
  const { runGrowth } = await import('./growth.js')
  await runGrowth(process.argv.slice(2))
  process.exit(0)
}

const quick = process.argv.includes('--quick')
const ARTICLES = quick ? 1_000 : 10_000
const COMMENTS = quick ? 2_000 : 20_000
const DURATION = quick ? 3 : 10
const CONNECTIONS = 50
const SECTION_COUNT = SECTIONS.length
const load: MeasureOptions = { connections: CONNECTIONS, duration: DURATION }

const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-'))
const database = await benchDatabase(process.argv)
const children: ChildProcess[] = []
process.on('exit', () => {
  for (const child of children) child.kill()
  rmSync(dataDir, { recursive: true, force: true })
})

console.log(
  `Corpus: ${ARTICLES} articles, ${COMMENTS} comments on ${database.dialect} (${quick ? 'quick' : 'full'} run, ${DURATION} s per route, ${CONNECTIONS} connections)`,
)
// The API's per-network limit still counts every uncached request (its upsert is measured), but
// never refuses the one address autocannon sends from.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  API_REQUESTS_PER_MINUTE: '1000000',
  // One address for the loader and the servers, as a site has: kept stories are rendered for it.
  SITE_URL: 'http://127.0.0.1',
}
if (database.url) env.DATABASE_URL = database.url
else delete env.DATABASE_URL
const loaded = JSON.parse(
  await runChild(
    process.execPath,
    ['--import', 'tsx', 'bench/load-corpus.ts', String(ARTICLES), String(COMMENTS)],
    env,
  ),
) as {
  importMs: number
  commentsMs: number
  articleComments: { conversations: number; total: number }
  editor: { email: string; password: string }
  paths: Record<
    'article' | 'uncommentedArticle' | 'section' | 'author' | 'tag' | 'photoArticle',
    string
  >
  articlePaths: string[]
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
// What a client listing headlines asks for: everything but the bodies and the body's pictures.
const API_SUMMARIES = `${API_ARTICLES}&fields=id,url,headline,standfirst,dateline,section,bylines,tags,publishedAt,updatedAt,leadImage`
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
for (const [route, path] of routes) rows.push(await measure(route, base + path, load))
// A request with a newsroom session is never served a shared page. (A browser sends the cookie
// only under /admin; this row is what any session-carrying request of a public page costs.)
const session = await signIn(base, loaded.editor.email, loaded.editor.password)
rows.push(await measure(ROUTES.homeEditor, `${base}/`, { ...load, headers: { cookie: session } }))
// Readers of the archive: each request an article of the corpus at random, with the page cache
// on, so most are misses (the cache holds a fraction of 10,000 pages). No warm-up: it would fill it.
rows.push(
  await measure(ROUTES.longTail, `${base}/`, { ...load, paths: loaded.articlePaths, cold: true }),
)
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
rows.push(await measure(ROUTES.article50, uncachedBase + loaded.paths.article, load))
rows.push(await measure(ROUTES.articleBare, uncachedBase + loaded.paths.uncommentedArticle, load))
rows.push(await measure(ROUTES.homeUncached, `${uncachedBase}/`, load))
// Held to what node:http reaches sending the same bytes: measured in turns with it, since the
// ratio of two runs a minute apart moved by ±10% with the machine.
const apiUncompressed = await startBaseline(API_ARTICLES, 'API articles, uncompressed', 'identity')
const [apiUncachedMeasured, apiUncompressedBaseline] = await measureInTurns(
  { route: ROUTES.apiUncached, url: uncachedBase + API_ARTICLES },
  { route: 'node:http baseline (API articles, uncompressed)', url: apiUncompressed.url },
  load,
)
apiUncompressed.child.kill()
rows.push(apiUncachedMeasured)
rows.push(await measure(ROUTES.apiSummaryUncached, uncachedBase + API_SUMMARIES, load))
const uncachedRssMb = peakRssMb(uncached.child.pid)
uncached.child.kill()

// The baselines send the exact bytes Dateline sent for the article and for the home page.
// `identity`: the bytes as an uncached answer sends them, uncompressed.
async function startBaseline(
  path: string,
  name: string,
  as: 'gzip' | 'identity' = 'gzip',
): Promise<{ url: string; child: ChildProcess }> {
  const response = await fetch(base + path, { headers: HEADERS })
  const file = join(dataDir, `${name}.${as}`)
  // fetch() decompresses; store the page compressed again, as Dateline sent it.
  const bytes = Buffer.from(await response.arrayBuffer())
  writeFileSync(file, as === 'gzip' ? gzipSync(bytes, { level: 6 }) : bytes)
  const port = await freePort()
  const started = await startServer(
    ['bench/baseline.mjs', String(port), file],
    env,
    `http://127.0.0.1:${port}/`,
  )
  children.push(started.child)
  return { url: `http://127.0.0.1:${port}${path}`, child: started.child }
}
async function baseline(name: string, path: string): Promise<Row> {
  const started = await startBaseline(path, name)
  const row = await measure(`node:http baseline (${name})`, started.url, load)
  started.child.kill()
  return row
}
const articleBaseline = await baseline('article', loaded.paths.article)
const photoBaseline = await baseline('article with photos', loaded.paths.photoArticle)
const homeBaseline = await baseline('home', '/')
const apiBaseline = await baseline('API articles', API_ARTICLES)
rows.push(articleBaseline, photoBaseline, homeBaseline, apiBaseline, apiUncompressedBaseline)
const apiUncachedRow = rows.find((row) => row.route === ROUTES.apiUncached)
const homeUncachedRow = rows.find((row) => row.route === ROUTES.homeUncached)
if (
  apiUncachedRow &&
  homeUncachedRow &&
  apiUncompressedBaseline.requestsPerSecond < homeUncachedRow.requestsPerSecond
) {
  apiUncachedRow.bytesCap = apiUncompressedBaseline.requestsPerSecond
}
for (const row of rows) {
  // The API uncached is held to the home page uncached; cached, to the same bytes from node:http.
  const homeUncached = rows.find((candidate) => candidate.route === ROUTES.homeUncached)
  const against =
    (row.route === ROUTES.apiUncached || row.route === ROUTES.apiSummaryUncached) && homeUncached
      ? homeUncached
      : row.route.includes('API articles')
        ? apiBaseline
        : row.route.startsWith('home')
          ? homeBaseline
          : row.route.includes('with photos')
            ? photoBaseline
            : articleBaseline
  row.ratio = row.requestsPerSecond / against.requestsPerSecond
}

const weights = {
  'article with photos': await pageWeight(base, loaded.paths.photoArticle),
  home: await pageWeight(base, '/'),
}
/** Distinct stories the home page links to (BENCH_SECTIONS=12 brings it to about 60). */
const homeStories = await storiesLinked(`${base}/`)
// Durable comment posts on a site of their own (SQLite, synchronous=FULL), then kill -9 rounds.
const { measureCommentBurst } = await import('./comment-burst.js')
const burst = await measureCommentBurst({ seconds: DURATION, killRounds: quick ? 3 : 20 })
const runFigures = figures(rssMb, server.readyMs, burst)

console.log('')
printTable(rows, runFigures)
console.log('')
console.log(
  `Peak RSS: ${rssMb.toFixed(0)} MB (cache on, after the long tail), ${uncachedRssMb.toFixed(0)} MB (cache off)`,
)
console.log(`Cold start (process start → first 200): ${server.readyMs.toFixed(0)} ms`)
console.log(
  `The 50-comment article shows ${loaded.articleComments.conversations} conversations on its first page (${loaded.articleComments.total} comments in all)`,
)
for (const [name, weight] of Object.entries(weights)) {
  const total = weight.html + weight.css + weight.js
  console.log(
    `Page weight, ${name} (brotli, without pictures): HTML ${weight.html} B + CSS ${weight.css} B + JS ${weight.js} B = ${(total / 1024).toFixed(1)} KB (target < 25 KB)`,
  )
}
console.log(`Home page: ${homeStories} stories, over ${SECTION_COUNT} sections`)
// Uncached answers are sent uncompressed (only the page cache compresses): their size is their cost.
const sizes = await Promise.all(
  ['/', API_ARTICLES, API_SUMMARIES].map(async (path) =>
    ((await (await fetch(base + path)).arrayBuffer()).byteLength / 1024).toFixed(0),
  ),
)
console.log(
  `Uncompressed bytes: home ${sizes[0]} KB, API 20 articles ${sizes[1]} KB, with summary fields ${sizes[2]} KB`,
)
const longTail = rows.find((row) => row.route === ROUTES.longTail)
if (longTail) {
  // Each article's first request is a miss however large the cache: the expected distinct paths.
  const sent = longTail.requestsPerSecond * DURATION
  const distinct = loaded.articlePaths.length * (1 - (1 - 1 / loaded.articlePaths.length) ** sent)
  console.log(
    `Long tail: about ${sent.toFixed(0)} requests over ${loaded.articlePaths.length} articles, so at least ${((100 * distinct) / Math.max(sent, 1)).toFixed(0)}% were misses`,
  )
}
console.log(
  `Import: ${ARTICLES} articles in ${(loaded.importMs / 1000).toFixed(1)} s, ${COMMENTS} comments in ${(loaded.commentsMs / 1000).toFixed(1)} s`,
)

const results = {
  date: new Date().toISOString(),
  quick,
  database: database.dialect,
  node: process.version,
  corpus: { articles: ARTICLES, comments: COMMENTS, sections: SECTION_COUNT, homeStories },
  articleComments: loaded.articleComments,
  durationSeconds: DURATION,
  connections: CONNECTIONS,
  rows: rows.map((row) => ({ ...row, ...verdictOf(row) })),
  figures: runFigures,
  commentBurst: burst,
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
for (const child of children) child.kill()
await database.close()
process.exit(0)
