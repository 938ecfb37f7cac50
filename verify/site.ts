// The site each verify check attacks: the production build (dist/bundle/server.mjs)
// as a child process on 127.0.0.1, or, for the small runs inside `npm test`, the
// app in this process on a real port. Either way the check also gets a context
// over the same database, to seed content and to look at what was stored.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { freePort } from '../scripts/postgres-cluster.mjs'
import { loadConfig } from '../src/config.js'
import { createContext, type AppContext } from '../src/context.js'
import { COMMAND_LINE } from '../src/domain/access/policy.js'
import { startTestServer } from '../test/helpers/app.js'
import { createTestContext } from '../test/helpers/context.js'
import { createTestDatabase, type DialectName } from '../test/helpers/dialects.js'

export const ROOT = new URL('..', import.meta.url).pathname

export interface Site {
  dialect: DialectName
  /** http://127.0.0.1:PORT, also the site's SITE_URL. */
  url: string
  /** A context over the same database: seeding and inspecting, never the server's own. */
  ctx: AppContext
  /** A comment form token for the article, old enough to post at once. */
  formToken(articleId: string): Promise<string>
  /** SIGKILL to the server process, then waits for it to be gone (child-process sites only). */
  kill?(): Promise<void>
  /** Starts the server process again on the same port and database. */
  restart?(): Promise<void>
  close(): Promise<void>
}

/** The settings every verify site runs with: readers' addresses from X-Forwarded-For. */
const SITE_ENV = { TRUST_PROXY: 'true', SITE_TIME_ZONE: 'Europe/London', PAGE_CACHE_MB: '64' }

/** Comments open whatever the article's age, so that checks do not depend on today's date. */
async function openComments(ctx: AppContext): Promise<void> {
  const settings = await ctx.services.settings.commentSettings()
  await ctx.services.settings.updateCommentSettings(COMMAND_LINE, { ...settings, mode: 'open' })
}

/** Resolves once `url`/robots.txt answers 200; throws if the process exits or a minute passes. */
/** Kills a server process with SIGKILL (no chance to flush) and waits until it is gone. */
export async function killHard(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

export async function waitUntilServing(child: ChildProcess, url: string): Promise<void> {
  for (let attempt = 0; attempt < 3000; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`)
    try {
      const response = await fetch(`${url}/robots.txt`)
      await response.arrayBuffer()
      if (response.status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('the server did not start within a minute')
}

/**
 * The production build serving a fresh database of `dialect` (PostgreSQL:
 * a schema of its own on TEST_POSTGRES_URL). `npm run build` must have run.
 */
export async function startProductionSite(
  dialect: DialectName,
  extraEnv: Record<string, string> = {},
): Promise<Site> {
  const database = await createTestDatabase(dialect)
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-verify-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env: Record<string, string> = {
    ...SITE_ENV,
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    SECRET_KEY: database.secretKey,
    HOST: '127.0.0.1',
    PORT: String(port),
    SITE_URL: url,
    LOG_LEVEL: 'error',
    ...extraEnv,
  }
  // An hour behind: form tokens it makes are old enough for the "too fast" defence.
  const clock = { now: () => new Date(Date.now() - 3_600_000) }
  const ctx = await createContext(loadConfig(env), { clock })
  await ctx.services.sections.ensureDefaults()
  await openComments(ctx)
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn(process.execPath, ['dist/bundle/server.mjs'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    await waitUntilServing(child, url)
  }
  const kill = () => killHard(child)
  await start()
  return {
    dialect,
    url,
    ctx,
    formToken: (articleId) => ctx.services.comments.formToken(articleId),
    kill,
    restart: start,
    async close() {
      await kill()
      await ctx.close()
      await database.drop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The app in this process on a real port, for the small runs in `npm test`. */
export async function startInProcessSite(t: TestContext, dialect: DialectName): Promise<Site> {
  const ctx = await createTestContext(t, dialect, SITE_ENV)
  await openComments(ctx)
  const server = await startTestServer(t, ctx)
  return {
    dialect,
    url: server.url,
    ctx,
    async formToken(articleId) {
      const token = await ctx.services.comments.formToken(articleId)
      ctx.clock.advance(5000)
      return token
    },
    close: async () => {},
  }
}

let networks = 0

/** A reader's address on a /24 no other call shares (rate limits are per network). */
export function freshNetwork(): string {
  networks++
  return `10.${(networks >> 8) & 255}.${networks & 255}.${1 + ((randomBytes(1)[0] ?? 0) % 250)}`
}
