// Redirects over HTTP: editors add them one by one or from CSV; old addresses
// answer 301 before routing and before the page cache; chains stay one hop;
// bad input is refused with what is wrong; another process's redirects are seen.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { articlePath } from '../../src/web/ui/urls.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { eventually } from '../helpers/eventually.js'
import { createSharedDatabase } from '../helpers/shared-database.js'
import { AdminClient, createStaff } from './admin-session.js'

async function setup(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const editor = new AdminClient(server.url)
  await editor.signInAs(await createStaff(ctx, 'editor'))
  return { ctx, server, editor }
}

/** Where a GET of `path` is sent, or '' when it is not redirected. */
async function redirectOf(server: TestServer, path: string, method = 'GET'): Promise<string> {
  const response = await server.get(path, { method })
  await response.arrayBuffer()
  return response.status === 301 ? (response.headers.get('location') ?? '') : ''
}

async function storyPath(ctx: TestAppContext, headline: string): Promise<string> {
  const { article } = await importArticle(ctx, { headline })
  return articlePath(article, ctx.config.siteTimeZone)
}

for (const dialect of testDialects()) {
  describe(`redirects (${dialect})`, () => {
    test('an editor adds one: the old address answers 301 at once, in every form it is asked', async (t) => {
      const { ctx, server, editor } = await setup(t, dialect)
      const target = await storyPath(ctx, 'Harbour wall repaired before the storm')
      assert.equal(await redirectOf(server, '/2015/11/27/harbour-wall/'), '')

      const saved = await editor.post('/admin/redirects', {
        from: 'https://old.example/2015/11/27/harbour-wall/',
        to: target,
      })
      assert.equal(saved.status, 303)
      assert.equal(saved.location, '/admin/redirects?done=saved')
      for (const asked of [
        '/2015/11/27/harbour-wall/',
        '/2015/11/27/harbour-wall',
        '/2015/11/27/Harbour-Wall?utm_source=newsletter',
        '/2015/11/27/harbour-wall?amp=1',
      ]) {
        assert.equal(await redirectOf(server, asked), target, asked)
      }
      assert.equal(await redirectOf(server, '/2015/11/27/harbour-wall', 'HEAD'), target)
      const response = await server.get('/2015/11/27/harbour-wall')
      assert.match(response.headers.get('cache-control') ?? '', /^public/)
      assert.ok(response.headers.get('content-security-policy'))

      const list = await editor.get('/admin/redirects')
      assert.match(list.document.querySelector('table.redirects')?.text ?? '', /harbour-wall/)
      const audit = await ctx.services.audit.list(COMMAND_LINE, 1, 10)
      assert.ok(audit.items.some((event) => event.action === 'redirect_saved'))
    })

    test('?p=123 is answered before the cached front page, whose key drops it', async (t) => {
      const { ctx, server, editor } = await setup(t, dialect)
      const target = await storyPath(ctx, 'Ferry timetable changes for winter')
      for (let i = 0; i < 2; i++) assert.equal((await server.get('/?p=123')).status, 200)
      await editor.post('/admin/redirects', { from: '/?p=123', to: target })
      assert.equal(await redirectOf(server, '/?p=123'), target)
      assert.equal(await redirectOf(server, '/?p=123&utm_campaign=x'), target)
      assert.equal(await redirectOf(server, '/?p=124'), '')
      assert.equal((await server.get('/')).status, 200)
    })

    test('chains stay one hop, whichever link is added first; a loop is refused', async (t) => {
      const { server, editor } = await setup(t, dialect)
      await editor.post('/admin/redirects', { from: '/b', to: '/c' })
      await editor.post('/admin/redirects', { from: '/a', to: '/b' })
      assert.equal(await redirectOf(server, '/a'), '/c')
      await editor.post('/admin/redirects', { from: '/c', to: '/news' })
      for (const from of ['/a', '/b', '/c']) assert.equal(await redirectOf(server, from), '/news')

      const loop = await editor.post('/admin/redirects', { from: '/news', to: '/a' })
      assert.equal(loop.status, 422)
      assert.match(loop.document.querySelector('[role=alert]')?.text ?? '', /redirect to itself/)
      assert.equal(await redirectOf(server, '/news'), '')
    })

    test('removing one lets the address route as before', async (t) => {
      const { server, editor } = await setup(t, dialect)
      await editor.post('/admin/redirects', { from: '/sport', to: '/news' })
      assert.equal(await redirectOf(server, '/sport'), '/news')
      const removed = await editor.post('/admin/redirects/remove', { from: '/sport' })
      assert.equal(removed.location, '/admin/redirects?done=removed')
      assert.equal((await server.get('/sport')).status, 200)
      const again = await editor.post('/admin/redirects/remove', { from: '/sport' })
      assert.equal(again.status, 404)
    })

    test('bad addresses are refused with what is wrong, and nothing is saved', async (t) => {
      const { ctx, editor } = await setup(t, dialect)
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ from: '/', to: '/news' }, /front page cannot be redirected/],
        [{ from: '/admin', to: '/news' }, /belongs to the site itself/],
        [{ from: 'old-story', to: '/news' }, /path starting with \//],
        [{ from: '/x', to: 'javascript:alert(1)' }, /new address is a path/],
        [{ from: '/x', to: '//evil.example' }, /new address is a path/],
        [{ from: '/x"><script>', to: '/news' }, /spaces, quotes or control characters/],
        [{ from: '', to: '/news' }, /Enter the old address/],
        [{ from: `/${'x'.repeat(2001)}`, to: '/news' }, /longer than 2000/],
      ]
      for (const [form, message] of cases) {
        const page = await editor.post('/admin/redirects', form)
        assert.equal(page.status, 422, JSON.stringify(form).slice(0, 80))
        assert.match(page.document.querySelector('[role=alert]')?.text ?? '', message)
        assert.equal(page.document.querySelector('#from')?.getAttribute('value'), form.from)
      }
      assert.deepEqual(await ctx.stores.redirects.all(), [])
    })

    test('from CSV: all saved, or none and every problem by line', async (t) => {
      const { ctx, server, editor } = await setup(t, dialect)
      const refused = await editor.post('/admin/redirects/csv', {
        csv: 'old,new\n/one,/news\n/two\n/admin/x,/news\n',
      })
      assert.equal(refused.status, 422)
      const problems = refused.document.querySelectorAll('#csv-error li').map((li) => li.text)
      assert.equal(problems.length, 2)
      assert.match(problems[0] ?? '', /^Line 3: Expected 2 columns/)
      assert.match(problems[1] ?? '', /^Line 4: .*belongs to the site itself/)
      assert.match(refused.document.querySelector('#csv')?.text ?? '', /\/one,\/news/)
      assert.deepEqual(await ctx.stores.redirects.all(), [])

      const saved = await editor.post('/admin/redirects/csv', {
        csv: 'old,new\r\n/one/,/news\r\n"/two?p=2",https://elsewhere.example/two\r\n',
      })
      assert.equal(saved.location, '/admin/redirects?done=imported')
      assert.equal(await redirectOf(server, '/one'), '/news')
      assert.equal(await redirectOf(server, '/two?p=2'), 'https://elsewhere.example/two')

      const empty = await editor.post('/admin/redirects/csv', { csv: 'old,new\n' })
      assert.equal(empty.status, 422)
      assert.match(empty.document.querySelector('[role=alert]')?.text ?? '', /no redirects/)
    })

    test('the list is searched and paged', async (t) => {
      const { ctx, editor } = await setup(t, dialect)
      const rows = Array.from({ length: 55 }, (_, i) => `/old/story-${i},/news`).join('\n')
      await ctx.services.redirects.importCsv(COMMAND_LINE, `${rows}\n/other,/news`)
      const first = await editor.get('/admin/redirects')
      assert.equal(first.document.querySelectorAll('table.redirects tbody tr').length, 50)
      assert.match(
        first.document.querySelector('table.redirects caption')?.text ?? '',
        /56 redirects/,
      )
      const second = await editor.get('/admin/redirects?page=2')
      assert.equal(second.document.querySelectorAll('table.redirects tbody tr').length, 6)
      const found = await editor.get('/admin/redirects?q=story-1')
      // story-1 and story-10 … story-19
      assert.equal(found.document.querySelectorAll('table.redirects tbody tr').length, 11)
      const percent = await editor.get('/admin/redirects?q=%25')
      assert.equal(percent.document.querySelectorAll('table.redirects tbody tr').length, 0)
    })

    test("another process's redirects (an import beside the server) are answered soon after", async (t) => {
      const shared = await createSharedDatabase(t, dialect)
      const server = await startTestServer(t, await shared.open())
      const other = await shared.open()
      assert.equal(await redirectOf(server, '/from-the-import'), '')
      await other.services.redirects.save(COMMAND_LINE, { from: '/from-the-import', to: '/news' })
      assert.ok(
        await eventually(async () => (await redirectOf(server, '/from-the-import')) === '/news'),
        'seen within 3 s',
      )
    })
  })
}
