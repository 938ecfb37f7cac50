import type { ContentChange } from '../domain/changes.js'

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
}

interface Kept<T> {
  loading: Promise<T>
  expiresAt: Date | undefined
}

export interface KeyedMemo<T> {
  get: (key: string, load: () => Promise<T>) => Promise<T>
  changed: (change: ContentChange) => void
  /** Answers held, for tests and diagnostics. */
  readonly size: number
}

/**
 * Answers by key, at most `max` of them (the least recently used go first).
 * A change drops them all, even while they load: a read begun before a change
 * is given to the page that asked for it but never kept. A failed read is not
 * kept either, so the next page tries again.
 */
export function keyedMemo<T>(max: number, { now, expiresAt }: MemoOptions<T>): KeyedMemo<T> {
  let kept = new Map<string, Kept<T>>()

  function fresh(key: string, load: () => Promise<T>): Promise<T> {
    const entry: Kept<T> = { loading: load(), expiresAt: undefined }
    const generation = kept
    generation.set(key, entry)
    if (generation.size > max) {
      const oldest = generation.keys().next().value
      if (oldest !== undefined) generation.delete(oldest)
    }
    entry.loading.then(
      (value) => {
        entry.expiresAt = expiresAt?.(value)
      },
      () => {
        if (generation.get(key) === entry) generation.delete(key)
      },
    )
    return entry.loading
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
        kept.delete(key)
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
      // A new map, so a read still loading into the old one cannot come back.
      if (change.scope === 'site') kept = new Map()
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
