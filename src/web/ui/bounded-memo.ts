import { entryBytes, ownShare, type MemoryShare } from '../../domain/memory-budget.js'
import type { Admission } from '../second-use.js'

/**
 * Values kept by key within a share of the memory budget, in bytes, the least
 * recently used dropped first: for what is costly to make and cheap to keep
 * (rendered bodies, the API's article JSON). `sizeOf` says a value's bytes;
 * its key and slot are added. A Map iterates in insertion order, so a value
 * used again is moved to the end. A number instead of a share bounds the
 * memo on its own, in bytes too: each entry weighs its key besides its value,
 * so the number is no count of entries (kept-page-keys.ts counts). With
 * `admit` (second-use.ts), a value is kept only for a key it admits; any
 * other is neither kept nor weighed.
 */
export function boundedMemo<V>(
  share: MemoryShare | number,
  sizeOf: (value: V) => number,
  { admit }: { admit?: Admission } = {},
) {
  const budget = typeof share === 'number' ? ownShare('memo', share) : share
  const kept = new Map<string, { value: V; bytes: number }>()
  const drop = (key: string): void => {
    const entry = kept.get(key)
    if (!entry) return
    kept.delete(key)
    budget.used -= entry.bytes
  }
  return {
    get(key: string): V | undefined {
      const entry = kept.get(key)
      if (entry !== undefined) {
        kept.delete(key)
        kept.set(key, entry)
      }
      return entry?.value
    },
    set(key: string, value: V): void {
      if (admit && !kept.has(key) && !admit.admits(key)) return
      drop(key)
      const bytes = entryBytes(key) + sizeOf(value)
      // One value bigger than the whole share is not kept at all.
      if (bytes > budget.limit) return
      kept.set(key, { value, bytes })
      budget.used += bytes
      for (const oldest of kept.keys()) {
        if (budget.used <= budget.limit) break
        drop(oldest)
      }
    },
    clear(): void {
      for (const key of [...kept.keys()]) drop(key)
    },
    /** Values held. */
    get size(): number {
      return kept.size
    },
    /** Bytes held, by this memo's accounting. */
    get bytes(): number {
      return budget.used
    },
  }
}
