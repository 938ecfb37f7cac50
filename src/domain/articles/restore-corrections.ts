// A restore that goes back past a published correction would bring the error
// back under the correction's note. What each correction changed is carried
// over to the restored fields instead, unless the editor chooses otherwise.
import { reapplyEdit, reapplyValue } from '../../text/reapply-edit.js'
import type { Correction } from './article.js'
import type { Revision, RevisionFields } from './revision.js'

/** A correction, and the saves just before and at it: what it changed. */
export interface CorrectionEdit {
  correction: Correction
  before: Revision
  made: Revision
}

/** The note a correcting save leaves in the history (article-change.ts). */
export const correctionNoteOf = (correction: Pick<Correction, 'note'>): string =>
  `Corrected: ${correction.note}`

/**
 * The corrections made after `version`, each with the save that made it and
 * the one before, oldest first: what restoring `version` would undo.
 */
export function correctionsAfter(
  revisions: readonly Revision[],
  corrections: readonly Correction[],
  version: number,
): CorrectionEdit[] {
  const byVersion = [...revisions].sort((a, b) => a.version - b.version)
  const used = new Set<number>()
  const edits: CorrectionEdit[] = []
  for (const correction of corrections) {
    const made = byVersion.find(
      (revision) => !used.has(revision.version) && revision.note === correctionNoteOf(correction),
    )
    if (!made) continue
    used.add(made.version)
    const before = byVersion.find((revision) => revision.version === made.version - 1)
    if (made.version > version && before) edits.push({ correction, before, made })
  }
  return edits.sort((a, b) => a.made.version - b.made.version)
}

/** An old version's fields with each correction's change made to them again, where they still had it. */
export function keepCorrections(
  fields: RevisionFields,
  edits: readonly CorrectionEdit[],
): RevisionFields {
  let kept = fields
  for (const { before, made } of edits) {
    const carry = <K extends 'headline' | 'standfirst' | 'dateline' | 'keyPoints'>(key: K) =>
      reapplyValue(before.fields[key], made.fields[key], kept[key])
    kept = {
      ...kept,
      headline: carry('headline'),
      standfirst: carry('standfirst'),
      dateline: carry('dateline'),
      keyPoints: carry('keyPoints'),
      body: reapplyEdit(before.fields.body, made.fields.body, kept.body),
    }
  }
  return kept
}
