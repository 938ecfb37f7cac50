import { diffArrays, diffWordsWithSpace } from 'diff'

export interface DiffPart {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/** A paragraph-level (or list-item) change: kept, added, removed, or changed (with word-level parts). */
export type DiffBlock =
  { kind: 'same' | 'added' | 'removed'; text: string } | { kind: 'changed'; parts: DiffPart[] }

/** What a reader is shown: the changes, with long runs of unchanged paragraphs gathered up. */
export type DisplayBlock = DiffBlock | { kind: 'unchanged'; texts: string[] }

// Past this many edits a word diff stops being readable or cheap; show whole blocks instead.
const MAX_EDIT_LENGTH = 2000

// Below this share of kept words, two paragraphs are a removal and an addition, not one edited paragraph.
const MIN_SIMILARITY = 0.5

// How far ahead to look for the paragraph an old one became, when paragraphs were also inserted.
const LOOKAHEAD = 3

type Segment = { kind: 'same'; text: string } | { kind: 'edit'; removed: string; added: string }

/** Adjacent parts merged: one segment per run of kept text, one per run of edits. */
function segmentsOf(parts: readonly DiffPart[]): Segment[] {
  const segments: Segment[] = []
  for (const part of parts) {
    if (part.text === '') continue
    const last = segments.at(-1)
    if (part.kind === 'same') {
      if (last?.kind === 'same') last.text += part.text
      else segments.push({ kind: 'same', text: part.text })
    } else {
      const edit: Segment = last?.kind === 'edit' ? last : { kind: 'edit', removed: '', added: '' }
      if (edit !== last) segments.push(edit)
      if (part.kind === 'added') edit.added += part.text
      else edit.removed += part.text
    }
  }
  return segments
}

const editLength = (segment: Segment | undefined) =>
  segment?.kind === 'edit' ? Math.max(segment.removed.length, segment.added.length) : 0

/**
 * Folds a short stretch of kept text that sits between two edits into them
 * ("<del>the cat</del><ins>a dog</ins>" rather than
 * "<del>the</del><ins>a</ins> <del>cat</del><ins>dog</ins>"): the rule of
 * diff-match-patch's semantic clean-up, which is how people read a change.
 */
function foldShortKeeps(segments: readonly Segment[]): Segment[] {
  const stack: Segment[] = []
  for (const segment of segments) {
    stack.push({ ...segment })
    for (;;) {
      const after = stack.at(-1)
      const keep = stack.at(-2)
      const before = stack.at(-3)
      if (after?.kind !== 'edit' || keep?.kind !== 'same' || before?.kind !== 'edit') break
      const length = keep.text.length
      if (length > editLength(before) || length > editLength(after)) break
      stack.splice(-3, 3, {
        kind: 'edit',
        removed: before.removed + keep.text + after.removed,
        added: before.added + keep.text + after.added,
      })
    }
  }
  return stack
}

/** Length of the whitespace both texts end (or, with `fromStart`, begin) with. */
function sharedSpace(a: string, b: string, fromStart: boolean): number {
  let length = 0
  while (length < a.length && length < b.length) {
    const at = (text: string) => text[fromStart ? length : text.length - 1 - length] ?? ''
    if (!/\s/.test(at(a)) || at(a) !== at(b)) break
    length++
  }
  return length
}

/**
 * Moves the spaces that a removal and its replacement share out to the kept
 * text around them ("six <del>homes in</del> <ins>suddenly</ins> the"), so
 * the marks cover words only.
 */
function trimSharedSpace(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = []
  const keep = (text: string) => {
    if (text === '') return
    const last = out.at(-1)
    if (last?.kind === 'same') last.text += text
    else out.push({ kind: 'same', text })
  }
  for (const segment of segments) {
    if (segment.kind === 'same') {
      keep(segment.text)
      continue
    }
    let { removed, added } = segment
    if (removed === '' || added === '') {
      out.push(segment)
      continue
    }
    const lead = sharedSpace(removed, added, true)
    keep(removed.slice(0, lead))
    removed = removed.slice(lead)
    added = added.slice(lead)
    const trail = sharedSpace(removed, added, false)
    if (removed.length === trail && added.length === trail) {
      keep(removed)
      continue
    }
    out.push({
      kind: 'edit',
      removed: removed.slice(0, removed.length - trail),
      added: added.slice(0, added.length - trail),
    })
    keep(removed.slice(removed.length - trail))
  }
  return out
}

function partsOf(segments: readonly Segment[]): DiffPart[] {
  return segments.flatMap((segment): DiffPart[] =>
    segment.kind === 'same'
      ? [{ kind: 'same', text: segment.text }]
      : [
          ...(segment.removed ? [{ kind: 'removed' as const, text: segment.removed }] : []),
          ...(segment.added ? [{ kind: 'added' as const, text: segment.added }] : []),
        ],
  )
}

/**
 * Word-level differences between two texts. Within each run of changes the
 * removed words come before the added ones, and short kept stretches between
 * two changes are folded into them, so each change reads as a phrase.
 */
export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }]
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_LENGTH })
  const parts: DiffPart[] = changes
    ? changes.map((change) => ({
        kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
        text: change.value,
      }))
    : [
        { kind: 'removed', text: before },
        { kind: 'added', text: after },
      ]
  return partsOf(trimSharedSpace(foldShortKeeps(segmentsOf(parts))))
}

