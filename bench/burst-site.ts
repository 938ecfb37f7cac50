// The site `bench/comment-burst.ts` posts to: a data folder on SQLite (WAL,
// synchronous=FULL, as every Dateline SQLite database), one published article
// open for comments, and the built server (dist/bundle/server.mjs) as a child
// process that can be killed with SIGKILL and started again on the same file.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { Agent, request } from 'node:http'
import { loadConfig } from '../src/config.js'
import { createContext, type AppContext } from '../src/context.js'
import { COMMAND_LINE } from '../src/domain/access/policy.js'
import { articlePath } from '../src/web/ui/urls.js'
import { buildArticleText } from '../test/helpers/factories.js'
import { killHard, waitUntilServing } from '../verify/site.js'
import { freePort } from './harness.js'

const ROOT = new URL('..', import.meta.url).pathname

export interface BurstSite {
  url: string
  /** The article's comment route. */
  commentsPath: string
  /** A form token made an hour ago: old enough for the "too fast" defence, young enough to be valid. */
  token: string
  /** A context over the same file, to look at what was stored (never the server's own). */
  ctx: AppContext
  /** The server process, or undefined while it is down. */
  pid(): number | undefined
  /** SIGTERM, and waits for a clean stop (a --cpu-prof profile is written then). */
  stop(): Promise<void>
  kill(): Promise<void>
  start(): Promise<void>
  close(): Promise<void>
}

/** Seeds `dataDir` (an article, comments open) and starts the built server on it. */
export async function startBurstSite(dataDir: string): Promise<BurstSite> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    SITE_URL: url,
    SITE_TIME_ZONE: 'Europe/London',
    // Readers' networks from X-Forwarded-For: each post comes from a network of its own, so the
    // per-network limit (5 per 10 minutes) is taken and counted but never refuses.
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'error',
  }
  // An hour behind: the token it makes is old enough to post at once.
  const clock = { now: () => new Date(Date.now() - 3_600_000) }
  const ctx = await createContext(loadConfig(env), { clock })
  await ctx.services.sections.ensureDefaults()
  const { article } = await ctx.services.importer.importText(
    buildArticleText({ headline: `Storm closes the harbour ${randomBytes(3).toString('hex')}` }),
    { sectionSlug: 'news', draft: false },
  )
  const settings = await ctx.services.settings.commentSettings()
  await ctx.services.settings.updateCommentSettings(COMMAND_LINE, { ...settings, mode: 'open' })
  const token = await ctx.services.comments.formToken(article.id)
  let child: ChildProcess | undefined
  const kill = () => killHard(child)
  const start = async () => {
    // BENCH_SERVER_ARGS: node flags for the server (--cpu-prof, say).
    const flags = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)
    child = spawn(process.execPath, [...flags, 'dist/bundle/server.mjs'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    await waitUntilServing(child, url)
  }
  const stop = async () => {
    const running = child
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGTERM')
    await exited
  }
  await start()
  return {
    url,
    commentsPath: `${articlePath(article, 'Europe/London')}/comments`,
    token,
    ctx,
    pid: () => (child?.exitCode === null ? child.pid : undefined),
    kill,
    start,
    stop,
    async close() {
      // Stopped, not killed, so that a server run with --cpu-prof writes its profile.
      await stop()
      await ctx.close()
    },
  }
}

let networks = 0

/** A reader's address on a /24 no other post of this run shares. */
export function freshNetwork(): string {
  networks++
  return `${11 + ((networks >> 16) & 127)}.${(networks >> 8) & 255}.${networks & 255}.9`
}

/** What one comment post sends: its own text, from its own network. */
export function commentRequest(site: BurstSite, body: string) {
  return {
    method: 'POST',
    path: site.commentsPath,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      origin: site.url,
      'x-forwarded-for': freshNetwork(),
    },
    body: new URLSearchParams({
      _csrf: site.token,
      name: 'Burst Reader',
      email: '',
      body,
      website: '',
    }).toString(),
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 })

/** Posts one comment; the stored comment's id when the server answered 201, else undefined. */
export function postComment(site: BurstSite, body: string): Promise<string | undefined> {
  const { hostname, port } = new URL(site.url)
  const { method, path, headers, body: form } = commentRequest(site, body)
  return new Promise((resolve) => {
    const req = request({ host: hostname, port, method, path, headers, agent }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('error', () => resolve(undefined))
      res.on('end', () =>
        resolve(res.statusCode === 201 ? (JSON.parse(text) as { id: string }).id : undefined),
      )
    })
    req.on('error', () => resolve(undefined))
    req.end(form)
  })
}

/** A comment text no other post of the run sends. */
export function burstText(): string {
  return `Burst comment ${randomBytes(8).toString('hex')}: the harbour wall held.`
}
