/**
 * Values kept by key up to a total size, the least recently used dropped
 * first: for what is costly to make and cheap to keep (rendered bodies, the
 * API's article JSON). A Map iterates in insertion order, so a value used
 * again is moved to the end.
 */
export function boundedMemo<V>(maxSize: number, sizeOf: (value: V) => number) {
  const kept = new Map<string, V>()
  let size = 0
  return {
    get(key: string): V | undefined {
      const value = kept.get(key)
      if (value !== undefined) {
        kept.delete(key)
        kept.set(key, value)
      }
      return value
    },
    set(key: string, value: V): void {
      const old = kept.get(key)
      if (old !== undefined) {
        size -= sizeOf(old)
        kept.delete(key)
      }
      kept.set(key, value)
      size += sizeOf(value)
      for (const [oldest, dropped] of kept) {
        if (size <= maxSize) break
        kept.delete(oldest)
        size -= sizeOf(dropped)
      }
    },
    clear(): void {
      kept.clear()
      size = 0
    },
    /** Values held. */
    get size(): number {
      return kept.size
    },
  }
}
