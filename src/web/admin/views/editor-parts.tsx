import { ARTICLE_LIMITS, type Correction } from '../../../domain/articles/article.js'
import type { EditorRights } from '../../../domain/articles/article-access.js'
import { TRANSITIONS } from '../../../domain/articles/workflow.js'
import { MAX_AUTHOR_NAME_LENGTH } from '../../../domain/people/author.js'
import { useSite } from '../../ui/site.js'
import { DateTime } from '../../ui/date-time.js'
import type { EditorValues, KeyPointSuggestion } from '../editor-values.js'
import type { Problem } from '../../plugins/problems.js'
import { describedBy, Field } from './form-parts.js'
import { bodyWarnings } from '../../../text/rich-text/body-warnings.js'

/** The At a glance field, with its Suggest button and what Suggest did. */
export function KeyPointsField({
  values,
  problem,
  suggestion,
}: {
  values: EditorValues
  problem?: Problem
  suggestion?: KeyPointSuggestion
}) {
  return (
    <Field
      id="keyPoints"
      label="At a glance"
      hint={`Key points, one per line, up to ${ARTICLE_LIMITS.keyPoints}. Suggest proposes sentences from the body; check and edit them before you save.`}
      problem={problem}
    >
      <textarea
        id="keyPoints"
        name="key_points"
        rows={5}
        aria-describedby={describedBy('keyPoints', { hint: true, problem })}
      >
        {values.keyPoints}
      </textarea>
      <div class="suggest">
        <button
          type="submit"
          name="intent"
          value="suggest"
          class="secondary"
          data-suggest="/admin/key-points/suggest"
        >
          Suggest key points
        </button>
        <p class="suggest-status" id="suggest-status" role="status" aria-live="polite">
          {suggestion &&
            (suggestion.count === 0
              ? 'The body has no sentences to suggest key points from yet.'
              : `Suggested ${suggestion.count} key points from the body. Nothing is saved until you save.`)}
        </p>
      </div>
      {suggestion && suggestion.count > 0 && suggestion.previous.length > 0 && (
        <details class="previous-key-points">
          <summary>Your key points before the suggestion</summary>
          <ul>
            {suggestion.previous.map((point, index) => (
              <li key={index}>{point}</li>
            ))}
          </ul>
        </details>
      )}
    </Field>
  )
}

/** The byline inputs, one more than there are names (and at least three). */
export function Bylines({ values, problem }: { values: EditorValues; problem?: Problem }) {
  const count = Math.max(values.bylines.length + 1, 3)
  return (
    <fieldset
      class={problem?.field === 'bylines' ? 'bylines has-error' : 'bylines'}
      aria-describedby="bylines-hint"
    >
      <legend>Bylines</legend>
      <p class="hint" id="bylines-hint">
        In the order they appear. Choose a name or type a new one.
      </p>
      {problem?.field === 'bylines' && <p class="field-error">{problem.message}</p>}
      <ol class="byline-inputs">
        {Array.from({ length: count }, (_, index) => (
          <li key={index}>
            <label class="visually-hidden" for={`byline-${index}`}>
              Byline {index + 1}
            </label>
            <input
              id={`byline-${index}`}
              name="byline"
              list="author-names"
              value={values.bylines[index] ?? ''}
              maxLength={MAX_AUTHOR_NAME_LENGTH}
            />
          </li>
        ))}
      </ol>
    </fieldset>
  )
}

/** Save, the workflow moves open now, and Schedule with its time. */
export function Actions({
  rights: { transitions, canEdit },
  values,
  problem,
}: {
  rights: EditorRights
  values: EditorValues
  problem?: Problem
}) {
  const { timeZone } = useSite()
  const others = transitions.filter((name) => name !== 'schedule')
  return (
    <>
      <div class="actions">
        {canEdit && (
          <button type="submit" name="intent" value="save" class="primary">
            Save
          </button>
        )}
        {others.map((name) => (
          <button
            key={name}
            type="submit"
            name="intent"
            value={name}
            class={name === 'publish' ? 'publish' : undefined}
            data-confirm={
              name === 'unpublish'
                ? 'Unpublish this story? It comes off the site at once; you can publish it again later.'
                : undefined
            }
          >
            {TRANSITIONS[name].label}
          </button>
        ))}
      </div>
      {transitions.includes('schedule') && (
        <div class="schedule">
          <Field
            id="scheduledFor"
            label="Publication time"
            hint={`In the site's time zone, ${timeZone}: the time its clocks will show, summer or winter.`}
            problem={problem}
          >
            <input
              id="scheduledFor"
              name="scheduled_for"
              type="datetime-local"
              value={values.scheduledFor}
              aria-describedby={describedBy('scheduledFor', { hint: true, problem })}
            />
          </Field>
          <button type="submit" name="intent" value="schedule">
            Schedule
          </button>
        </div>
      )}
    </>
  )
}

/** The corrections readers see with the article, oldest first. */
export function CorrectionsList({ corrections }: { corrections: readonly Correction[] }) {
  if (corrections.length === 0) return null
  return (
    <section aria-labelledby="corrections-title" class="corrections-list">
      <h2 id="corrections-title">Corrections shown to readers</h2>
      <ul>
        {corrections.map((correction) => (
          <li key={correction.id}>
            <DateTime date={correction.createdAt} withTime />: {correction.note}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** What readers would not get as written, shown before saving (the rich-text editor shows its own, live). */
export function BodyWarnings({ body }: { body: string }) {
  const warnings = bodyWarnings(body)
  if (warnings.length === 0) return null
  return (
    <ul class="body-warnings" data-server-warnings>
      {warnings.map((warning) => (
        <li key={warning}>{warning}</li>
      ))}
    </ul>
  )
}
