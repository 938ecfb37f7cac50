// A private PostgreSQL cluster in a temporary folder, on a free loopback port:
// the test runner starts one for the whole suite (scripts/test.mjs), and tests
// that must stop a database (test/web/database-down.test.ts) start their own.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The path of a PostgreSQL program, from PATH or Debian's versioned folders; undefined when absent. */
export function findPgBin(name) {
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

export function freePort() {
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

/**
 * Starts a throwaway cluster (fsync off: it is thrown away). Undefined when
 * PostgreSQL is not installed. `halt` stops the server and keeps its data,
 * `start` starts it again on the same port, `stop` stops it and removes it.
 */
export async function startPostgresCluster({ maxConnections = 200 } = {}) {
  const initdb = findPgBin('initdb')
  const pgCtl = findPgBin('pg_ctl')
  if (!initdb || !pgCtl) return undefined
  const dir = mkdtempSync(join(tmpdir(), 'dateline-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const port = await freePort()
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres', dir])
  runPg(initdb, ['-D', data, '-A', 'trust', '-U', 'dateline', '--no-sync', '-E', 'UTF8'])
  const start = () =>
    runPg(pgCtl, [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=${maxConnections}`,
      'start',
    ])
  const halt = () => runPg(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop'])
  start()
  let removed = false
  return {
    url: `postgres://dateline@127.0.0.1:${port}/postgres`,
    start,
    halt,
    stop() {
      if (removed) return
      removed = true
      try {
        halt()
      } catch {
        // Already stopped.
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
