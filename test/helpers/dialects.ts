import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export type DialectName = 'sqlite' | 'postgres'

/** A fresh, empty database for one test, and how to throw it away. */
export interface TestDatabase {
  url: string
  /** The SECRET_KEY every context over this database is given (as app servers sharing it would be). */
  secretKey: string
  drop(): Promise<void>
}

/**
 * The databases every storage and HTTP test runs on: a real SQLite file
 * always; PostgreSQL when TEST_POSTGRES_URL is set (npm test starts one).
 */
export function testDialects(): DialectName[] {
  return process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite']
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const secretKey = randomBytes(32).toString('base64url')
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-test-'))
    return {
      url: `file:${join(dir, 'test.db')}`,
      secretKey,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  // Each test gets its own schema on the shared server, so test files can run in parallel.
  const base = process.env.TEST_POSTGRES_URL
  if (!base) throw new Error('TEST_POSTGRES_URL is not set')
  const schema = `test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  try {
    await admin.query(`create schema ${schema}`)
  } finally {
    await admin.end()
  }
  const url = new URL(base)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    url: url.toString(),
    secretKey,
    async drop() {
      const client = new pg.Client({ connectionString: base })
      await client.connect()
      try {
        await client.query(`drop schema ${schema} cascade`)
      } finally {
        await client.end()
      }
    },
  }
}
