import { Fragment } from 'preact'
import type { Problem } from '../../plugins/problems.js'
import type { FormValues } from '../../plugins/request-parsing.js'
import type { ReplaySummary } from '../replay-summary.js'
import { CsrfField } from './admin-layout.js'
import { Field, ProblemBanner } from './form-parts.js'

export const REPLAY_PREFIX = 'replay:'

/** A form kept to be sent again: where it goes, what it carries, and what it will do. */
export interface Replay {
  action: string
  values: FormValues
  summary: ReplaySummary
}

/** Hidden inputs that carry a form's values through sign-in, for replay afterwards. */
export function ReplayFields({ values, prefix }: { values: FormValues; prefix: string }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) =>
        name === '_csrf' || value === undefined
          ? null
          : (Array.isArray(value) ? value : [value]).map((item, index) => (
              <input
                key={`${name}-${index}`}
                type="hidden"
                name={`${prefix}${name}`}
                value={item}
              />
            )),
      )}
    </>
  )
}

/** The values a refused form carried, without their prefix. */
export function replayedValues(form: FormValues): FormValues {
  const values: FormValues = {}
  for (const [name, value] of Object.entries(form)) {
    if (name.startsWith(REPLAY_PREFIX)) values[name.slice(REPLAY_PREFIX.length)] = value
  }
  return values
}

/** The user's words, shown so they can be copied even if signing in fails. */
export function TypedValues({ values }: { values: FormValues }) {
  const shown = Object.entries(values).filter(
    ([name, value]) =>
      name !== '_csrf' && name !== 'version' && value && String(value).trim() !== '',
  )
  if (shown.length === 0) return null
  return (
    <details class="typed" open>
      <summary>What you typed</summary>
      <dl>
        {shown.map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>
              <pre>{Array.isArray(value) ? value.join('\n') : value}</pre>
            </dd>
          </Fragment>
        ))}
      </dl>
    </details>
  )
}

/** What sending it will do, said before anyone presses anything. */
export function ReplayNotice({ summary }: { summary: ReplaySummary }) {
  return (
    <p class="replay-summary">
      <strong>{summary.sentence}</strong>
    </p>
  )
}

/**
 * After signing in (or giving the password) again: one button sends the kept
 * form, with a fresh token, once the page has said what it will do.
 */
export function ContinuePage({ replay, heading }: { replay: Replay; heading: string }) {
  return (
    <div class="narrow">
      <h1>{heading}</h1>
      <p>Nothing has been sent yet.</p>
      <ReplayNotice summary={replay.summary} />
      <form method="post" action={replay.action}>
        <CsrfField />
        <ReplayFields values={replay.values} prefix="" />
        <button type="submit">{replay.summary.button}</button>
      </form>
      <TypedValues values={replay.values} />
    </div>
  )
}

/** A change that needs the password again: it is asked for, and the change kept meanwhile. */
export function ReauthPage({ replay, problem }: { replay: Replay; problem?: Problem }) {
  return (
    <div class="narrow">
      <h1>Confirm it is you</h1>
      <p>For this change, enter your password again. Nothing has been changed yet.</p>
      <ReplayNotice summary={replay.summary} />
      <ProblemBanner problem={problem} />
      <form method="post" action="/admin/reauth" class="stack-form">
        <CsrfField />
        <input type="hidden" name="replay_to" value={replay.action} />
        <ReplayFields values={replay.values} prefix={REPLAY_PREFIX} />
        <Field id="password" label="Your password" problem={problem}>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </Field>
        <button type="submit">Confirm</button>
      </form>
    </div>
  )
}
