#!/usr/bin/env node
// `npm test`: runs every *.test.ts(x) under src/ and test/ with node:test.
//
// PostgreSQL: with TEST_POSTGRES_URL set, the suite uses that server. Otherwise,
// when PostgreSQL's initdb is installed, a private cluster is started in a
// temporary folder on a free loopback port for the run, then stopped. Without
// either, the PostgreSQL half is skipped with a message (CI=true makes that an error).
//
// S3: with TEST_S3_URL set, the media tests use that S3-compatible server. Otherwise a
// local one (s3rver, a dev dependency) is started on a free loopback port with its files
// in a temporary folder. Without it, the S3 half of the media tests is skipped with a
// message (CI=true makes that an error too).
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleEditor } from './bundle-editor.mjs'
import { compileCliForTests } from './compile-cli-for-tests.mjs'
import { freePort, startPostgresCluster } from './postgres-cluster.mjs'

const root = new URL('..', import.meta.url).pathname
const isCi = process.env.CI === 'true' || process.env.CI === '1'

/**
 * The longest files first, so that the run does not end with one of them alone on a
 * core: the browser tests, then the rest by size, which follows their running time.
 */
function longestFirst(files) {
  const weight = (file) => statSync(join(root, file)).size * (file.startsWith('test/e2e/') ? 8 : 1)
  const weights = new Map(files.map((file) => [file, weight(file)]))
  return files.sort((a, b) => weights.get(b) - weights.get(a) || a.localeCompare(b))
}

function testFiles(args) {
  if (args.length > 0) return args
  const found = []
  for (const dir of ['src', 'test']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true })) {
      if (/\.test\.tsx?$/.test(entry)) found.push(join(dir, entry))
    }
  }
  return longestFirst(found)
}

/** A local S3-compatible server for the media tests (its own files, thrown away after the run). */
async function startS3() {
  let S3rver
  try {
    ;({ default: S3rver } = await import('@20minutes/s3rver'))
  } catch {
    return undefined
  }
  const dir = mkdtempSync(join(tmpdir(), 'dateline-s3-'))
  const port = await freePort()
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory: dir,
    silent: true,
    // s3rver's signature check disagrees with the current AWS SDK's canonical requests; the
    // tests are about the S3 protocol (objects, headers, errors), not about AWS's signing.
    allowMismatchedSignatures: true,
  })
  await server.run()
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      try {
        await server.close()
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

// The editor's bundle is built, not committed: the app serves it from assets/.
await bundleEditor()

const files = testFiles(process.argv.slice(2))
const env = { ...process.env }
// The tests that run `dateline` as a process run this bundle of src/ (test/cli/cli.ts).
const cli = await compileCliForTests()
env.DATELINE_TEST_CLI = cli.script
let postgres
// CI's runs with the system clock moved are about the clock, not the database: SQLite alone.
if (env.DATELINE_TEST_SQLITE_ONLY === '1') {
  delete env.TEST_POSTGRES_URL
  console.log('PostgreSQL: skipped for this run (DATELINE_TEST_SQLITE_ONLY=1).')
} else if (!env.TEST_POSTGRES_URL) {
  postgres = await startPostgresCluster()
  if (postgres) {
    env.TEST_POSTGRES_URL = postgres.url
    console.log(`PostgreSQL: started a private cluster for this run at ${postgres.url}`)
  } else if (isCi) {
    console.error(
      'PostgreSQL: initdb not found and TEST_POSTGRES_URL not set; CI must run the PostgreSQL tests.',
    )
    process.exit(1)
  } else {
    console.log(
      'PostgreSQL: skipped (install PostgreSQL, or set TEST_POSTGRES_URL, to run the suite on it too).',
    )
  }
} else {
  console.log(`PostgreSQL: using TEST_POSTGRES_URL`)
}

let s3
if (!env.TEST_S3_URL) {
  s3 = await startS3()
  if (s3) {
    env.TEST_S3_URL = s3.url
    console.log(`S3: started a local S3-compatible server for this run at ${s3.url}`)
  } else if (isCi) {
    console.error('S3: s3rver is not installed and TEST_S3_URL not set; CI must run the S3 tests.')
    postgres?.stop()
    process.exit(1)
  } else {
    console.log(
      'S3: skipped (run npm install, or set TEST_S3_URL, to test the S3 media driver too).',
    )
  }
} else {
  console.log('S3: using TEST_S3_URL')
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=4', '--test-reporter=spec', ...files],
  { cwd: root, env, stdio: 'inherit' },
)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    child.kill(signal)
  })
}
const code = await new Promise((resolve) =>
  child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))),
)
postgres?.stop()
await s3?.stop()
rmSync(cli.dir, { recursive: true, force: true })
process.exit(code)
