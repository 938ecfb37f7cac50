import { MAX_COMMENT_DAYS } from '../../../domain/settings/settings-service.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, ProblemBanner } from './form-parts.js'
import { TwoFactorRequirementForm } from './two-factor-pages.js'
import type { ComponentChildren } from 'preact'

/** Site settings an admin changes in the newsroom; today, how comments work. */
export function SettingsPage({
  values,
  problem,
  saved,
  twoFactorRequired,
  identity,
}: {
  /** The site's identity form, rendered by the caller (it has its own problem). */
  identity?: ComponentChildren
  values: { mode: string; days: string; moderation: string; blockedWords: string }
  problem?: Problem
  saved?: boolean
  twoFactorRequired: boolean
}) {
  return (
    <div class="narrow">
      <h1>Settings</h1>
      {saved && (
        <p class="notice-ok" role="status">
          Saved.
        </p>
      )}
      {identity}
      <ProblemBanner problem={problem} />
      <form method="post" action="/admin/settings/comments" class="stack-form">
        <CsrfField />
        <h2>Comments</h2>
        <fieldset class="field">
          <legend>Readers may comment</legend>
          {[
            { value: 'open', label: 'On every article' },
            { value: 'days', label: 'For a number of days after publication' },
            { value: 'closed', label: 'Nowhere' },
          ].map((option) => (
            <label key={option.value} class="choice">
              <input
                type="radio"
                name="mode"
                value={option.value}
                checked={values.mode === option.value}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
        <Field id="days" label="Days comments stay open" problem={problem}>
          <input
            id="days"
            name="days"
            type="number"
            min={1}
            max={MAX_COMMENT_DAYS}
            value={values.days}
            aria-describedby={describedBy('days', { problem })}
          />
        </Field>
        <fieldset class="field">
          <legend>Moderation</legend>
          <label class="choice">
            <input
              type="radio"
              name="moderation"
              value="pre"
              checked={values.moderation === 'pre'}
            />{' '}
            Every comment waits for a moderator
          </label>
          <label class="choice">
            <input
              type="radio"
              name="moderation"
              value="post"
              checked={values.moderation === 'post'}
            />{' '}
            Comments from people approved before appear at once; first comments wait
          </label>
        </fieldset>
        <Field
          id="blockedWords"
          label="Blocked words"
          hint="One per line. A comment containing one of these words is refused, and the reader is told which."
          problem={problem}
        >
          <textarea
            id="blockedWords"
            name="blocked_words"
            rows={6}
            aria-describedby={describedBy('blockedWords', { hint: true, problem })}
          >
            {values.blockedWords}
          </textarea>
        </Field>
        <p class="hint">
          An article can override the site's rule: open or close its comments in the editor.
        </p>
        <button type="submit" class="primary">
          Save settings
        </button>
      </form>
      <TwoFactorRequirementForm required={twoFactorRequired} />
    </div>
  )
}
