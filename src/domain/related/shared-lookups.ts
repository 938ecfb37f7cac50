import { entryBytes, estimateBytes, ownShare, type MemoryShare } from '../memory-budget.js'

type Kept = Map<string, Promise<unknown>>

/**
 * Lookups kept by key until forgotten: one value per key, or many keys
 * answered at once with only the missing ones asked for. Promises are kept,
 * so concurrent readers of one key share one lookup; one begun before a
 * forget() lands in the map that was dropped, never in the new one. What is
 * kept stays within `memory` (a share of the memory budget, or bytes): past
 * it the oldest lookups go first, of the same kind before others.
 */
export function sharedLookups(memory: MemoryShare | number = 2_000_000) {
  const budget = typeof memory === 'number' ? ownShare('lookups', memory) : memory
  let ones: Kept = new Map()
  let manies = new Map<string, Kept>()
  // Each answered lookup's bytes, and each map's: what budget.used adds up. A map not
  // counted here was forgotten.
  const weights = new WeakMap<Promise<unknown>, number>()
  // Each answered lookup's value: read at once, since awaiting a hundred settled promises
  // for one first read was a hundred trips through the microtask queue.
  const answers = new WeakMap<Promise<unknown>, unknown>()
  let counted = new Map<Kept, number>()

  function charge(map: Kept, bytes: number): void {
    counted.set(map, (counted.get(map) ?? 0) + bytes)
    budget.used += bytes
  }

  function uncount(map: Kept, value: Promise<unknown> | undefined): void {
    const bytes = value && counted.has(map) ? weights.get(value) : undefined
    if (bytes !== undefined) charge(map, -bytes)
  }

  function remember<V>(map: Kept, key: string, value: Promise<V>) {
    uncount(map, map.get(key))
    map.set(key, value)
    value.then(
      (answer) => {
        answers.set(value, answer)
        if (map.get(key) !== value || !counted.has(map)) return
        const bytes = entryBytes(key) + estimateBytes(answer)
        weights.set(value, bytes)
        charge(map, bytes)
        makeRoom(map)
      },
      () => {
        // A failed lookup is not kept: the next reader asks again.
        if (map.get(key) === value) map.delete(key)
      },
    )
  }

  /** Drops the oldest lookups, of `first`'s kind then of the others, until the rest fit. */
  function makeRoom(first: Kept): void {
    for (const map of [first, ...counted.keys()]) {
      for (const [key, value] of map) {
        if (budget.used <= budget.limit) return
        uncount(map, value)
        map.delete(key)
      }
    }
  }

  function forget(): void {
    ones = new Map()
    manies = new Map()
    counted = new Map([[ones, 0]])
    budget.used = 0
  }
  forget()

  return {
    one<V>(key: string, load: () => Promise<V>): Promise<V> {
      const found = ones.get(key) as Promise<V> | undefined
      if (found) return found
      const loading = load()
      remember(ones, key, loading)
      return loading
    },

    /** The values of `keys` of one kind, in a map; those not kept are loaded in one call. */
    async many<V>(
      kind: string,
      keys: readonly string[],
      load: (missing: string[]) => Promise<Map<string, V>>,
    ): Promise<Map<string, V>> {
      let map = manies.get(kind)
      if (!map) {
        manies.set(kind, (map = new Map<string, Promise<unknown>>()))
        counted.set(map, 0)
      }
      const known = new Map<string, V>()
      const pending = new Map<string, Promise<V>>()
      const missing = new Set<string>()
      for (const key of keys) {
        const found = map.get(key) as Promise<V> | undefined
        if (found === undefined) missing.add(key)
        else if (answers.has(found)) known.set(key, answers.get(found) as V)
        else pending.set(key, found)
      }
      if (missing.size > 0) {
        const loading = load([...missing])
        for (const key of missing) {
          const value = loading.then((values) => values.get(key) as V)
          pending.set(key, value)
          remember(map, key, value)
        }
      }
      for (const [key, value] of pending) known.set(key, await value)
      return new Map(keys.map((key) => [key, known.get(key) as V]))
    },

    forget,

    /** Forgets everything but the values of these kinds, less those under `keys`. */
    forgetAllBut(kinds: readonly string[], keys: readonly string[]): void {
      const kept = kinds.flatMap((kind) => {
        const map = manies.get(kind)
        if (!map) return []
        for (const key of keys) {
          uncount(map, map.get(key))
          map.delete(key)
        }
        return [{ kind, map, bytes: counted.get(map) ?? 0 }]
      })
      forget()
      for (const { kind, map, bytes } of kept) {
        manies.set(kind, map)
        charge(map, bytes)
      }
    },
  }
}
