// The database a benchmark writes to. Never one that holds data already: a PostgreSQL server
// named by DATABASE_URL gets a database of the benchmark's own.
import pg from 'pg'
import { startPostgresCluster, type PostgresCluster } from '../scripts/postgres-cluster.mjs'

/** A fresh database in the PostgreSQL server `url` names, and a way to drop it. */
async function freshPostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `dateline_bench_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const fresh = new URL(url)
  fresh.pathname = `/${name}`
  return {
    url: fresh.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}

/**
 * SQLite in the data folder; or, when DATABASE_URL is a postgres:// URL, a fresh database in that
 * server (dropped by close()); or, with --postgres, one in a private cluster started as `npm test`
 * starts one (initdb, as the postgres user when run as root; fsync off, removed by close()).
 */
export async function benchDatabase(
  args: readonly string[],
): Promise<{ dialect: string; url: string | undefined; close(): Promise<void> }> {
  const given = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : ''
  let cluster: PostgresCluster | undefined
  if (!given && args.includes('--postgres')) {
    cluster = await startPostgresCluster()
    if (!cluster) throw new Error('--postgres: PostgreSQL (initdb) is not installed')
  }
  const server = given || cluster?.url
  if (!server) return { dialect: 'SQLite', url: undefined, close: async () => {} }
  const database = await freshPostgresDatabase(server)
  return {
    dialect: `PostgreSQL${cluster ? ' (private cluster, fsync off)' : ''}`,
    url: database.url,
    async close() {
      await database.drop()
      cluster?.stop()
    },
  }
}
