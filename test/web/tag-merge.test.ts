// Tags in the newsroom and the Admin API, on both databases: found by the
// start of their name with their number of articles, renamed, and a duplicate
// merged into the tag it should have been (articles moved, an article with
// both keeping one, the old page and feeds redirected, search and audit up to date).
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { AdminClient, createStaff } from './admin-session.js'

async function setup(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect)
  const server = await startTestServer(t, ctx)
  const editor = new AdminClient(server.url)
  await editor.signInAs(await createStaff(ctx, 'editor'))
  return { ctx, server, editor }
}

async function tagged(ctx: TestAppContext, headline: string, tags: string[]): Promise<string> {
  const { article } = await importArticle(ctx, { headline }, { tags })
  return article.id
}

async function tagSlugs(ctx: TestAppContext, id: string): Promise<string[]> {
  return ((await ctx.stores.articles.findById(id))?.tags ?? []).map((tag) => tag.slug)
}

for (const dialect of testDialects()) {
  describe(`tags in the newsroom (${dialect})`, () => {
    test('a duplicate tag merged: articles moved, one tag each, the old address redirected', async (t) => {
      const { ctx, server, editor } = await setup(t, dialect)
      const first = await tagged(ctx, 'Glaciers retreat faster', ['Climat', 'Weather'])
      const both = await tagged(ctx, 'Flood barrier tested', ['Climate', 'Climat'])
      const third = await tagged(ctx, 'Heat record in July', ['Climate'])

      const list = await editor.get('/admin/tags?q=clim')
      assert.equal(list.status, 200)
      const rows = list.document
        .querySelectorAll('table.tags tbody tr')
        .map((row) => row.querySelectorAll('td').map((cell) => cell.text.trim()))
      assert.deepEqual(rows, [
        ['Climat', '/tags/climat', '2'],
        ['Climate', '/tags/climate', '2'],
      ])
      assert.match((await editor.get('/admin/tags?q=zebra')).html, /No tag starts with “zebra”/)

      const unconfirmed = await editor.post('/admin/tags/climat/merge', { into: 'Climate' })
      assert.equal(unconfirmed.status, 422)
      const itself = await editor.post('/admin/tags/climat/merge', {
        into: 'Climat',
        confirm: 'yes',
      })
      assert.equal(itself.status, 422)
      assert.match(itself.html, /cannot be merged into itself/)
      const nowhere = await editor.post('/admin/tags/climat/merge', {
        into: 'Climatology',
        confirm: 'yes',
      })
      assert.equal(nowhere.status, 422)
      assert.match(nowhere.html, /There is no tag &quot;Climatology&quot; to merge into/)
      assert.equal((await editor.get('/admin/tags/no-such-tag')).status, 404)

      const merged = await editor.post('/admin/tags/climat/merge', {
        into: 'Climate',
        confirm: 'yes',
      })
      assert.equal(merged.status, 303)
      assert.equal(merged.location, '/admin/tags/climate?done=merged')
      assert.match((await editor.get(merged.location)).html, /On 3 articles/)

      assert.deepEqual(await tagSlugs(ctx, first), ['climate', 'weather'])
      assert.deepEqual(await tagSlugs(ctx, both), ['climate'])
      assert.deepEqual(await tagSlugs(ctx, third), ['climate'])
      assert.equal(await ctx.stores.tags.findBySlug('climat'), undefined)

      for (const suffix of ['', '/feed.rss', '/feed.json']) {
        const response = await server.get(`/tags/climat${suffix}`)
        await response.arrayBuffer()
        assert.equal(response.status, 301)
        assert.equal(response.headers.get('location'), `/tags/climate${suffix}`)
      }
      const page = (await server.page('/tags/climate')).html
      for (const headline of ['Glaciers retreat faster', 'Flood barrier tested', 'Heat record']) {
        assert.match(page, new RegExp(headline))
      }
      const audit = await ctx.services.audit.list(COMMAND_LINE, 1)
      const entry = audit.items.find((item) => item.action === 'tags_merged')
      assert.equal(entry?.subject, 'Climat → Climate')
    })

    test('a rename keeps the address; a name another tag answers to is refused', async (t) => {
      const { ctx, server, editor } = await setup(t, dialect)
      await tagged(ctx, 'Ferry timetable changes', ['Ferries', 'Transport'])
      const renamed = await editor.post('/admin/tags/ferries', { name: 'Ferry services' })
      assert.equal(renamed.status, 303)
      assert.match((await server.page('/tags/ferries')).html, /Ferry services/)
      const taken = await editor.post('/admin/tags/ferries', { name: 'transport' })
      assert.equal(taken.status, 409)
      assert.match(taken.html, /The tag &quot;Transport&quot; has that name/)
      assert.equal((await editor.post('/admin/tags/ferries', { name: '  ' })).status, 422)
    })

    test('the Admin API merges by slug; bad bodies are 400s', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const id = await tagged(ctx, 'Bus lanes widened', ['Buses', 'Bus'])
      const editor = await createStaff(ctx, 'editor')
      const { token } = await ctx.services.apiTokens.create(COMMAND_LINE, {
        name: 'merge test',
        userId: editor.user.id,
      })
      const merge = (slug: string, body: unknown) =>
        server.get(`/api/v1/admin/tags/${slug}/merge`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      assert.equal((await merge('bus', { into: 'buses', role: 'admin' })).status, 400)
      assert.equal((await merge('bus', { into: 'Not A Slug' })).status, 400)
      assert.equal((await merge('bus', { into: 'trams' })).status, 422)
      assert.equal((await merge('trams', { into: 'bus' })).status, 404)
      const done = await merge('bus', { into: 'buses' })
      assert.equal(done.status, 200)
      assert.deepEqual(await done.json(), { into: { slug: 'buses', name: 'Buses' }, articles: 1 })
      assert.deepEqual(await tagSlugs(ctx, id), ['buses'])
    })
  })
}
