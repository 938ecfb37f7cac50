// One change to an article, as the editor's buttons make it: the writer's
// fields saved, then a workflow move, in one transaction and one update.
// Everything that can refuse the move is checked before anything is written,
// and a step that fails undoes the steps before it.
import { canEditArticle, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Stores } from '../unit-of-work.js'
import type { Article, Correction } from './article.js'
import { assertAutosaved, assertEditable, visibleArticle } from './article-access.js'
import { resolveInput, type ArticleInput } from './article-input.js'
import { auditMove, correctionNote, editStep, moveStep } from './article-steps.js'
import {
  assertCurrentVersion,
  commitSteps,
  hasWriterChanges,
  type Step,
  type WriteDeps,
} from './article-writes.js'
import { correctionNoteOf } from './restore-corrections.js'
import { assertMayMove, type Transition } from './workflow.js'

export interface ArticleChange {
  actor: Actor
  id: string
  /** The writer's fields. Absent: a move alone, of the article as it stands. */
  input?: ArticleInput
  /** The version the writer (or a move) started from; absent for the scheduler. */
  baseVersion?: number
  /** A correction note, for a published article: readers see it. */
  correction?: string
  /** A workflow move, made after the save. */
  move?: Transition
  /**
   * For `schedule`: when it goes out. Asked only once the move is allowed, so
   * that a move the actor may not make is refused as such, whatever the time.
   */
  at?: () => Date | undefined
  /** Saved by the editor's script as the writer types: never a published article. */
  autosave?: boolean
}

/** The article as it was read, and as the change left it (the same object when nothing changed). */
export interface ChangeOutcome {
  before: Article
  after: Article
}

/**
 * Saves the writer's fields, then makes the move, each as one version, inside
 * the caller's transaction. A stale `baseVersion` is StaleEditError; a save
 * that changes nothing makes no version.
 */
export async function changeArticle(
  tx: Stores,
  deps: WriteDeps,
  change: ArticleChange,
): Promise<ChangeOutcome> {
  const { actor, input, move } = change
  const before = await visibleArticle(tx, actor, change.id)
  if (change.autosave) assertAutosaved(before)
  if (move) assertMayMove(actor, before, move)
  const at = move === 'schedule' ? change.at?.() : undefined
  const now = deps.clock.now()
  const steps: Step[] = []
  let correction: Correction | undefined
  // The fields are saved first, so that "Publish" publishes what is on screen. With a
  // move, someone who may not change the fields (a writer whose story is in review)
  // makes the move alone; a save alone by them is refused, never skipped.
  if (input && (!move || canEditArticle(actor, before))) {
    assertEditable(actor, before)
    if (change.baseVersion !== undefined) await assertCurrentVersion(tx, before, change.baseVersion)
    const note = correctionNote(before, change.correction)
    const resolved = await resolveInput(tx, input, { newId: deps.newId, current: before })
    if (note !== '') correction = { id: deps.newId(), note, createdAt: now }
    if (correction || hasWriterChanges(before, resolved)) {
      steps.push(
        editStep(before, resolved, {
          now,
          note: correction ? correctionNoteOf(correction) : 'Saved',
          correction,
        }),
      )
    }
  } else if (!input && change.baseVersion !== undefined) {
    await assertCurrentVersion(tx, before, change.baseVersion)
  }
  if (move) steps.push(moveStep(steps.at(-1)?.article ?? before, move, { now, at }))

  const after = await commitSteps(tx, deps, { before, steps, by: actor })
  if (correction) {
    await tx.articles.insertCorrection(after.id, { ...correction, createdBy: actor.id })
    await recordAudit(tx.audit, deps, {
      actor,
      action: 'article_corrected',
      subject: after.headline,
      details: correction.note,
    })
  }
  if (move) await auditMove(tx, deps, { actor, transition: move, article: after })
  return { before, after }
}

/** Whether readers may see what changed: the article was or is now published. */
export function isVisibleChange({ before, after }: ChangeOutcome): boolean {
  return before !== after && (before.status === 'published' || after.status === 'published')
}
