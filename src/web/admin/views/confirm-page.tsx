import type { ComponentChildren } from 'preact'
import type { Article, Correction } from '../../../domain/articles/article.js'
import type { Problem } from '../../plugins/problems.js'
import type { FormValues } from '../../plugins/request-parsing.js'
import { DateTime } from '../../ui/date-time.js'
import { CONFIRM_FIELD } from '../forms.js'
import { CsrfField } from './admin-layout.js'
import { ProblemBanner } from './form-parts.js'
import { ReplayFields } from './replay-pages.js'

export interface ConfirmPageProps {
  title: string
  /** Where the confirmed form goes, and what it carries (a replayed editor form, a version). */
  action: string
  values: FormValues
  confirmLabel: string
  cancel: { href: string; label: string }
  problem?: Problem | undefined
  /** What will happen, in words; and any choice to make before it does. */
  children: ComponentChildren
  choices?: ComponentChildren
}

/**
 * Asks before a step that readers would notice (unpublishing, restoring a
 * published story) or that cannot be undone (deleting). Works without
 * JavaScript; with it, assets/desk.js asks in a dialog and sends the same field.
 */
export function ConfirmPage(props: ConfirmPageProps) {
  const values = { ...props.values }
  delete values[CONFIRM_FIELD]
  return (
    <div class="narrow confirm-page">
      <h1>{props.title}</h1>
      <ProblemBanner problem={props.problem} />
      {props.children}
      <form method="post" action={props.action}>
        <CsrfField />
        <ReplayFields values={values} prefix="" />
        <input type="hidden" name={CONFIRM_FIELD} value="yes" />
        {props.choices}
        <p class="inline-actions">
          <button type="submit" class="danger">
            {props.confirmLabel}
          </button>
          <a href={props.cancel.href}>{props.cancel.label}</a>
        </p>
      </form>
    </div>
  )
}

/** The corrections a restore would undo, and the box that lets it. */
export function UndoneCorrections({ corrections }: { corrections: readonly Correction[] }) {
  if (corrections.length === 0) return null
  return (
    <div class="undone-corrections">
      <p>
        <strong>
          This version is from before{' '}
          {corrections.length === 1 ? 'a correction' : `${corrections.length} corrections`} readers
          have been shown:
        </strong>
      </p>
      <ul>
        {corrections.map((correction) => (
          <li key={correction.id}>
            <DateTime date={correction.createdAt} withTime />: {correction.note}
          </li>
        ))}
      </ul>
      <p>
        What the corrections changed stays as corrected, and the notes stay under the story.
        Everything else comes back as it was in this version.
      </p>
    </div>
  )
}

export function DropCorrectionsChoice() {
  return (
    <p class="check">
      <label>
        <input type="checkbox" name="drop_corrections" value="yes" /> Bring back this version's text
        exactly, undoing what the corrections changed (the notes stay)
      </label>
    </p>
  )
}

/** Unpublishing: what readers lose, asked before it happens. */
export function UnpublishConfirm({
  article,
  action,
  values,
  problem,
}: {
  article: Pick<Article, 'id' | 'headline'>
  action: string
  values: FormValues
  problem?: Problem | undefined
}) {
  return (
    <ConfirmPage
      title={`Unpublish “${article.headline}”?`}
      action={action}
      values={{ ...values, intent: 'unpublish' }}
      confirmLabel="Unpublish"
      cancel={{ href: `/admin/articles/${article.id}`, label: 'Keep it published' }}
      problem={problem}
    >
      <p>
        The story comes off the site at once: its page, its place on the home and section pages, in
        feeds, sitemaps and search. Readers who follow a link to it will find nothing. You can
        publish it again later; it keeps its first publication time.
      </p>
    </ConfirmPage>
  )
}
