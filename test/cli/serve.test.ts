import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
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

const TIMEOUT = { timeout: 180_000 }

const SERVING = /^Dateline is serving .+ at (http:\/\/127\.0\.0\.1:(\d+))$/

describe('dateline serve', () => {
  test(
    'serves an imported article, refuses a second server on the same port, stops on SIGTERM',
    TIMEOUT,
    async (t) => {
      const dataDir = tempDir(t)
      const port = await freePort()
      const env = cliEnv(dataDir, { HOST: '127.0.0.1', PORT: String(port) })

      const imported = await runCli(t, ['import', join(FIXTURES, 'tram-depot.txt')], { env })
      assert.equal(imported.code, 0, show(imported))

      const server = startCli(t, ['serve'], { env })
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

      const second = await runCli(t, ['serve'], { env })
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
      const manifest = JSON.parse(readFileSync(join(ROOT, 'demo', 'manifest.json'), 'utf8')) as {
        articles: { file: string }[]
      }
      assert.equal(manifest.articles.length, 15)
      const demoHeadlines = manifest.articles.map(
        (entry) =>
          readFileSync(join(ROOT, 'demo', 'articles', entry.file), 'utf8').split('\n')[0] ?? '',
      )

      const server = startCli(t, ['start'], { env })
      const [, url] = await server.waitForLine(SERVING)
      assert.equal(url, `http://127.0.0.1:${port}`)
      assert.match(server.stdout, /Loaded 15 demo articles/)

      const home = await fetch(`${url}/`)
      assert.equal(home.status, 200)
      const html = await home.text()
      const shown = demoHeadlines.filter((headline) => html.includes(headline))
      assert.ok(shown.length >= 3, `the home page shows demo headlines (found ${shown.length})`)
      // The demo's running story is a thread with its own page.
      const thread = await fetch(`${url}/threads/mondego-floods`)
      assert.equal(thread.status, 200)
      const threadHtml = await thread.text()
      for (const headline of demoHeadlines.filter((h) => h.includes('Mondego'))) {
        assert.ok(threadHtml.includes(headline), `the thread lists "${headline}"`)
      }
      assert.equal(demoHeadlines.filter((h) => h.includes('Mondego')).length, 2)

      server.child.kill('SIGTERM')
      const stopped = await server.exited
      assert.equal(stopped.code, 0, show(stopped))

      assert.equal(await inspectDataDir(dataDir, countPublished), 15)

      const demo = await runCli(t, ['demo'], { env })
      assert.equal(demo.code, 0, show(demo))
      assert.doesNotMatch(demo.stdout, /Loaded \d+ demo articles/)
      assert.equal(
        await inspectDataDir(dataDir, countPublished),
        15,
        'demo without --force adds nothing',
      )
    },
  )
})
