// The editor's hidden version field is sent back by the browser, so anything
// can come in it. A version no article can have (huge, negative, fractional)
// is a stale base: the editor comes back with the conflict page (409), never a
// 500 (on PostgreSQL, a number beyond `integer` was an error from the server).
// Found by `npm run verify` (bad inputs, autosave).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { AdminClient, createStaff } from './admin-session.js'

for (const dialect of testDialects()) {
  describe(`the editor's version field (${dialect})`, () => {
    test('a version no article can have is a stale base: 409, never a 500', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { article: draft } = await importArticle(ctx, {}, { draft: true })
      const editor = await createStaff(ctx, 'editor')
      const client = new AdminClient(server.url)
      await client.openSession(ctx, editor.user)
      for (const version of ['7.870410723725077e+35', '-1.79e+308', '2147483648', '-5', '1.5']) {
        const fields = {
          headline: 'A headline',
          body: 'A body.',
          section: 'news',
          byline: 'Ada Brekke',
          version,
          intent: 'save',
        }
        const save = await client.post(`/admin/articles/${draft.id}`, fields)
        assert.equal(save.status, 409, `save with version ${version}`)
        const autosave = await client.request('POST', `/admin/articles/${draft.id}/autosave`, {
          form: { _csrf: client.csrf, ...fields },
          headers: { accept: 'application/json' },
        })
        assert.equal(autosave.status, 409, `autosave with version ${version}`)
      }
      assert.equal((await ctx.stores.articles.findById(draft.id))?.version, draft.version)
    })
  })
}
