// `dateline token create`: prints the token once, stores only its hash, and
// the token then works as a bearer of that user's rights; bad input exits non-zero.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiTokenHash } from '../../src/domain/api-tokens/api-token.js'
import { testDialects } from '../helpers/dialects.js'
import { cliSite } from './in-process.js'

for (const dialect of testDialects()) {
  describe(`dateline token (${dialect})`, () => {
    test('creates a token for a user, printed once and stored as a hash', async (t) => {
      const site = await cliSite(t, dialect)
      assert.equal((await site.run(['user', 'add', 'ed@news.example', '--role', 'editor'])).code, 0)
      const created = await site.run([
        'token',
        'create',
        '--user',
        'ed@news.example',
        '--name',
        'Newsletter',
        '--expires',
        '30',
      ])
      assert.equal(created.code, 0, created.stderr)
      const token = /Token: (dlt_\S+)/.exec(created.stdout)?.[1]
      assert.ok(token, created.stdout)
      await site.inspect(async (ctx) => {
        const actor = await ctx.services.apiTokens.authenticate(token)
        assert.equal(actor.role, 'editor')
        const userId = await ctx.services.apiTokens.userIdByEmail('ed@news.example')
        const [listed] = await ctx.services.apiTokens.list(actor, userId)
        assert.equal(listed?.name, 'Newsletter')
        assert.notEqual(listed?.lastUsedAt, null)
        assert.equal(JSON.stringify(listed).includes(token), false)
        assert.equal(JSON.stringify(listed).includes(apiTokenHash(token)), false)
      })
      const unknown = await site.run([
        'token',
        'create',
        '--user',
        'no@news.example',
        '--name',
        'x',
      ])
      assert.equal(unknown.code, 1)
      const badExpiry = await site.run([
        'token',
        'create',
        '--user',
        'ed@news.example',
        '--name',
        'x',
        '--expires',
        'soon',
      ])
      assert.equal(badExpiry.code, 2)
      const noName = await site.run(['token', 'create', '--user', 'ed@news.example'])
      assert.notEqual(noName.code, 0)
    })
  })
}
