/** Lookups of each kind kept, at most; past it that kind starts again. */
const MAX_PER_KIND = 5_000

/**
 * Lookups kept by key until forgotten: one value per key, or many keys
 * answered at once with only the missing ones asked for. Promises are kept,
 * so concurrent readers of one key share one lookup; one begun before a
 * forget() lands in the map that was dropped, never in the new one.
 */
export function sharedLookups() {
  let ones = new Map<string, Promise<unknown>>()
  let manies = new Map<string, Map<string, Promise<unknown>>>()

  function remember<V>(map: Map<string, Promise<unknown>>, key: string, value: Promise<V>) {
    if (map.size >= MAX_PER_KIND) map.clear()
    map.set(key, value)
    // A failed lookup is not kept: the next reader asks again.
    value.catch(() => {
      if (map.get(key) === value) map.delete(key)
    })
  }

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
      if (!map) manies.set(kind, (map = new Map<string, Promise<unknown>>()))
      const asked = new Map<string, Promise<V>>()
      for (const key of keys) {
        const found = map.get(key) as Promise<V> | undefined
        if (found) asked.set(key, found)
      }
      const missing = [...new Set(keys)].filter((key) => !asked.has(key))
      if (missing.length > 0) {
        const loading = load(missing)
        for (const key of missing) {
          const value = loading.then((values) => values.get(key) as V)
          asked.set(key, value)
          remember(map, key, value)
        }
      }
      const values = await Promise.all(keys.map((key) => asked.get(key) as Promise<V>))
      return new Map(keys.map((key, i) => [key, values[i] as V]))
    },

    forget(): void {
      ones = new Map()
      manies = new Map()
    },

    /** Forgets everything but the values of one kind, less the one under `key`. */
    forgetAllBut(kind: string, key: string): void {
      const keep = manies.get(kind)
      this.forget()
      if (!keep) return
      keep.delete(key)
      manies.set(kind, keep)
    },
  }
}
