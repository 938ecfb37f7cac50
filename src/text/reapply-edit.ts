// Carrying one edit over to another text: a restore that goes back to before
// a correction keeps what the correction changed, paragraph by paragraph.
import { diffArrays } from 'diff'

const paragraphsOf = (text: string): string[] =>
  text.split(/\n{2,}/).filter((paragraph) => paragraph.trim() !== '')

/** The first place `needle` occurs in `list` as a run, from `from`; -1 when it does not. */
function indexOfRun(list: readonly string[], needle: readonly string[], from: number): number {
  for (let start = from; start + needle.length <= list.length; start++) {
    if (needle.every((item, offset) => list[start + offset] === item)) return start
  }
  return -1
}

/**
 * `target` with the paragraphs that went from `before` to `after` changed the
 * same way: each changed run of `before` found in `target` is replaced by what
 * `after` has in its place; a paragraph `after` added goes in after the
 * paragraph it followed. A change whose paragraphs `target` does not have is
 * left out (the target wrote that part differently).
 */
export function reapplyEdit(before: string, after: string, target: string): string {
  const result = paragraphsOf(target)
  // Where in `result` the edit has got to; whether the paragraphs just passed were found there.
  let cursor = 0
  let anchored = true
  const changes = diffArrays(paragraphsOf(before), paragraphsOf(after))
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index]
    if (!change) continue
    if (!change.added && !change.removed) {
      const at = indexOfRun(result, change.value, cursor)
      anchored = at !== -1
      if (anchored) cursor = at + change.value.length
      continue
    }
    const next = changes[index + 1]
    const removed = change.removed ? change.value : []
    const added = change.added ? change.value : next?.added ? next.value : []
    if (change.removed && next?.added) index++
    const at = removed.length > 0 ? indexOfRun(result, removed, cursor) : anchored ? cursor : -1
    if (at === -1) continue
    result.splice(at, removed.length, ...added)
    cursor = at + added.length
    anchored = true
  }
  return result.join('\n\n')
}

/** `target`'s value, or `after`'s when `target` still has what the edit changed (`before`). */
export function reapplyValue<T>(before: T, after: T, target: T): T {
  const same = (a: T, b: T) => JSON.stringify(a) === JSON.stringify(b)
  return same(target, before) && !same(before, after) ? after : target
}
