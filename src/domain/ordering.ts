/** One step up (earlier) or down (later) in an ordered list the newsroom arranges. */
export type Direction = 'up' | 'down'

/**
 * The list with the item at `index` swapped with its neighbour in `direction`.
 * At either end there is no neighbour: the list comes back unchanged (a copy).
 */
export function withItemMoved<T>(items: readonly T[], index: number, direction: Direction): T[] {
  const moved = [...items]
  const target = direction === 'up' ? index - 1 : index + 1
  const item = moved[index]
  const other = moved[target]
  if (item === undefined || other === undefined) return moved
  moved[index] = other
  moved[target] = item
  return moved
}
