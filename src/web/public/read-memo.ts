/**
 * Reads an uncached page would otherwise repeat on every render, kept until a
 * change makes them stale. Bounded by weight (about the characters a value
 * holds), least recently used first out. A read begun before a forget() is
 * not kept: what it read may be what the change replaced.
 */
export interface ReadMemo<V> {
  /** The value under `key`, loading it when it is not kept. */
  get(key: string, load: () => Promise<V>): Promise<V>
  /** Forgets every value, or those whose key `matches`. */
  forget(matches?: (key: string) => boolean): void
  readonly size: { entries: number; weight: number }
}

export function createReadMemo<V>({
  maxWeight,
  weigh,
}: {
  maxWeight: number
  weigh: (value: V) => number
}): ReadMemo<V> {
  const kept = new Map<string, { value: V; weight: number }>()
  let weight = 0
  // Changes with every forget(): a load stores its value only if none happened while it ran.
  let generation = 0

  function remove(key: string): void {
    const entry = kept.get(key)
    if (!entry) return
    kept.delete(key)
    weight -= entry.weight
  }

  function keep(key: string, value: V): void {
    const entry = { value, weight: weigh(value) }
    if (entry.weight > maxWeight) return
    remove(key)
    kept.set(key, entry)
    weight += entry.weight
    for (const oldest of kept.keys()) {
      if (weight <= maxWeight) break
      remove(oldest)
    }
  }

  return {
    async get(key, load) {
      const found = kept.get(key)
      if (found) {
        // Most recently used last: a Map iterates in insertion order.
        kept.delete(key)
        kept.set(key, found)
        return found.value
      }
      const since = generation
      const value = await load()
      if (since === generation) keep(key, value)
      return value
    },
    forget(matches) {
      generation++
      if (!matches) {
        kept.clear()
        weight = 0
        return
      }
      for (const key of [...kept.keys()]) if (matches(key)) remove(key)
    },
    get size() {
      return { entries: kept.size, weight }
    },
  }
}
