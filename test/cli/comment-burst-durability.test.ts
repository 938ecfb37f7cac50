// kill -9 in the middle of a burst of comments, which the server writes in
// shared transactions (domain/group-commit.ts): every comment it answered 201
// must be in the database once it is started again on the same SQLite file
// (WAL, synchronous=FULL: the server refuses to start otherwise). The server is
// `dateline serve` as a real process; bench/comment-burst.ts does 20 rounds of
// this against the built server, the suite a few.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { articlePath } from '../../src/web/ui/urls.js'
import { freshIp } from '../helpers/comments.js'
import { buildArticleText } from '../helpers/factories.js'
import { cliEnv, freePort, inspectDataDir, startCli, tempDir } from './cli.js'

const ROUNDS = 3
/** How many acknowledgements each round waits for before the kill. */
const KILL_AFTER = [5, 17, 40]
const POSTERS = 16

/** An article open for comments whatever the date, and a form token old enough to post at once. */
async function seed(dataDir: string): Promise<{ path: string; token: string }> {
  const article = await inspectDataDir(dataDir, async (ctx) => {
    await ctx.services.sections.ensureDefaults()
    const settings = await ctx.services.settings.commentSettings()
    await ctx.services.settings.updateCommentSettings(COMMAND_LINE, { ...settings, mode: 'open' })
    const imported = await ctx.services.importer.importText(
      buildArticleText({ headline: 'Storm closes the harbour' }),
      { sectionSlug: 'news', draft: false },
    )
    return imported.article
  })
  // The server keeps real time and refuses a form younger than 3 s: the token is an hour old.
  const token = await inspectDataDir(
    dataDir,
    (ctx) => ctx.services.comments.formToken(article.id),
    { clock: { now: () => new Date(Date.now() - 3_600_000) } },
  )
  return { path: articlePath(article, 'Europe/London'), token }
}

/** Posts comments from POSTERS readers at once until `stop` says so; returns id → text of each 201. */
async function burstUntil(
  url: string,
  path: string,
  token: string,
  stop: (acknowledged: number) => boolean,
): Promise<Map<string, string>> {
  const acknowledged = new Map<string, string>()
  let posted = 0
  const poster = async () => {
    while (!stop(acknowledged.size)) {
      const body = `Burst comment ${posted++} of this round, ${Math.random().toString(36).slice(2)}.`
      try {
        const answer = await fetch(`${url}${path}/comments`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
            'x-forwarded-for': freshIp(),
          },
          body: new URLSearchParams({ _csrf: token, name: 'Reader', email: '', body, website: '' }),
        })
        const text = await answer.text()
        if (answer.status === 201) acknowledged.set((JSON.parse(text) as { id: string }).id, body)
        else assert.equal(answer.status, 201, text)
      } catch (error) {
        // Only a request the killed server never answered may fail.
        if (error instanceof assert.AssertionError) throw error
      }
    }
  }
  await Promise.all(Array.from({ length: POSTERS }, poster))
  return acknowledged
}

function serve(t: TestContext, dataDir: string, port: number) {
  const env = cliEnv(dataDir, { PORT: String(port), HOST: '127.0.0.1', TRUST_PROXY: 'true' })
  return startCli(t, ['serve'], { env, timeoutMs: 120_000 })
}

describe('a burst of comments survives kill -9', () => {
  test(
    `${ROUNDS} rounds: every comment answered 201 is there after a restart`,
    { timeout: 300_000 },
    async (t) => {
      const dataDir = tempDir(t)
      const port = await freePort()
      const { path, token } = await seed(dataDir)
      let lost = 0
      let acknowledgedInAll = 0
      let server = serve(t, dataDir, port)
      for (let round = 0; round < ROUNDS; round++) {
        const [, url = ''] = await server.waitForLine(/serving .* at (http:\/\/\S+)/)
        const running = server
        let killed = false
        const acknowledged = await burstUntil(url, path, token, (count) => {
          if (!killed && count >= (KILL_AFTER[round] ?? 10)) {
            killed = true
            running.child.kill('SIGKILL')
          }
          return killed
        })
        const ended = await running.exited
        assert.equal(ended.signal, 'SIGKILL', 'the server was killed, not stopped')
        // Started again on the same file, then the file is asked what it kept.
        server = serve(t, dataDir, port)
        await server.waitForLine(/serving .* at (http:\/\/\S+)/)
        const missing = await inspectDataDir(dataDir, async (ctx) => {
          let count = 0
          for (const [id, body] of acknowledged) {
            if ((await ctx.stores.comments.findById(id))?.body !== body) count++
          }
          return count
        })
        t.diagnostic(`round ${round + 1}: ${acknowledged.size} acknowledged, ${missing} missing`)
        acknowledgedInAll += acknowledged.size
        lost += missing
      }
      assert.ok(acknowledgedInAll >= KILL_AFTER.reduce((sum, n) => sum + n, 0))
      assert.equal(lost, 0, 'no acknowledged comment was lost')
    },
  )
})
