/**
 * Whether a store keeps what was just made for a key. Most of what the long
 * tail reads (a crawler walking the archive, a reader landing on an old
 * story) is asked for once: keeping it costs weighing it, promoting it to the
 * old generation and collecting it when it is evicted, and it evicts what is
 * used again.
 */
export interface Admission {
  /** Yes when `key` was asked for lately; otherwise no, and the key is noted. */
  admits(key: string): boolean
}

/** Fewest keys a generation holds: a small store still tells a second use from a one-off. */
const MIN_KEYS = 1_000
/** Most keys a generation holds, so the record stays small whatever the budget. */
const MAX_KEYS = 20_000

/**
 * Keeps a value on its key's second use, as TinyLFU's doorkeeper does: scan
 * resistance, so one pass over the archive does not evict what readers come
 * back to. Keys are remembered in two generations; when the newer holds
 * `perGeneration` the older is dropped, so a key is remembered for at least
 * `perGeneration` and at most twice as many others, and the record never
 * holds more than that.
 */
export function secondUse(perGeneration: number): Admission {
  let newer = new Set<string>()
  let older = new Set<string>()
  return {
    admits(key) {
      if (newer.has(key)) return true
      const seen = older.has(key)
      newer.add(key)
      if (newer.size >= perGeneration) {
        older = newer
        newer = new Set()
      }
      return seen
    },
  }
}

/**
 * Second use for a store of `bytes` whose entries weigh about `entryBytes`:
 * each generation twice as many keys as the store holds. A key asked for
 * again only after many more would be evicted before its next use anyway.
 */
export function secondUseWithin(bytes: number, entryBytes: number): Admission {
  return secondUse(Math.min(MAX_KEYS, Math.max(MIN_KEYS, Math.ceil((2 * bytes) / entryBytes))))
}
