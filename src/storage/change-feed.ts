import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type pg from 'pg'
import type { ContentChange, ContentChanges } from '../domain/changes.js'
import type { DatabaseHandle } from './database.js'

/**
 * How content changes reach every cache of public pages: those in this
 * process at once, those in other processes on the same database soon after.
 */
export interface ChangeFeed extends ContentChanges {
  /**
   * Calls `listener` with every change, from this process or another. Returns
   * an unsubscribe. A change announced here is acknowledged only once every
   * listener's promise has settled: what it shows is current before the writer hears "done".
   */
  subscribe(listener: ChangeListener): () => void
  /**
   * Notices writes made by other processes that cannot announce them (SQLite
   * has no messages between processes: a `dateline import` next to a running
   * server). Cheap enough to call before every cached answer.
   */
  checkForeignWrites(): void
  close(): Promise<void>
}

const EVERYTHING: ContentChange = { scope: 'site', foreign: true }

export type ChangeListener = (change: ContentChange) => void | Promise<void>

export async function createChangeFeed(database: DatabaseHandle): Promise<ChangeFeed> {
  const listeners = new Set<ChangeListener>()
  const tell = async (change: ContentChange): Promise<void> => {
    await Promise.all([...listeners].map(async (listener) => listener(change)))
  }
  const subscribe = (listener: ChangeListener) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  if (database.driver.kind === 'sqlite') {
    // data_version changes when another connection commits, never for our own writes.
    const version = database.driver.connection.prepare('PRAGMA data_version').pluck()
    let seen = version.get()
    return {
      subscribe,
      announce: async (change) => tell(change),
      checkForeignWrites() {
        const now = version.get()
        if (now === seen) return
        seen = now
        // What the other process changed is unknown: everything may be stale.
        void tell(EVERYTHING)
      },
      close: async () => listeners.clear(),
    }
  }

  // PostgreSQL: LISTEN/NOTIFY on a channel per schema, so that sites (and tests)
  // sharing one database do not hear each other.
  const origin = randomUUID()
  const schema =
    (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]
      ?.schema ?? 'public'
  const channel = `dateline_changes_${schema}`.replace(/[^a-zA-Z0-9_]/g, '_').slice(0, 63)
  let client: pg.Client | undefined
  let closed = false

  async function listen(): Promise<void> {
    // Loaded only for PostgreSQL: a SQLite site's process never carries the driver.
    const { default: driver } = await import('pg')
    const next = new driver.Client({
      connectionString: database.driver.kind === 'postgres' ? database.driver.url : '',
    })
    next.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return
      const { from, change } = JSON.parse(message.payload) as {
        from: string
        change: ContentChange
      }
      if (from !== origin) void tell(change)
    })
    next.on('error', () => reconnect())
    await next.connect()
    await next.query(`LISTEN "${channel}"`)
    client = next
  }

  function reconnect(): void {
    if (closed) return
    void client?.end().catch(() => {})
    client = undefined
    // Notifications sent while we were not listening are lost: assume the worst once back.
    setTimeout(() => {
      listen().then(
        () => void tell(EVERYTHING),
        () => reconnect(),
      )
    }, 1000).unref()
  }

  await listen()
  return {
    subscribe,
    async announce(change) {
      await tell(change)
      // An import's list of articles is for this process alone (related coverage recomputes
      // around them here), and a NOTIFY carries 8,000 bytes at most.
      const sent = change.scope === 'site' ? { ...change, articles: undefined } : change
      await sql`select pg_notify(${channel}, ${JSON.stringify({ from: origin, change: sent })})`.execute(
        database.db,
      )
    },
    checkForeignWrites() {},
    async close() {
      closed = true
      listeners.clear()
      await client?.end().catch(() => {})
    },
  }
}
