// Settings and command lines the CLI refuses, run in this process (in-process.ts);
// `migrate` runs once through the real `dateline` process, with its exit codes.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { describe, test } from 'node:test'
import { loadConfig } from '../../src/config.js'
import { PASSWORD_COST } from '../../src/domain/accounts/password.js'
import { assertNoStackTrace, cliEnv, escapeRegExp, FIXTURES, runCli, show, tempDir } from './cli.js'
import { cliSettings, runInProcess } from './in-process.js'

const TIMEOUT = { timeout: 180_000 }

describe('dateline with a database it cannot use', () => {
  test('an unreachable PostgreSQL fails without hanging, naming the host', async (t) => {
    const env = cliSettings(tempDir(t), { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' })
    const started = performance.now()
    const result = await runInProcess(['import', join(FIXTURES, 'tram-depot.txt')], env)
    const elapsed = performance.now() - started

    assert.notEqual(result.code, 0, show(result))
    // Not a speed test: the connection timeout is 5 s, so anything near a minute would mean a hang.
    assert.ok(elapsed < 45_000, `took ${elapsed} ms`)
    assert.match(result.stderr, /Cannot reach PostgreSQL at .*127\.0\.0\.1:1\b/)
    assertNoStackTrace(result.stderr)
    assert.doesNotMatch(result.stdout, /Imported/)
  })

  test('never prints the password of a DATABASE_URL', async (t) => {
    const dataDir = tempDir(t)
    const urls = [
      'postgres://u:secret@127.0.0.1:1/x',
      // Not valid URLs (the port is not a number): redacted all the same.
      'postgres://:secret@127.0.0.1:abc/x',
      'postgres://u:sec@ret@127.0.0.1:abc/x',
      'mysql://u:secret@db.example/x',
    ]
    for (const url of urls) {
      const result = await runInProcess(['serve'], cliSettings(dataDir, { DATABASE_URL: url }))
      const output = result.stdout + result.stderr
      assert.notEqual(result.code, 0, `${url}\n${show(result)}`)
      assert.doesNotMatch(output, /secret|ret@/, `${url} leaked its password:\n${output}`)
      assert.match(result.stderr, /\*\*\*/, `${url}: the message shows where the password was`)
      assertNoStackTrace(result.stderr)
    }
  })

  test('a DATABASE_URL of another kind gets a clear message', async (t) => {
    const result = await runInProcess(
      ['migrate'],
      cliSettings(tempDir(t), { DATABASE_URL: 'mysql://x' }),
    )
    assert.equal(result.code, 1, show(result))
    assert.match(result.stderr, /DATABASE_URL must start with postgres:\/\/, file: or sqlite:/)
    assert.match(result.stderr, /mysql:\/\/x/)
    assertNoStackTrace(result.stderr)
  })
})

describe('dateline with invalid settings', () => {
  test('lists every problem in one message and exits 1', async (t) => {
    const dataDir = join(tempDir(t), 'data')
    const env = cliSettings(dataDir, {
      PORT: 'abc',
      SITE_TIME_ZONE: 'Mars/Olympus',
      SITE_URL: 'ftp://x',
    })
    const result = await runInProcess(['serve'], env)

    assert.equal(result.code, 1, show(result))
    assert.equal(result.stderr.match(/Invalid configuration/g)?.length, 1, show(result))
    assert.match(result.stderr, /^\s+- PORT: /m)
    assert.match(result.stderr, /^\s+- SITE_TIME_ZONE: .*IANA time zone/m)
    assert.match(result.stderr, /^\s+- SITE_URL: /m)
    assertNoStackTrace(result.stderr)
    assert.equal(result.stdout, '')
    assert.ok(!existsSync(dataDir), 'nothing is created before the settings are valid')
  })

  test('a password hash cost below the default is refused outside tests', async (t) => {
    const low = String(PASSWORD_COST - 1)
    const environments: Record<string, string>[] = [
      {},
      { NODE_ENV: 'production' },
      { NODE_ENV: 'development' },
    ]
    for (const env of environments) {
      const dataDir = join(tempDir(t), 'data')
      const result = await runInProcess(['migrate'], {
        DATA_DIR: dataDir,
        PASSWORD_HASH_COST: low,
        ...env,
      })
      assert.equal(result.code, 1, show(result))
      assert.match(
        result.stderr,
        new RegExp(
          `^\\s+- PASSWORD_HASH_COST: must be at least ${PASSWORD_COST}\\b.*NODE_ENV=test`,
          'm',
        ),
      )
      assertNoStackTrace(result.stderr)
      assert.ok(!existsSync(dataDir), 'nothing is created')
    }
    // Listed with the other problems, not instead of them.
    assert.throws(
      () => loadConfig({ PASSWORD_HASH_COST: '4', PORT: 'abc' }),
      (error: Error) => /PORT: /.test(error.message) && /PASSWORD_HASH_COST: /.test(error.message),
    )
    // The default is production's; raising it is allowed anywhere, lowering only in tests.
    assert.equal(loadConfig({}).passwordHashCost, PASSWORD_COST)
    assert.equal(loadConfig({ PASSWORD_HASH_COST: '16' }).passwordHashCost, 16)
    assert.equal(loadConfig({ PASSWORD_HASH_COST: '4', NODE_ENV: 'test' }).passwordHashCost, 4)
    assert.throws(() => loadConfig({ PASSWORD_HASH_COST: '18' }), /PASSWORD_HASH_COST/)
    assert.throws(
      () => loadConfig({ PASSWORD_HASH_COST: '0', NODE_ENV: 'test' }),
      /PASSWORD_HASH_COST/,
    )
  })
})

describe('the memory budget', () => {
  test('MEMORY_MB bounds all that is kept; the page cache takes half unless told, never more', () => {
    const MIB = 1024 * 1024
    assert.equal(loadConfig({}).memoryBytes, 64 * MIB)
    assert.equal(loadConfig({}).pageCacheBytes, 32 * MIB)
    assert.equal(loadConfig({ MEMORY_MB: '100' }).pageCacheBytes, 50 * MIB)
    assert.equal(loadConfig({ MEMORY_MB: '100', PAGE_CACHE_MB: '0' }).pageCacheBytes, 0)
    assert.throws(
      () => loadConfig({ MEMORY_MB: '32', PAGE_CACHE_MB: '64' }),
      /PAGE_CACHE_MB: must not exceed MEMORY_MB \(32\)/,
    )
    assert.throws(() => loadConfig({ MEMORY_MB: '-1' }), /MEMORY_MB/)
    assert.throws(() => loadConfig({ MEMORY_MB: 'lots' }), /MEMORY_MB/)
  })
})

describe('dateline migrate, as a process', () => {
  test(
    'brings a new database up to date and exits 0; a database it cannot use exits 1',
    TIMEOUT,
    async (t) => {
      const dataDir = tempDir(t)
      const migrated = await runCli(t, ['migrate'], { env: cliEnv(dataDir) })
      assert.equal(migrated.code, 0, show(migrated))
      assert.match(
        migrated.stdout,
        new RegExp(
          `^The database at ${escapeRegExp(join(dataDir, 'dateline.db'))} is up to date\\.$`,
          'm',
        ),
      )
      assert.equal(migrated.stderr, '')

      const refused = await runCli(t, ['migrate'], {
        env: cliEnv(dataDir, { DATABASE_URL: 'mysql://x' }),
      })
      assert.equal(refused.code, 1, show(refused))
      assert.match(refused.stderr, /DATABASE_URL must start with postgres:\/\/, file: or sqlite:/)
      assertNoStackTrace(refused.stderr)
    },
  )
})

describe('dateline usage errors', () => {
  const cases: { name: string; args: string[]; message: RegExp }[] = [
    {
      name: 'an unknown command',
      args: ['publish-everything'],
      message: /unknown command 'publish-everything'/,
    },
    { name: 'a missing argument', args: ['import'], message: /missing required argument 'paths'/ },
    {
      name: 'an unknown option',
      args: ['import', '--sektion', 'news', 'a.txt'],
      message: /unknown option '--sektion'/,
    },
    {
      name: 'an option without its value',
      args: ['import', 'a.txt', '--section'],
      message: /option '--section <slug>' argument missing/,
    },
  ]
  for (const { name, args, message } of cases) {
    test(`${name} exits 2 with a message`, async (t) => {
      const dataDir = join(tempDir(t), 'data')
      const result = await runInProcess(args, cliSettings(dataDir))
      assert.equal(result.code, 2, show(result))
      assert.match(result.stderr, message)
      assert.match(result.stderr, /Usage: dateline/)
      assertNoStackTrace(result.stderr)
      assert.ok(!existsSync(dataDir), 'a usage error opens no database')
    })
  }

  test('--help exits 0 and lists the commands', async (t) => {
    const result = await runInProcess(['--help'], cliSettings(join(tempDir(t), 'data')))
    assert.equal(result.code, 0, show(result))
    for (const command of ['start', 'serve', 'demo', 'import', 'migrate', 'user']) {
      assert.match(result.stdout, new RegExp(`^  ${command}\\b`, 'm'))
    }
  })
})
