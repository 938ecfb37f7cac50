import type { TestContext } from 'node:test'
import { loadConfig } from '../../src/config.js'
import { createContext } from '../../src/context.js'
import {
  createTestClock,
  promptTimers,
  TEST_SETTINGS,
  type TestAppContext,
  type TestClock,
} from './context.js'
import { createTestDatabase, type DialectName } from './dialects.js'

/**
 * One test database that several contexts open, as several app processes (or
 * one process before and after a restart) would. All share one test clock.
 */
export interface SharedDatabase {
  url: string
  clock: TestClock
  /** A new context over the database: another process, or the same one restarted. */
  open(): Promise<TestAppContext>
}

export async function createSharedDatabase(
  t: TestContext,
  dialect: DialectName,
  env: Record<string, string> = {},
): Promise<SharedDatabase> {
  const database = await createTestDatabase(dialect, { migrated: true })
  const clock = createTestClock()
  const open: TestAppContext[] = []
  let defaults = false
  // One hook, so that every context is closed before the database is dropped.
  t.after(async () => {
    for (const ctx of open) await ctx.close().catch(() => {})
    await database.drop()
  })
  return {
    url: database.url,
    clock,
    async open() {
      const config = loadConfig({
        DATABASE_URL: database.url,
        SECRET_KEY: database.secretKey,
        SITE_TIME_ZONE: 'Europe/London',
        SITE_URL: 'https://news.example',
        ...TEST_SETTINGS,
        ...env,
      })
      const ctx = { ...(await createContext(config, { clock, timers: promptTimers })), clock }
      let closed = false
      const close = ctx.close.bind(ctx)
      // Closing twice (a test "stopping a process", then the cleanup) is harmless.
      ctx.close = async () => {
        if (closed) return
        closed = true
        await close()
      }
      open.push(ctx)
      if (!defaults) {
        await ctx.services.sections.ensureDefaults()
        defaults = true
      }
      return ctx
    },
  }
}
