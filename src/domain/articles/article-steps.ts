// What a save and a workflow move do to an article, as pure functions: each
// makes the next version. A write applies one or both, then commits them
// together (article-writes.ts, commitSteps).
import type { Actor } from '../access/policy.js'
import type { AuditAction } from '../audit/audit.js'
import { recordAudit } from '../audit/record-audit.js'
import { ValidationError } from '../errors.js'
import type { Stores } from '../unit-of-work.js'
import { ARTICLE_LIMITS, assertPublishable, type Article, type Correction } from './article.js'
import type { ResolvedInput } from './article-input.js'
import type { Step, WriteDeps } from './article-writes.js'
import { nextStatus, TRANSITIONS, type Transition } from './workflow.js'

/** The correction note to keep, '' for none; ValidationError when it cannot be one. */
export function correctionNote(article: Article, correction: string | undefined): string {
  const note = (correction ?? '').trim()
  if (note !== '' && article.status !== 'published') {
    throw new ValidationError(
      'correction_not_published',
      'A correction note is for published articles.',
      { field: 'correction' },
    )
  }
  if (note.length > ARTICLE_LIMITS.correction) {
    throw new ValidationError(
      'correction_too_long',
      `A correction note has at most ${ARTICLE_LIMITS.correction} characters.`,
      { field: 'correction' },
    )
  }
  return note
}

/** The article with the writer's fields, one version on; a correction is added to its list. */
export function editStep(
  article: Article,
  input: ResolvedInput,
  { now, note, correction }: { now: Date; note: string; correction?: Correction },
): Step {
  return {
    article: {
      ...article,
      ...input,
      corrections: correction ? [...article.corrections, correction] : article.corrections,
      updatedAt: now,
      version: article.version + 1,
    },
    note,
  }
}

/**
 * The article after a workflow move, one version on. The move's legality and
 * the actor's right to make it are checked before (workflow.ts, assertMayMove);
 * here are the rules of what goes out: a time in the future, body text and a byline.
 */
export function moveStep(
  article: Article,
  transition: Transition,
  { now, at }: { now: Date; at: Date | undefined },
): Step {
  const next: Article = {
    ...article,
    status: nextStatus(article.status, transition),
    updatedAt: now,
    version: article.version + 1,
  }
  if (transition === 'schedule') {
    if (!at || at.getTime() <= now.getTime()) {
      throw new ValidationError('schedule_in_past', 'Choose a publication time in the future.', {
        field: 'scheduledFor',
      })
    }
    assertPublishable(article)
    next.scheduledFor = at
  } else if (transition === 'publish') {
    assertPublishable(article)
    // A story that went out before keeps its first publication time; the page says "Updated".
    next.publishedAt = article.publishedAt ?? now
    next.scheduledFor = null
  } else if (transition === 'unschedule') {
    next.scheduledFor = null
  }
  return { article: next, note: TRANSITIONS[transition].label }
}

const AUDITED: Partial<Record<Transition, AuditAction>> = {
  publish: 'article_published',
  schedule: 'article_scheduled',
  unpublish: 'article_unpublished',
}

/** Puts the moves the audit log keeps (publishing, scheduling, unpublishing) on it. */
export async function auditMove(
  stores: Stores,
  deps: WriteDeps,
  { actor, transition, article }: { actor: Actor; transition: Transition; article: Article },
): Promise<void> {
  const action = AUDITED[transition]
  if (!action) return
  const details =
    transition === 'schedule' && article.scheduledFor
      ? `for ${article.scheduledFor.toISOString()}`
      : ''
  await recordAudit(stores.audit, deps, { actor, action, subject: article.headline, details })
}
