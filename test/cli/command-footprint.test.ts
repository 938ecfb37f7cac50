// What the `dateline` command loads before it knows which command it runs.
// V8 lets a busy heap grow to a few times what stays live, so every module an
// import carries without using costs it several times its size at its peak
// (issue 14's 300 MB for a WXR import). The web app and the password
// dictionaries are loaded only by the commands that use them, the PostgreSQL
// driver only for PostgreSQL, ajv only to read a Dateline export; this test loads
// the command line in a child process, with a loader hook that lists every
// module it reads, and checks. No database is opened.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { ROOT, tempDir } from './cli.js'

/** A loader hook that names each module read, one line each on standard error. */
const HOOK = `export async function load(url, context, next) {
  process.stderr.write('loaded ' + url + '\\n')
  return next(url, context)
}`

function modulesLoadedBy(dir: string, entry: string): string[] {
  const hook = join(dir, 'hook.mjs')
  writeFileSync(hook, HOOK)
  const register = join(dir, 'register.mjs')
  writeFileSync(
    register,
    `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hook).href)})\n`,
  )
  const run = spawnSync(
    process.execPath,
    [
      ...['--import', 'tsx', '--import', register, '--input-type=module'],
      ...['-e', `await import(${JSON.stringify(pathToFileURL(join(ROOT, entry)).href)})`],
    ],
    { cwd: ROOT, encoding: 'utf8' },
  )
  assert.equal(run.status, 0, run.stderr)
  return run.stderr
    .split('\n')
    .filter((line) => line.startsWith('loaded '))
    .map((line) => line.slice('loaded '.length))
}

describe('the command line loads what its commands share, no more', () => {
  test('neither the web app, the password dictionaries, the PostgreSQL driver nor ajv until needed', (t) => {
    const loaded = modulesLoadedBy(tempDir(t), 'src/cli/main.ts')
    // The hook sees the command line and what every command needs.
    for (const needed of ['/src/cli/main.ts', '/src/context.ts', '/src/cli/commands/import.ts']) {
      assert.ok(
        loaded.some((url) => url.endsWith(needed)),
        `${needed} is loaded (the hook sees it)`,
      )
    }
    const carried = loaded.filter(
      (url) =>
        url.includes('/src/web/') ||
        url.includes('/node_modules/@zxcvbn-ts/') ||
        url.includes('/node_modules/fastify/') ||
        url.includes('/node_modules/pg/') ||
        url.includes('/node_modules/ajv/'),
    )
    assert.deepEqual(carried, [])
  })

  test('serving loads the web app (the hook would see it)', (t) => {
    const loaded = modulesLoadedBy(tempDir(t), 'src/cli/commands/serve.ts')
    assert.ok(loaded.some((url) => url.includes('/src/web/app.')))
  })
})

describe('the bundle', () => {
  // One character beyond Latin-1 anywhere in a module (a curly quote in a regular expression)
  // makes V8 hold its whole source two bytes a character: 4 MB more of every process's heap.
  const bundle = process.env.DATELINE_TEST_CLI
  test(
    'holds its source one byte a character: what Latin-1 lacks is escaped',
    { skip: bundle ? false : 'runs on the bundle scripts/test.mjs builds (npm test)' },
    () => {
      const folder = dirname(bundle ?? '')
      const source = readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.mjs'))
        .map((file) => readFileSync(join(folder, file), 'utf8'))
        .join('\n')
      const wide = [...source].filter((character) => character.charCodeAt(0) > 0xff)
      assert.deepEqual(wide, [])
      // The text importer's patterns for curly quotes and dashes are there, escaped.
      assert.match(source, /\\u2019/)
      assert.match(source, /\\u2014/)
    },
  )
})
