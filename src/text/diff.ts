import { diffArrays, diffWordsWithSpace } from 'diff'

export interface DiffPart {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/** A paragraph-level change: kept, added, removed, or changed (with word-level parts). */
export type DiffBlock =
  { kind: 'same' | 'added' | 'removed'; text: string } | { kind: 'changed'; parts: DiffPart[] }

// Past this many edits a word diff stops being readable or cheap; show whole blocks instead.
const MAX_EDIT_LENGTH = 2000

/** Word-level differences between two texts. */
export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }]
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_LENGTH })
  if (!changes) {
    return [
      ...(before ? [{ kind: 'removed' as const, text: before }] : []),
      ...(after ? [{ kind: 'added' as const, text: after }] : []),
    ]
  }
  return changes.map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }))
}

/**
 * Paragraph-level differences between two bodies (paragraphs split at blank
 * lines). A paragraph replaced by another is shown as one changed block with
 * its words marked, which is how editors read a revision.
 */
export function diffParagraphs(before: string, after: string): DiffBlock[] {
  const split = (text: string) =>
    text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
  const changes = diffArrays(split(before), split(after))
  const blocks: DiffBlock[] = []
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index]
    if (!change) continue
    const following = changes[index + 1]
    if (change.removed && following?.added) {
      const paired = Math.min(change.value.length, following.value.length)
      for (let i = 0; i < paired; i++) {
        blocks.push({
          kind: 'changed',
          parts: diffText(change.value[i] ?? '', following.value[i] ?? ''),
        })
      }
      for (const text of change.value.slice(paired)) blocks.push({ kind: 'removed', text })
      for (const text of following.value.slice(paired)) blocks.push({ kind: 'added', text })
      index++
      continue
    }
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same'
    for (const text of change.value) blocks.push({ kind, text })
  }
  return blocks
}
