import type { ContentChange } from '../domain/changes.js'
import { entryBytes, ownShare, type MemoryShare } from '../domain/memory-budget.js'
import type { Admission } from './second-use.js'

/**
 * Reads that pages repeat until the site changes: the front page's story set,
 * a listing's page of stories, the site's chrome. Kept in memory and dropped
 * on every `site` change (here or, through the change feed, in another
 * process), the same changes that empty the page cache; a read whose answer
 * stops being true by itself (a pin, a banner) says when, by the injected clock.
 */
export interface MemoOptions<T> {
  now: () => Date
  /** When the answer stops being true by itself; undefined: only a change ends it. */
  expiresAt?: (value: T) => Date | undefined
  /**
   * What an answer counts against the bound: its bytes when the bound is a
   * share of the memory budget (its key is added), else 1 without it.
   */
  weigh?: (value: T) => number
  /**
   * Which reads are kept once loaded (second-use.ts); without it, all are. One
   * not admitted is still shared by the readers that ask while it loads.
   */
  admit?: Admission
}

interface Kept<T> {
  loading: Promise<T>
  settled: boolean
  expiresAt: Date | undefined
  weight: number
}

export interface KeyedMemo<T> {
  get: (key: string, load: () => Promise<T>) => Promise<T>
  changed: (change: ContentChange) => void
  /** Drops every answer, as a `site` change does. */
  forget: () => void
  /**
   * Drops the answers under `keys`, and every answer still loading: a read
   * begun before a change may have read what changed.
   */
  forgetKeys: (keys: Iterable<string>) => void
  /** Answers held, for tests and diagnostics. */
  readonly size: number
}

/**
 * Answers by key, weighing at most `max` in all: a share of the memory budget,
 * in bytes, or a number of answers (each weighs 1 unless `weigh` says
 * otherwise); the least recently used go first. A change drops them all,
 * even while they load: a read begun before a change is given to the page
 * that asked for it but never kept. A failed read is not kept either, so the
 * next page tries again.
 */
export function keyedMemo<T>(
  max: number | MemoryShare,
  { now, expiresAt, weigh = () => 1, admit }: MemoOptions<T>,
): KeyedMemo<T> {
  const inBytes = typeof max !== 'number'
  const budget = inBytes ? max : ownShare('memo', max)
  let kept = new Map<string, Kept<T>>()

  function drop(generation: Map<string, Kept<T>>, key: string, entry: Kept<T>): void {
    if (generation.get(key) !== entry) return
    generation.delete(key)
    if (generation === kept) budget.used -= entry.weight
  }

  function fresh(key: string, load: () => Promise<T>): Promise<T> {
    const keep = admit?.admits(key) ?? true
    const entry: Kept<T> = { loading: load(), settled: false, expiresAt: undefined, weight: 0 }
    const generation = kept
    generation.set(key, entry)
    entry.loading.then(
      (value) => {
        if (generation !== kept || generation.get(key) !== entry) return
        // Not admitted: gone once its readers have it, never weighed nor counted.
        if (!keep) {
          drop(generation, key, entry)
          return
        }
        entry.settled = true
        entry.expiresAt = expiresAt?.(value)
        entry.weight = weigh(value) + (inBytes ? entryBytes(key) : 0)
        budget.used += entry.weight
        for (const [oldest, other] of generation) {
          if (budget.used <= budget.limit) break
          drop(generation, oldest, other)
        }
      },
      () => drop(generation, key, entry),
    )
    return entry.loading
  }

  function forget(): void {
    // A new map, so a read still loading into the old one cannot come back.
    kept = new Map()
    budget.used = 0
  }

  return {
    async get(key, load) {
      const entry = kept.get(key)
      if (!entry) return fresh(key, load)
      const value = await entry.loading
      if (entry.expiresAt !== undefined && now() >= entry.expiresAt) {
        const current = kept.get(key)
        // Readers that waited on the same expired answer share the one read that replaces it.
        if (current && current !== entry) return current.loading
        drop(kept, key, entry)
        return fresh(key, load)
      }
      // Used again: it goes to the back of the line for eviction.
      if (kept.get(key) === entry) {
        kept.delete(key)
        kept.set(key, entry)
      }
      return value
    },
    changed(change) {
      if (change.scope === 'site') forget()
    },
    forget,
    forgetKeys(keys) {
      for (const key of keys) {
        const entry = kept.get(key)
        if (entry) drop(kept, key, entry)
      }
      for (const [key, entry] of kept) {
        if (!entry.settled) drop(kept, key, entry)
      }
    },
    get size() {
      return kept.size
    },
  }
}

/** One answer, kept as keyedMemo keeps each of its own. */
export function memoUntilChange<T>(
  load: () => Promise<T>,
  options: MemoOptions<T>,
): { get: () => Promise<T>; changed: (change: ContentChange) => void } {
  const memo = keyedMemo<T>(1, options)
  return { get: () => memo.get('', load), changed: memo.changed }
}
