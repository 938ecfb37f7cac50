// PostgreSQL stopped under a running site: pages already in the page cache are
// still served; anything that needs the database answers 503 with Retry-After
// and says so, never a 500; and the site comes back when the database does.
// The test stops a PostgreSQL cluster of its own (the suite's shared one must
// stay up for every other test).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startPostgresCluster } from '../../scripts/postgres-cluster.mjs'
import { loadConfig } from '../../src/config.js'
import { createContext } from '../../src/context.js'
import { startTestServer } from '../helpers/app.js'
import { createTestClock, promptTimers } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { from, loadForm, postForm } from './comment-client.js'
import { pathOf } from './html.js'

const onPostgres = testDialects().includes('postgres')

describe(
  'PostgreSQL stopped under a running site',
  { skip: !onPostgres && 'no PostgreSQL' },
  () => {
    test('cached pages still served; the rest 503 with Retry-After; back when it is', async (t) => {
      const cluster = await startPostgresCluster({ maxConnections: 40 })
      assert.ok(cluster, 'PostgreSQL is installed (testDialects says so)')
      t.after(() => cluster.stop())
      const clock = createTestClock()
      const ctx = Object.assign(
        await createContext(
          loadConfig({
            DATABASE_URL: cluster.url,
            SECRET_KEY: 'a-secret-key-for-the-database-down-test-0123',
            SITE_URL: 'https://news.example',
            LOG_LEVEL: 'silent',
            TRUST_PROXY: 'true',
            DATABASE_POOL_SIZE: '4',
          }),
          { clock, timers: promptTimers },
        ),
        { clock },
      )
      t.after(() => ctx.close())
      await ctx.services.sections.ensureDefaults()
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      const path = pathOf(article)
      const { action, fields } = await loadForm(server, path)
      const cached = await (await server.get(path)).text()
      assert.ok(server.app.pageCache.size.pages > 0, 'the article page is in the page cache')

      cluster.halt()

      const again = await server.get(path)
      assert.equal(again.status, 200, 'a cached page is served with the database down')
      assert.equal(await again.text(), cached)

      const uncached = await server.page('/sport')
      assert.equal(uncached.response.status, 503)
      assert.equal(uncached.response.headers.get('retry-after'), '30')
      assert.equal(uncached.response.headers.get('cache-control'), 'no-store')
      assert.match(uncached.document.querySelector('h1')?.text ?? '', /Temporarily unavailable/)
      assert.match(uncached.html, /database cannot be reached/)

      const json = await server.get('/search?q=harbour', {
        headers: { accept: 'application/json' },
      })
      assert.equal(json.status, 503)
      assert.equal(json.headers.get('retry-after'), '30')
      const answer = (await json.json()) as { error: { code: string } }
      assert.equal(answer.error.code, 'service_unavailable')

      clock.advance(5000)
      const comment = await postForm(
        server,
        action,
        { ...fields, name: 'Ingrid', body: 'While the database is away.' },
        from('192.0.2.60', true),
      )
      assert.equal(comment.status, 503)
      const admin = await server.get('/admin', { headers: { cookie: 'dl_session=whatever' } })
      assert.equal(admin.status, 503, 'the newsroom says the same')

      cluster.start()
      const back = await server.get('/sport')
      assert.equal(back.status, 200, 'the site is back with the database')
    })
  },
)
