import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertNoStackTrace, cliEnv, inspectDataDir, runCli, show, tempDir } from './cli.js'

const TIMEOUT = { timeout: 180_000 }

describe('dateline user', () => {
  test(
    'add creates an account whose printed password signs in; password resets it',
    TIMEOUT,
    async (t) => {
      const dataDir = tempDir(t)
      const env = cliEnv(dataDir)
      const added = await runCli(
        t,
        ['user', 'add', 'Chief@Example.org', '--role', 'admin', '--name', 'Rosa Chief'],
        { env },
      )
      assert.equal(added.code, 0, show(added))
      assert.match(added.stdout, /Created admin Rosa Chief <chief@example\.org>\./)
      const password = /^Password: (\S+)$/m.exec(added.stdout)?.[1]
      assert.ok(password, show(added))

      await inspectDataDir(dataDir, async (ctx) => {
        const signedIn = await ctx.services.accounts.signIn({
          email: 'chief@example.org',
          password,
          ip: '127.0.0.1',
        })
        assert.equal(signedIn.user.role, 'admin')
        assert.equal(signedIn.user.displayName, 'Rosa Chief')
        // The byline is an author profile of the same name.
        assert.equal((await ctx.services.authors.getBySlug('rosa-chief')).name, 'Rosa Chief')
      })

      const reset = await runCli(t, ['user', 'password', 'chief@example.org'], { env })
      assert.equal(reset.code, 0, show(reset))
      const fresh = /^New password for chief@example\.org: (\S+)$/m.exec(reset.stdout)?.[1]
      assert.ok(fresh && fresh !== password, show(reset))
      await inspectDataDir(dataDir, async (ctx) => {
        await assert.rejects(
          ctx.services.accounts.signIn({ email: 'chief@example.org', password, ip: '127.0.0.1' }),
        )
        await ctx.services.accounts.signIn({
          email: 'chief@example.org',
          password: fresh,
          ip: '127.0.0.1',
        })
      })
    },
  )

  test(
    'refuses a bad role, a bad email, a taken email and an unknown account, clearly',
    TIMEOUT,
    async (t) => {
      const env = cliEnv(tempDir(t))
      const badRole = await runCli(t, ['user', 'add', 'x@example.org', '--role', 'owner'], { env })
      assert.equal(badRole.code, 2, show(badRole))
      assert.match(
        badRole.stderr,
        /--role must be one of contributor, editor, admin \(got "owner"\)/,
      )

      const missingRole = await runCli(t, ['user', 'add', 'x@example.org'], { env })
      assert.equal(missingRole.code, 2, show(missingRole))
      assert.match(missingRole.stderr, /--role/)

      const badEmail = await runCli(t, ['user', 'add', 'not-an-email', '--role', 'editor'], { env })
      assert.equal(badEmail.code, 1, show(badEmail))
      assert.match(badEmail.stderr, /email address/)

      assert.equal(
        (await runCli(t, ['user', 'add', 'x@example.org', '--role', 'editor'], { env })).code,
        0,
      )
      const taken = await runCli(t, ['user', 'add', 'X@example.org', '--role', 'editor'], { env })
      assert.equal(taken.code, 1, show(taken))
      assert.match(taken.stderr, /already an account for x@example\.org/)

      const unknown = await runCli(t, ['user', 'password', 'nobody@example.org'], { env })
      assert.equal(unknown.code, 1, show(unknown))
      assert.match(unknown.stderr, /no account for nobody@example\.org/)
      for (const result of [badRole, missingRole, badEmail, taken, unknown]) {
        assertNoStackTrace(result.stderr)
      }
    },
  )
})
