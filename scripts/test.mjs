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
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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

function findPgBin(name) {
  const fromPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim()
  if (fromPath) return fromPath
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return undefined
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a))
  for (const version of versions) {
    const candidate = join(base, version, 'bin', name)
    if (existsSync(candidate)) return candidate
  }
  return undefined
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Runs a PostgreSQL tool, as the postgres user when we are root (initdb refuses root). */
function runPg(bin, args) {
  const asRoot = process.getuid?.() === 0
  const command = asRoot ? 'runuser' : bin
  const fullArgs = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args
  const result = spawnSync(command, fullArgs, { encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  }
}

async function startPostgres() {
  const initdb = findPgBin('initdb')
  const pgCtl = findPgBin('pg_ctl')
  if (!initdb || !pgCtl) return undefined
  const dir = mkdtempSync(join(tmpdir(), 'dateline-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const port = await freePort()
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres', dir])
  runPg(initdb, ['-D', data, '-A', 'trust', '-U', 'dateline', '--no-sync', '-E', 'UTF8'])
  runPg(pgCtl, [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    'start',
  ])
  return {
    url: `postgres://dateline@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        runPg(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
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

const files = testFiles(process.argv.slice(2))
const env = { ...process.env }
let postgres
if (!env.TEST_POSTGRES_URL) {
  postgres = await startPostgres()
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
process.exit(code)
