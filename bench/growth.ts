// `npm run bench -- --growth [--huge] [--sizes=10000,100000] [--batch=500] [--postgres]`:
// one archive grown through 10,000 and 100,000 articles (and 1,000,000 with --huge). At each
// size: the import rate, the database's size, then a server with the page cache off and
// sequential requests: article and home render time, search for a common word, a rare word and
// a phrase, the whole sitemap and the site feed, the server's cold start and peak memory.
// SQLite by default; PostgreSQL when DATABASE_URL is a postgres:// URL (a fresh database is
// made in it and dropped after) or with --postgres (a private cluster, as the test runner starts).
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import pg from 'pg'
import { isStopWord } from '../src/domain/search/stop-words.js'
import { corpus } from './corpus.js'
import { benchDatabase } from './database.js'
import {
  median,
  sample,
  sequential,
  sitemapTimes,
  timed,
  type Latency,
  type SitemapTimes,
} from './growth-measure.js'
import { freePort, peakRssMb, ROOT, runChild, startServer } from './harness.js'
import { printGrowth } from './growth-table.js'

export interface GrowthStep {
  articles: number
  importArticlesPerSecond: number
  importMs: number
  commentsMs: number
  databaseMb: number
  coldStartMs: number
  article: Latency
  home: Latency
  search: Record<'common' | 'rare' | 'phrase', Latency & { query: string }>
  sitemap: SitemapTimes
  feedMs: number
  serverPeakRssMb: number
  loaderPeakRssMb: number
}

function option(args: readonly string[], name: string): string | undefined {
  return args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
}

async function databaseMb(dataDir: string, postgresUrl: string | undefined): Promise<number> {
  if (!postgresUrl) {
    const files = readdirSync(dataDir).filter((file) => file.startsWith('dateline.db'))
    return files.reduce((sum, file) => sum + statSync(join(dataDir, file)).size, 0) / 2 ** 20
  }
  const client = new pg.Client({ connectionString: postgresUrl })
  await client.connect()
  const result = await client.query<{ bytes: string }>(
    'SELECT pg_database_size(current_database()) AS bytes',
  )
  await client.end()
  return Number(result.rows[0]?.bytes ?? NaN) / 2 ** 20
}

/** The queries: a word in about a fifth of the articles, a number in one headline, a phrase. */
function queries(end: number, firstSize: number): Record<'common' | 'rare' | 'phrase', string> {
  const [first] = corpus(1, new Date(end))
  const headline: string[] = (first?.text.split('\n')[0] ?? '').toLowerCase().split(' ')
  const at = headline.findIndex(
    (word, i) =>
      word.length > 2 &&
      !isStopWord(word) &&
      (headline[i + 1]?.length ?? 0) > 2 &&
      !isStopWord(headline[i + 1] ?? ''),
  )
  return {
    common: 'council',
    rare: String(Math.floor(firstSize / 2) + 3),
    phrase: `"${headline[at]} ${headline[at + 1]}"`,
  }
}

async function measureStep(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  asked: Record<'common' | 'rare' | 'phrase', string>,
): Promise<
  Omit<
    GrowthStep,
    | 'articles'
    | 'importArticlesPerSecond'
    | 'importMs'
    | 'commentsMs'
    | 'databaseMb'
    | 'loaderPeakRssMb'
  >
> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = await startServer(
    ['dist/main.js'],
    { ...env, PORT: String(port), PAGE_CACHE_MB: '0' },
    `${base}/`,
  )
  try {
    const paths = readFileSync(join(dataDir, 'growth-paths.txt'), 'utf8').split('\n').slice(0, -1)
    const search = (query: string) => `/search?q=${encodeURIComponent(query)}`
    // Warm-up: let V8 optimise the render path before anything is timed.
    await sequential(base, [...sample(paths, 40), '/', search(asked.common)], 1)
    const article = await sequential(base, sample(paths, 300))
    const home = await sequential(base, ['/'], 200)
    const searchOf = async (query: string) => ({
      ...(await sequential(base, [search(query)], 100)),
      query,
    })
    const searches = {
      common: await searchOf(asked.common),
      rare: await searchOf(asked.rare),
      phrase: await searchOf(asked.phrase),
    }
    const sitemap = await sitemapTimes(base)
    const feedMs = await median(10, () => timed(`${base}/feed.rss`))
    return {
      coldStartMs: server.readyMs,
      article,
      home,
      search: searches,
      sitemap,
      feedMs,
      serverPeakRssMb: peakRssMb(server.child.pid),
    }
  } finally {
    server.child.kill()
    if (server.child.exitCode === null) await once(server.child, 'exit')
  }
}

/** Imports the articles from `from` up to `size` (one child process), then measures. */
async function growStep(
  env: NodeJS.ProcessEnv,
  databaseUrl: string | undefined,
  asked: Record<'common' | 'rare' | 'phrase', string>,
  loadArgs: { from: number; size: number; total: number; end: number; batch: number },
): Promise<GrowthStep> {
  const { from, size, total, end, batch } = loadArgs
  const dataDir = env.DATA_DIR ?? ''
  const loaded = JSON.parse(
    await runChild(
      process.execPath,
      ['--import', 'tsx', 'bench/growth-load.ts', ...[from, size, total, end, batch].map(String)],
      env,
    ),
  ) as { articles: number; importMs: number; commentsMs: number; peakRssMb: number }
  const onDisk = await databaseMb(dataDir, databaseUrl)
  const measured = await measureStep(env, dataDir, asked)
  const step: GrowthStep = {
    ...measured,
    articles: size,
    importArticlesPerSecond: loaded.articles / (loaded.importMs / 1000),
    importMs: loaded.importMs,
    commentsMs: loaded.commentsMs,
    databaseMb: onDisk,
    loaderPeakRssMb: loaded.peakRssMb,
  }
  console.log(
    `${size} articles: imported ${loaded.articles} at ${step.importArticlesPerSecond.toFixed(0)}/s; article p50 ${step.article.p50.toFixed(1)} ms, home p50 ${step.home.p50.toFixed(1)} ms`,
  )
  return step
}

export async function runGrowth(args: readonly string[]): Promise<void> {
  const sizes = (
    option(args, 'sizes') ?? `10000,100000${args.includes('--huge') ? ',1000000' : ''}`
  )
    .split(',')
    .map(Number)
  const batch = Number(option(args, 'batch') ?? 500)
  const database = await benchDatabase(args)
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-growth-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    // One address for the loader and the server, as a site has: kept stories are rendered for it.
    SITE_URL: 'http://127.0.0.1',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
  }
  if (database.url) env.DATABASE_URL = database.url
  else delete env.DATABASE_URL
  const { dialect } = database
  console.log(
    `Growth: ${sizes.join(', ')} articles on ${dialect}, imported ${batch} per transaction`,
  )
  const end = Date.now()
  const asked = queries(end, sizes[0] ?? 10_000)
  const steps: GrowthStep[] = []
  try {
    let from = 0
    for (const size of sizes) {
      const total = sizes.at(-1) ?? size
      steps.push(await growStep(env, database.url, asked, { from, size, total, end, batch }))
      from = size
    }
  } finally {
    await database.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  printGrowth(steps)
  const date = new Date().toISOString()
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
  const file = join(ROOT, 'bench/results', `growth-${date.replace(/[:.]/g, '-')}.json`)
  writeFileSync(
    file,
    `${JSON.stringify({ date, dialect, batch, queries: asked, steps }, null, 2)}\n`,
  )
  console.log(`Results written to ${file}`)
}
