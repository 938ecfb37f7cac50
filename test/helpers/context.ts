import type { TestContext } from 'node:test'
import { loadConfig, type Config } from '../../src/config.js'
import { createContext, type AppContext, type ContextOptions } from '../../src/context.js'
import type { Clock } from '../../src/domain/clock.js'
import type { Timers } from '../../src/domain/timers.js'
import { createTestDatabase, type DialectName } from './dialects.js'

/**
 * Settings every test context has. Passwords are hashed at scrypt's N=2^4
 * instead of 2^15 (a thousandth of the work); the config allows a cost that
 * low only with NODE_ENV=test. Hashes carry their cost, so they verify all the same.
 */
export const TEST_SETTINGS = {
  NODE_ENV: 'test',
  PASSWORD_HASH_COST: '4',
  // A browser's spare sockets would hold each test server's close for the grace.
  HTTP_SHUTDOWN_GRACE_SECONDS: '0.2',
  LOG_LEVEL: 'silent',
} as const

/** A clock tests move by hand. */
export interface TestClock extends Clock {
  set(date: Date | string): void
  advance(ms: number): void
}

export function createTestClock(start: Date | string = '2026-11-20T09:00:00.000Z'): TestClock {
  let now = new Date(start).getTime()
  return {
    now: () => new Date(now),
    set: (date) => {
      now = new Date(date).getTime()
    },
    advance: (ms) => {
      now += ms
    },
  }
}

/**
 * Waits that end as soon as the work under way yields (a microtask), whatever
 * they ask for: readers' comments posted together are still written together,
 * and no test waits on the wall clock. group-commit.test.ts drives them by hand.
 */
export const promptTimers: Timers = {
  after(_ms, run) {
    let cancelled = false
    queueMicrotask(() => {
      if (!cancelled) run()
    })
    return {
      cancel: () => {
        cancelled = true
      },
    }
  },
}

export interface TestAppContext extends AppContext {
  clock: TestClock
}

/**
 * A context over a fresh, migrated database with the default sections, built
 * from a literal configuration (never process.env). Closed and dropped after the test.
 */
export async function createTestContext(
  t: TestContext,
  dialect: DialectName,
  env: Record<string, string> = {},
  options: Omit<ContextOptions, 'clock'> = {},
): Promise<TestAppContext> {
  const database = await createTestDatabase(dialect, { migrated: true })
  const config: Readonly<Config> = loadConfig({
    DATABASE_URL: database.url,
    SECRET_KEY: database.secretKey,
    SITE_TIME_ZONE: 'Europe/London',
    SITE_URL: 'https://news.example',
    ...TEST_SETTINGS,
    ...env,
  })
  const clock = createTestClock()
  const ctx = await createContext(config, { timers: promptTimers, ...options, clock })
  t.after(async () => {
    await ctx.close()
    await database.drop()
  })
  await ctx.services.sections.ensureDefaults()
  return { ...ctx, clock }
}
