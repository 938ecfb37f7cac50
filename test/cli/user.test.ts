// `dateline user`: one run through the real process, the rest in this process
// (in-process.ts) on both databases.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { AppContext } from '../../src/context.js'
import { testDialects } from '../helpers/dialects.js'
import { assertNoStackTrace, cliEnv, inspectDataDir, runCli, show, tempDir } from './cli.js'
import { cliSite } from './in-process.js'

/** Signs in as the account, as the newsroom's sign-in form does. */
async function signIn(ctx: AppContext, email: string, password: string) {
  return ctx.services.accounts.signIn({ email, password, ip: '127.0.0.1' })
}

describe('dateline user, as a process', () => {
  test(
    'add creates an account whose printed password signs in',
    { timeout: 180_000 },
    async (t) => {
      const dataDir = tempDir(t)
      const added = await runCli(
        t,
        ['user', 'add', 'Chief@Example.org', '--role', 'admin', '--name', 'Rosa Chief'],
        { env: cliEnv(dataDir) },
      )
      assert.equal(added.code, 0, show(added))
      assert.match(added.stdout, /Created admin Rosa Chief <chief@example\.org>\./)
      const password = /^Password: (\S+)$/m.exec(added.stdout)?.[1]
      assert.ok(password, show(added))
      await inspectDataDir(dataDir, async (ctx) => {
        const signedIn = await signIn(ctx, 'chief@example.org', password)
        assert.equal(signedIn.user.role, 'admin')
      })
    },
  )
})

for (const dialect of testDialects()) {
  describe(`dateline user (${dialect})`, () => {
    test('add creates an account whose printed password signs in; password resets it', async (t) => {
      const site = await cliSite(t, dialect)
      const added = await site.run([
        'user',
        'add',
        'Chief@Example.org',
        '--role',
        'admin',
        '--name',
        'Rosa Chief',
      ])
      assert.equal(added.code, 0, show(added))
      assert.match(added.stdout, /Created admin Rosa Chief <chief@example\.org>\./)
      const password = /^Password: (\S+)$/m.exec(added.stdout)?.[1]
      assert.ok(password, show(added))

      await site.inspect(async (ctx) => {
        const signedIn = await signIn(ctx, 'chief@example.org', password)
        assert.equal(signedIn.user.role, 'admin')
        assert.equal(signedIn.user.displayName, 'Rosa Chief')
        // The byline is an author profile of the same name.
        assert.equal((await ctx.services.authors.getBySlug('rosa-chief')).name, 'Rosa Chief')
      })

      const reset = await site.run(['user', 'password', 'chief@example.org'])
      assert.equal(reset.code, 0, show(reset))
      const fresh = /^New password for chief@example\.org: (\S+)$/m.exec(reset.stdout)?.[1]
      assert.ok(fresh && fresh !== password, show(reset))
      await site.inspect(async (ctx) => {
        await assert.rejects(signIn(ctx, 'chief@example.org', password))
        await signIn(ctx, 'chief@example.org', fresh)
      })
    })

    test('refuses a bad role, a bad email, a taken email and an unknown account, clearly', async (t) => {
      const site = await cliSite(t, dialect)
      const badRole = await site.run(['user', 'add', 'x@example.org', '--role', 'owner'])
      assert.equal(badRole.code, 2, show(badRole))
      assert.match(
        badRole.stderr,
        /--role must be one of contributor, editor, admin \(got "owner"\)/,
      )

      const missingRole = await site.run(['user', 'add', 'x@example.org'])
      assert.equal(missingRole.code, 2, show(missingRole))
      assert.match(missingRole.stderr, /--role/)

      const badEmail = await site.run(['user', 'add', 'not-an-email', '--role', 'editor'])
      assert.equal(badEmail.code, 1, show(badEmail))
      assert.match(badEmail.stderr, /email address/)

      assert.equal((await site.run(['user', 'add', 'x@example.org', '--role', 'editor'])).code, 0)
      const taken = await site.run(['user', 'add', 'X@example.org', '--role', 'editor'])
      assert.equal(taken.code, 1, show(taken))
      assert.match(taken.stderr, /already an account for x@example\.org/)

      const unknown = await site.run(['user', 'password', 'nobody@example.org'])
      assert.equal(unknown.code, 1, show(unknown))
      assert.match(unknown.stderr, /no account for nobody@example\.org/)
      for (const result of [badRole, missingRole, badEmail, taken, unknown]) {
        assertNoStackTrace(result.stderr)
      }
    })
  })
}
