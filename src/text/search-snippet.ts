// Search snippets as data. The databases mark matched words with two control
// characters that indexed text never contains (searchableText removes them);
// these functions turn marked text into parts a view renders, escaped, with
// <mark>. No HTML ever comes from the database.
import { controlsAsSpaces } from './control-characters.js'

/** A run of snippet text, and whether it matched the search. */
export interface TextPart {
  text: string
  highlighted: boolean
}

/** Opens a match in marked text (STX). */
export const MATCH_START = '\u0002'
/** Closes a match in marked text (ETX). */
export const MATCH_END = '\u0003'
const MARKERS = new RegExp(`[${MATCH_START}${MATCH_END}]`, 'g')

/**
 * Text fit for the search index: control characters (the match markers among
 * them) become spaces, and runs of white space one space.
 */
export function searchableText(text: string): string {
  return controlsAsSpaces(text).replace(/\s+/g, ' ').trim()
}

/**
 * Marked text → parts. Matches next to each other, or separated only by
 * spaces (PostgreSQL marks each word of a phrase alone), become one part;
 * unbalanced or stray markers are dropped, never shown.
 */
export function snippetParts(marked: string): TextPart[] {
  const parts: TextPart[] = []
  let highlighted = false
  let from = 0
  // Runs between markers are sliced whole: a passage is a few hundred characters, ten a page.
  for (const marker of marked.matchAll(MARKERS)) {
    const at = marker.index
    // A run of the same kind joins the last part, so a stray marker only drops out.
    if (at > from) push(parts, { text: marked.slice(from, at), highlighted })
    highlighted = marker[0] === MATCH_START
    from = at + 1
  }
  if (from < marked.length) push(parts, { text: marked.slice(from), highlighted })
  return mergeAcrossSpaces(parts)
}

/** Whether any part is highlighted. */
export function hasHighlight(parts: readonly TextPart[]): boolean {
  return parts.some((part) => part.highlighted)
}

/** Plain text as one unhighlighted part (none for empty text). */
export function plainParts(text: string): TextPart[] {
  return text === '' ? [] : [{ text, highlighted: false }]
}

/**
 * An ellipsis before a passage that does not start its text and after one
 * that does not end it, for databases that do not add them (PostgreSQL).
 */
export function withEllipses(
  parts: readonly TextPart[],
  source: { starts: boolean; ends: boolean },
): TextPart[] {
  if (parts.length === 0) return []
  const result = [...parts]
  const first = result[0]
  if (first && !source.starts && !first.text.startsWith('…')) {
    result.unshift({ text: '…', highlighted: false })
  }
  const last = result.at(-1)
  if (last && !source.ends && !last.text.endsWith('…')) {
    result.push({ text: '…', highlighted: false })
  }
  return mergeAcrossSpaces(result)
}

function push(parts: TextPart[], part: TextPart): void {
  const previous = parts.at(-1)
  if (previous && previous.highlighted === part.highlighted) previous.text += part.text
  else parts.push({ ...part })
}

function mergeAcrossSpaces(parts: readonly TextPart[]): TextPart[] {
  const merged: TextPart[] = []
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]
    if (!part) continue
    const before = merged.at(-1)
    const after = parts[index + 1]
    if (!part.highlighted && /^ +$/.test(part.text) && before?.highlighted && after?.highlighted) {
      before.text += part.text + after.text
      index++
      continue
    }
    push(merged, part)
  }
  return merged
}
