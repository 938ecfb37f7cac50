#!/usr/bin/env node
// `npm test`: runs every *.test.ts(x) under src/ and test/ with node:test.
//
// PostgreSQL: with TEST_POSTGRES_URL set, the suite uses that server. Otherwise,
// when PostgreSQL's initdb is installed, a private cluster is started in a
// temporary folder on a free loopback port for the run, then stopped. Without
// either, the PostgreSQL half is skipped with a message (CI=true makes that an error).
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { startPostgresCluster } from './postgres-cluster.mjs'

const root = new URL('..', import.meta.url).pathname
const isCi = process.env.CI === 'true' || process.env.CI === '1'

function testFiles(args) {
  if (args.length > 0) return args
  const found = []
  for (const dir of ['src', 'test']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true })) {
      if (/\.test\.tsx?$/.test(entry)) found.push(join(dir, entry))
    }
  }
  return found.sort()
}

const files = testFiles(process.argv.slice(2))
const env = { ...process.env }
let postgres
if (!env.TEST_POSTGRES_URL) {
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
process.exit(code)