const visibleLength = (text: string) => text.replace(/\s+/g, '').length

/**
 * How much of two texts a word diff kept, from 0 (nothing in common) to 1
 * (identical): twice the kept characters over both texts' characters,
 * whitespace not counted.
 */
export function similarity(parts: readonly DiffPart[]): number {
  let kept = 0
  let before = 0
  let after = 0
  for (const part of parts) {
    const length = visibleLength(part.text)
    if (part.kind === 'same') kept += length
    if (part.kind !== 'added') before += length
    if (part.kind !== 'removed') after += length
  }
  return before + after === 0 ? 1 : (2 * kept) / (before + after)
}

/**
 * Pairs a run of removed items with the run of added items that replaced
 * them: an item that is still mostly the same becomes one changed block with
 * its words marked; anything else is shown as removed or added whole.
 */
function pairReplacements(removed: readonly string[], added: readonly string[]): DiffBlock[] {
  const blocks: DiffBlock[] = []
  const alike = (a: string, b: string) => {
    const parts = diffText(a, b)
    return similarity(parts) >= MIN_SIMILARITY ? parts : undefined
  }
  let i = 0
  let j = 0
  while (i < removed.length && j < added.length) {
    const old = removed[i] ?? ''
    const parts = alike(old, added[j] ?? '')
    if (parts) {
      blocks.push({ kind: 'changed', parts })
      i++
      j++
    } else if (added.slice(j + 1, j + 1 + LOOKAHEAD).some((item) => alike(old, item))) {
      blocks.push({ kind: 'added', text: added[j] ?? '' })
      j++
    } else {
      blocks.push({ kind: 'removed', text: old })
      i++
    }
  }
  for (const text of removed.slice(i)) blocks.push({ kind: 'removed', text })
  for (const text of added.slice(j)) blocks.push({ kind: 'added', text })
  return blocks
}

/** Item-by-item differences between two lists (paragraphs, key points, names), in order. */
export function diffLists(before: readonly string[], after: readonly string[]): DiffBlock[] {
  const changes = diffArrays([...before], [...after])
  const blocks: DiffBlock[] = []
  let removed: string[] = []
  let added: string[] = []
  const flush = () => {
    blocks.push(...pairReplacements(removed, added))
    removed = []
    added = []
  }
  for (const change of changes) {
    if (change.removed) removed.push(...change.value)
    else if (change.added) added.push(...change.value)
    else {
      flush()
      for (const text of change.value) blocks.push({ kind: 'same', text })
    }
  }
  flush()
  return blocks
}

/** A body's paragraphs: split at blank lines, trimmed, empty ones dropped. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
}

/**
 * Paragraph-level differences between two bodies (paragraphs split at blank
 * lines). A paragraph edited in place is one changed block with its words
 * marked, which is how editors read a revision.
 */
export function diffParagraphs(before: string, after: string): DiffBlock[] {
  return diffLists(splitParagraphs(before), splitParagraphs(after))
}

/**
 * Keeps `context` unchanged blocks either side of each change and gathers
 * every longer run of unchanged blocks into one `unchanged` block, so that a
 * long body shows its changes, not its whole text. A run shorter than
 * `minRun` stays as it is: a marker would take as much room as the text.
 */
export function collapseUnchanged(
  blocks: readonly DiffBlock[],
  { context = 1, minRun = 2 }: { context?: number; minRun?: number } = {},
): DisplayBlock[] {
  const shown = blocks.map((block) => block.kind !== 'same')
  blocks.forEach((block, index) => {
    if (block.kind === 'same') return
    for (let near = index - context; near <= index + context; near++) {
      if (near >= 0 && near < blocks.length) shown[near] = true
    }
  })
  const display: DisplayBlock[] = []
  let run: string[] = []
  const flush = () => {
    if (run.length >= minRun) display.push({ kind: 'unchanged', texts: run })
    else for (const text of run) display.push({ kind: 'same', text })
    run = []
  }
  blocks.forEach((block, index) => {
    if (!shown[index] && block.kind === 'same') {
      run.push(block.text)
      return
    }
    flush()
    display.push(block)
  })
  flush()
  return display
}
