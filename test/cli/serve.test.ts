// `dateline serve`, `start` and `demo`: the servers run as real processes
// (signals, ports, exit codes); the demo's content is checked in this process
// (in-process.ts) on both databases.
import assert from 'node:assert/strict'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { testDialects } from '../helpers/dialects.js'
import {
  assertNoStackTrace,
  cliEnv,
  countPublished,
  FIXTURES,
  freePort,
  inspectDataDir,
  ROOT,
  runCli,
  show,
  startCli,
  tempDir,
} from './cli.js'
import { cliSettings, cliSite, runInProcess } from './in-process.js'

const TIMEOUT = { timeout: 180_000 }

const SERVING = /^Dateline is serving .+ at (http:\/\/127\.0\.0\.1:(\d+))$/

/** The demo's headlines: the first line of each article in demo/manifest.json. */
function demoHeadlines(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'demo', 'manifest.json'), 'utf8')) as {
    articles: { file: string }[]
  }
  assert.equal(manifest.articles.length, 16)
  return manifest.articles.map(
    (entry) =>
      readFileSync(join(ROOT, 'demo', 'articles', entry.file), 'utf8').split('\n')[0] ?? '',
  )
}

describe('dateline serve', () => {
  test(
    'serves an imported article, refuses a second server on the same port, stops on SIGTERM',
    TIMEOUT,
    async (t) => {
      const dataDir = tempDir(t)
      const port = await freePort()
      const listen = { HOST: '127.0.0.1', PORT: String(port) }

      const imported = await runInProcess(
        ['import', join(FIXTURES, 'tram-depot.txt')],
        cliSettings(dataDir),
      )
      assert.equal(imported.code, 0, show(imported))

      const server = startCli(t, ['serve'], { env: cliEnv(dataDir, listen) })
      const [, url, printedPort] = await server.waitForLine(SERVING)
      assert.equal(printedPort, String(port))
      assert.equal(url, `http://127.0.0.1:${port}`)

      const home = await fetch(`${url}/`)
      assert.equal(home.status, 200)
      assert.match(home.headers.get('content-type') ?? '', /text\/html/)
      const html = await home.text()
      assert.ok(html.includes('The Dateline Courier'), 'the home page names the site')
      assert.ok(
        html.includes('Old tram depot in Tromsø'),
        'the imported article is on the home page',
      )

      const robots = await fetch(`${url}/robots.txt`)
      assert.equal(robots.status, 200)
      assert.match(await robots.text(), /^User-agent: \*/m)

      const second = await runInProcess(['serve'], cliSettings(dataDir, listen))
      assert.notEqual(second.code, 0, show(second))
      assert.match(second.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`))
      assertNoStackTrace(second.stderr)
      assert.doesNotMatch(second.stdout, /Dateline is serving/)

      // The first server was not disturbed by the second.
      assert.equal((await fetch(`${url}/robots.txt`)).status, 200)

      server.child.kill('SIGTERM')
      const stopped = await server.exited
      assert.equal(stopped.code, 0, show(stopped))
      assert.equal(stopped.signal, null)
      assertNoStackTrace(stopped.stderr)
    },
  )
})

describe('dateline start and demo', () => {
  test(
    'start loads the demo into an empty database and serves it; demo again adds nothing',
    TIMEOUT,
    async (t) => {
      const dataDir = tempDir(t)
      const port = await freePort()
      const env = cliEnv(dataDir, { HOST: '127.0.0.1', PORT: String(port) })
      const headlines = demoHeadlines()

      const server = startCli(t, ['start'], { env })
      const [, url] = await server.waitForLine(SERVING)
      assert.equal(url, `http://127.0.0.1:${port}`)
      assert.match(server.stdout, /Loaded 16 demo articles/)

      const home = await fetch(`${url}/`)
      assert.equal(home.status, 200)
      const html = await home.text()
      const shown = headlines.filter((headline) => html.includes(headline))
      assert.ok(shown.length >= 3, `the home page shows demo headlines (found ${shown.length})`)
      // The demo's running story is a thread with its own page.
      const thread = await fetch(`${url}/threads/mondego-floods`)
      assert.equal(thread.status, 200)
      const threadHtml = await thread.text()
      for (const headline of headlines.filter((h) => h.includes('Mondego'))) {
        assert.ok(threadHtml.includes(headline), `the thread lists "${headline}"`)
      }
      assert.equal(headlines.filter((h) => h.includes('Mondego')).length, 2)

      server.child.kill('SIGTERM')
      const stopped = await server.exited
      assert.equal(stopped.code, 0, show(stopped))

      assert.equal(await inspectDataDir(dataDir, countPublished), 16)

      const demo = await runCli(t, ['demo'], { env })
      assert.equal(demo.code, 0, show(demo))
      assert.doesNotMatch(demo.stdout, /Loaded \d+ demo articles/)
      assert.equal(
        await inspectDataDir(dataDir, countPublished),
        16,
        'demo without --force adds nothing',
      )
    },
  )
})

for (const dialect of testDialects()) {
  describe(`dateline demo (${dialect})`, () => {
    test('loads articles, a thread and staff who can sign in; again adds nothing unless forced', async (t) => {
      const site = await cliSite(t, dialect)
      const headlines = demoHeadlines()

      const loaded = await site.run(['demo'])
      assert.equal(loaded.code, 0, show(loaded))
      assert.match(loaded.stdout, /^Loaded 16 demo articles by \d+ authors\.$/m)
      const logins = readFileSync(join(site.dataDir, 'demo-logins.txt'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('\t'))
      assert.deepEqual(
        logins.map(([role]) => role),
        ['admin', 'editor', 'contributor'],
      )
      assert.equal(statSync(join(site.dataDir, 'demo-logins.txt')).mode & 0o777, 0o600)

      await site.inspect(async (ctx) => {
        const listed = await ctx.services.articles.listPublished({}, 1, 50)
        assert.deepEqual(listed.items.map((item) => item.headline).sort(), [...headlines].sort())
        // The newest demo article is dated yesterday by the clock, so the site looks current.
        const newest = Math.max(...listed.items.map((item) => item.publishedAt?.getTime() ?? 0))
        const age = site.clock.now().getTime() - newest
        assert.ok(age > 0 && age < 2 * 86_400_000, `the newest is ${age} ms old`)
        const thread = await ctx.services.threads.getForEditing(COMMAND_LINE, 'mondego-floods')
        assert.deepEqual(
          thread.members.map((member) => member.headline),
          headlines.filter((h) => h.includes('Mondego')),
        )
        // Every story leads with a credited, described photograph; every author has a stand-in picture.
        for (const item of listed.items) {
          assert.ok(item.leadImage, `${item.headline} has a lead picture`)
          assert.ok(item.leadImage.alt && item.leadImage.credit && item.leadImage.caption)
        }
        // No section of a fresh demo site is empty.
        for (const section of await ctx.services.sections.list()) {
          const inSection = await ctx.services.articles.listPublished(
            { sectionId: section.id },
            1,
            1,
          )
          assert.ok(inSection.total > 0, `${section.name} has a story`)
        }
        const author = await ctx.services.authors.getBySlug('ines-carvalho')
        assert.match(
          author.photo?.alt ?? '',
          /^Illustration standing in for a photo of Ines Carvalho/,
        )
        assert.equal(author.photo?.credit, 'Dateline demo illustration')
        for (const [, email = '', password = ''] of logins) {
          await ctx.services.accounts.signIn({ email, password, ip: '127.0.0.1' })
        }
      })

      const again = await site.run(['demo'])
      assert.equal(again.code, 0, show(again))
      assert.match(again.stdout, /already has articles; the demo content was not loaded/)
      assert.equal(await site.inspect(countPublished), 16)

      const forced = await site.run(['demo', '--force'])
      assert.equal(forced.code, 0, show(forced))
      assert.match(forced.stdout, /^Loaded 16 demo articles/m)
      assert.equal(await site.inspect(countPublished), 16, 'loaded again, not twice')
    })
  })
}
