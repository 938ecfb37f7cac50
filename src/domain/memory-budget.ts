/**
 * One byte budget for everything the server keeps in memory to answer faster
 * (the page cache, rendered bodies and fragments, kept reads, related-coverage
 * lookups). Each store draws a fixed share of it and keeps what it holds, by
 * its own estimate in bytes, within that share, evicting past it; the shares
 * never add up to more than the whole, so neither does what is kept.
 */
export interface MemoryShare {
  readonly name: string
  /** The most this store may hold, in bytes. */
  readonly limit: number
  /** What it holds now, by its own accounting; the store keeps it at or under `limit`. */
  used: number
}

export interface MemoryBudget {
  /** The whole budget, in bytes. */
  readonly total: number
  /** A share of `bytes` for one store; throws if the shares would exceed the whole. */
  share(name: string, bytes: number): MemoryShare
  /** What no store has drawn yet, in bytes. */
  unallotted(): number
  /** What every store holds now, in bytes: never more than `total`. */
  readonly used: number
  /** Each store's share and use, for diagnostics and tests. */
  shares(): readonly MemoryShare[]
}

export function createMemoryBudget(total: number): MemoryBudget {
  const all: MemoryShare[] = []
  let allotted = 0
  return {
    total,
    share(name, bytes) {
      const limit = Math.max(0, Math.floor(bytes))
      if (allotted + limit > total) {
        throw new RangeError(
          `memory share ${name} (${limit} bytes) exceeds what is left of the budget (${total - allotted})`,
        )
      }
      allotted += limit
      const share: MemoryShare = { name, limit, used: 0 }
      all.push(share)
      return share
    },
    unallotted: () => total - allotted,
    get used() {
      return all.reduce((sum, share) => sum + share.used, 0)
    },
    shares: () => all,
  }
}

/** A share of its own, for a store used outside any budget (a test, a one-off). */
export function ownShare(name: string, limit: number): MemoryShare {
  return { name, limit, used: 0 }
}

/** What the engine spends on an object, a Map entry or a string beyond its characters. */
const OBJECT_BYTES = 32
const SLOT_BYTES = 8
const STRING_HEADER_BYTES = 16
const ONE_BYTE_ONLY = /^[\0-\u00ff]*$/

/**
 * A string's bytes as the engine holds it: one per character when every
 * character fits in Latin-1, two otherwise, and a header.
 */
export function stringBytes(text: string): number {
  return STRING_HEADER_BYTES + text.length * (ONE_BYTE_ONLY.test(text) ? 1 : 2)
}

/**
 * About what a value of plain data costs in memory: its strings, numbers,
 * dates, arrays and objects, each shared object counted once. An estimate,
 * erring high (the engine's small-integer and shape savings are not counted).
 */
export function estimateBytes(value: unknown): number {
  const seen = new Set<object>()
  const pending: unknown[] = [value]
  let bytes = 0
  while (pending.length > 0) {
    const next = pending.pop()
    if (typeof next === 'string') bytes += stringBytes(next)
    else if (typeof next === 'number' || typeof next === 'bigint') bytes += 16
    else if (typeof next === 'boolean' || next === null || next === undefined) bytes += 0
    else if (typeof next === 'object' && !seen.has(next)) {
      seen.add(next)
      if (next instanceof Date) bytes += OBJECT_BYTES
      else if (ArrayBuffer.isView(next)) bytes += OBJECT_BYTES + next.byteLength
      else if (next instanceof Map || next instanceof Set) {
        bytes += OBJECT_BYTES + next.size * 3 * SLOT_BYTES
        for (const entry of next) pending.push(entry)
      } else {
        const values = Object.values(next)
        bytes += OBJECT_BYTES + values.length * SLOT_BYTES
        for (const inner of values) pending.push(inner)
      }
    }
  }
  return bytes
}

/** What a kept entry costs beyond its value: its key and the map's slot for it. */
export function entryBytes(key: string): number {
  return stringBytes(key) + 4 * SLOT_BYTES
}

/**
 * Each in-memory store's part of what the page cache leaves of the budget:
 * related coverage's lookups, shared by every article, and rendered HTML,
 * reused by every page, feed and API answer, get most.
 */
export const STORE_SHARES = {
  /** Rendered article bodies (web/ui/body-html.ts). */
  bodies: 0.16,
  /** Story cards and kept page HTML (web/ui/fragments.tsx). */
  fragments: 0.2,
  /** Kept article reads, newest lists, surroundings, comment rules and rendered comments. */
  articles: 0.12,
  newest: 0.02,
  surroundings: 0.06,
  commentSettings: 0.01,
  threads: 0.1,
  /** Kept listing pages (web/public/public-reads.ts). */
  listings: 0.04,
  /** The API's encoded article JSON (web/api/article-fragments.ts). */
  apiArticles: 0.06,
  /** Which articles each API list answers with (web/api/article-key-pages.ts). */
  apiLists: 0.01,
  /** Related coverage's shared lookups (domain/related/shared-lookups.ts). */
  related: 0.22,
} as const

export type StoreName = keyof typeof STORE_SHARES

/** A server's budget: the page cache's part, and each store's share of the rest. */
export interface ServerMemory {
  budget: MemoryBudget
  pageCache: MemoryShare
  /** The named store's share; the same share each time (two apps on one context share it). */
  store(name: StoreName): MemoryShare
}

export function serverMemory(totalBytes: number, pageCacheBytes: number): ServerMemory {
  const budget = createMemoryBudget(totalBytes)
  const pageCache = budget.share('page cache', Math.min(pageCacheBytes, totalBytes))
  const rest = budget.unallotted()
  const shares = new Map<StoreName, MemoryShare>()
  return {
    budget,
    pageCache,
    store(name) {
      let share = shares.get(name)
      if (!share) shares.set(name, (share = budget.share(name, rest * STORE_SHARES[name])))
      return share
    },
  }
}
