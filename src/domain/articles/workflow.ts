import { can, isOwner, type Actor } from '../access/policy.js'
import { ConflictError, ForbiddenError } from '../errors.js'
import type { ArticleStatus } from './article.js'

export type Transition = 'submit' | 'return' | 'schedule' | 'unschedule' | 'publish' | 'unpublish'

interface TransitionRule {
  from: readonly ArticleStatus[]
  to: ArticleStatus
  label: string
  /** Contributors may make this move on their own articles; the rest need articles:publish. */
  byOwner: boolean
}

/**
 * The editorial workflow: draft → in review → scheduled or published →
 * unpublished, and the ways back. Every legal move is listed here.
 */
export const TRANSITIONS: Record<Transition, TransitionRule> = {
  submit: { from: ['draft'], to: 'in_review', label: 'Submit for review', byOwner: true },
  return: { from: ['in_review'], to: 'draft', label: 'Return to draft', byOwner: true },
  schedule: {
    // From scheduled too: choosing a new time is scheduling again.
    from: ['draft', 'in_review', 'scheduled', 'unpublished'],
    to: 'scheduled',
    label: 'Schedule',
    byOwner: false,
  },
  unschedule: { from: ['scheduled'], to: 'draft', label: 'Unschedule', byOwner: false },
  publish: {
    from: ['draft', 'in_review', 'scheduled', 'unpublished'],
    to: 'published',
    label: 'Publish now',
    byOwner: false,
  },
  unpublish: { from: ['published'], to: 'unpublished', label: 'Unpublish', byOwner: false },
}

export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as Transition[]

export function isTransition(value: string): value is Transition {
  return Object.hasOwn(TRANSITIONS, value)
}

/** The status a transition leads to; ConflictError when it is not legal from `from`. */
export function nextStatus(from: ArticleStatus, transition: Transition): ArticleStatus {
  const rule = TRANSITIONS[transition]
  if (!rule.from.includes(from)) {
    throw new ConflictError(
      'illegal_transition',
      `"${rule.label}" is not possible for an article that is ${from.replace('_', ' ')}.`,
    )
  }
  return rule.to
}

/** Whether the actor may make this move on this article (legality aside). */
export function canMakeTransition(
  actor: Actor,
  article: { status: string; createdBy: string | null },
  transition: Transition,
): boolean {
  if (can(actor, 'articles:publish')) return true
  return TRANSITIONS[transition].byOwner && isOwner(actor, article)
}

/**
 * The status a move leads to, when this actor may make it on this article now:
 * ForbiddenError when their role may not, ConflictError when the article's
 * status does not allow it. Every move is checked here before anything is written.
 */
export function assertMayMove(
  actor: Actor,
  article: { status: ArticleStatus; createdBy: string | null },
  transition: Transition,
): ArticleStatus {
  if (!canMakeTransition(actor, article, transition)) {
    throw new ForbiddenError(
      'forbidden',
      `Your role (${actor.role}) cannot "${TRANSITIONS[transition].label}".`,
    )
  }
  return nextStatus(article.status, transition)
}

/** The moves open to this actor on this article now, for the editor's buttons. */
export function availableTransitions(
  actor: Actor,
  article: { status: ArticleStatus; createdBy: string | null },
): Transition[] {
  return TRANSITION_NAMES.filter(
    (name) =>
      TRANSITIONS[name].from.includes(article.status) && canMakeTransition(actor, article, name),
  )
}
