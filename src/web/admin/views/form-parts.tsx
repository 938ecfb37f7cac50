import type { ComponentChildren } from 'preact'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'

/** The banner at the top of a form that went wrong: announced to screen readers at once. */
export function ProblemBanner({ problem }: { problem: Problem | undefined }) {
  if (!problem) return null
  return (
    <div class="problem" role="alert">
      <p>{problem.message}</p>
    </div>
  )
}

/** What a change just did ("Saved."), said once above the page's content. */
export function Notice({ notice }: { notice: string | undefined }) {
  if (!notice) return null
  return (
    <p class="notice-ok" role="status">
      {notice}
    </p>
  )
}

/** A labelled field whose error, when it is the field at fault, sits beside it. */
export function Field({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string
  label: string
  hint?: string
  problem?: Problem | undefined
  children: ComponentChildren
}) {
  const error = problem?.field === id ? problem.message : undefined
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children}
    </div>
  )
}

/** aria-describedby for a field's hint and error, as Field renders them. */
export function describedBy(
  id: string,
  { hint, problem }: { hint?: boolean; problem?: Problem },
): string | undefined {
  const ids = [hint ? `${id}-hint` : '', problem?.field === id ? `${id}-error` : ''].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}

/**
 * "Move up" and "Move down" for one row of an ordered list; `name` says which
 * row to a screen reader. The first row cannot go up, nor the last down.
 */
export function MoveButtons({
  action,
  name,
  index,
  count,
}: {
  action: string
  name: string
  index: number
  count: number
}) {
  return (
    <form method="post" action={action} class="move-buttons">
      <CsrfField />
      <button type="submit" name="direction" value="up" disabled={index === 0}>
        Move<span class="visually-hidden"> {name}</span> up
      </button>
      <button type="submit" name="direction" value="down" disabled={index === count - 1}>
        Move<span class="visually-hidden"> {name}</span> down
      </button>
    </form>
  )
}
