/**
 * The objects article pages' kept HTML is found by (render.tsx's `keptFor`):
 * one per id, the id naming the objects a page is made from. The `count`
 * most recently used are kept, the least recently used dropped, and their
 * HTML, no longer found, with them. Counted, not weighed: the HTML is weighed
 * in the fragments' share of the memory budget (ui/fragments.tsx).
 */
export function keptPageKeys(count: number): (id: string) => object {
  // A Map iterates in insertion order: a key used again goes to the end.
  const keys = new Map<string, object>()
  return (id) => {
    const key = keys.get(id) ?? {}
    keys.delete(id)
    keys.set(id, key)
    if (keys.size > count) keys.delete(keys.keys().next().value ?? id)
    return key
  }
}
