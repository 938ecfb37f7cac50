import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertNoStackTrace, cliEnv, FIXTURES, runCli, show, tempDir } from './cli.js'

const TIMEOUT = { timeout: 180_000 }

describe('dateline with a database it cannot use', () => {
  test('an unreachable PostgreSQL fails without hanging, naming the host', TIMEOUT, async (t) => {
    const dataDir = tempDir(t)
    const env = cliEnv(dataDir, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' })
    const started = Date.now()
    const result = await runCli(t, ['import', join(FIXTURES, 'tram-depot.txt')], { env })
    const elapsed = Date.now() - started

    assert.notEqual(result.code, 0, show(result))
    // Not a speed test: the connection timeout is 5 s, so anything near a minute would mean a hang.
    assert.ok(elapsed < 45_000, `took ${elapsed} ms`)
    assert.match(result.stderr, /Cannot reach PostgreSQL at .*127\.0\.0\.1:1\b/)
    assertNoStackTrace(result.stderr)
    assert.doesNotMatch(result.stdout, /Imported/)
  })

  test('never prints the password of a DATABASE_URL', TIMEOUT, async (t) => {
    const dataDir = tempDir(t)
    const urls = [
      'postgres://u:secret@127.0.0.1:1/x',
      // Not valid URLs (the port is not a number): redacted all the same.
      'postgres://:secret@127.0.0.1:abc/x',
      'postgres://u:sec@ret@127.0.0.1:abc/x',
      'mysql://u:secret@db.example/x',
    ]
    for (const url of urls) {
      const result = await runCli(t, ['serve'], { env: cliEnv(dataDir, { DATABASE_URL: url }) })
      const output = result.stdout + result.stderr
      assert.notEqual(result.code, 0, `${url}\n${show(result)}`)
      assert.doesNotMatch(output, /secret|ret@/, `${url} leaked its password:\n${output}`)
      assert.match(result.stderr, /\*\*\*/, `${url}: the message shows where the password was`)
      assertNoStackTrace(result.stderr)
    }
  })

  test('a DATABASE_URL of another kind gets a clear message', TIMEOUT, async (t) => {
    const dataDir = tempDir(t)
    const result = await runCli(t, ['migrate'], {
      env: cliEnv(dataDir, { DATABASE_URL: 'mysql://x' }),
    })
    assert.equal(result.code, 1, show(result))
    assert.match(result.stderr, /DATABASE_URL must start with postgres:\/\/, file: or sqlite:/)
    assert.match(result.stderr, /mysql:\/\/x/)
    assertNoStackTrace(result.stderr)
  })
})

describe('dateline with invalid settings', () => {
  test('lists every problem in one message and exits 1', TIMEOUT, async (t) => {
    const dataDir = join(tempDir(t), 'data')
    const env = cliEnv(dataDir, {
      PORT: 'abc',
      SITE_TIME_ZONE: 'Mars/Olympus',
      SITE_URL: 'ftp://x',
    })
    const result = await runCli(t, ['serve'], { env })

    assert.equal(result.code, 1, show(result))
    assert.equal(result.stderr.match(/Invalid configuration/g)?.length, 1, show(result))
    assert.match(result.stderr, /^\s+- PORT: /m)
    assert.match(result.stderr, /^\s+- SITE_TIME_ZONE: .*IANA time zone/m)
    assert.match(result.stderr, /^\s+- SITE_URL: /m)
    assertNoStackTrace(result.stderr)
    assert.equal(result.stdout, '')
    assert.ok(!existsSync(dataDir), 'nothing is created before the settings are valid')
  })
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
    test(`${name} exits 2 with a message`, TIMEOUT, async (t) => {
      const dataDir = join(tempDir(t), 'data')
      const result = await runCli(t, args, { env: cliEnv(dataDir) })
      assert.equal(result.code, 2, show(result))
      assert.match(result.stderr, message)
      assert.match(result.stderr, /Usage: dateline/)
      assertNoStackTrace(result.stderr)
      assert.ok(!existsSync(dataDir), 'a usage error opens no database')
    })
  }

  test('--help exits 0 and lists the commands', TIMEOUT, async (t) => {
    const result = await runCli(t, ['--help'], { env: cliEnv(join(tempDir(t), 'data')) })
    assert.equal(result.code, 0, show(result))
    for (const command of ['start', 'serve', 'demo', 'import', 'migrate']) {
      assert.match(result.stdout, new RegExp(`^  ${command}\\b`, 'm'))
    }
  })
})
