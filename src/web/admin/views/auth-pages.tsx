import { Fragment } from 'preact'
import type { Problem } from '../../plugins/problems.js'
import type { FormValues } from '../../plugins/request-parsing.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, ProblemBanner } from './form-parts.js'

/** Hidden inputs that carry a form's values through sign-in, for replay afterwards. */
function ReplayFields({ values, prefix }: { values: FormValues; prefix: string }) {
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

export const REPLAY_PREFIX = 'replay:'

export function LoginPage({
  email = '',
  next = '/admin',
  problem,
  replay,
}: {
  email?: string
  next?: string
  problem?: Problem
  /** A form that was refused for want of a session: its action and values. */
  replay?: { action: string; values: FormValues }
}) {
  return (
    <div class="narrow">
      <h1>{replay ? 'Sign in again to save your work' : 'Sign in to the newsroom'}</h1>
      {replay && (
        <p>
          Your session ended before this could be saved. Nothing is lost: sign in and you will be
          able to send it again. What you typed is below too.
        </p>
      )}
      <ProblemBanner problem={problem} />
      <form method="post" action="/admin/login" class="stack-form">
        <CsrfField />
        <input type="hidden" name="next" value={next} />
        {replay && (
          <>
            <input type="hidden" name="replay_to" value={replay.action} />
            <ReplayFields values={replay.values} prefix={REPLAY_PREFIX} />
          </>
        )}
        <Field id="email" label="Email" problem={problem}>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email}
            aria-describedby={describedBy('email', { problem })}
          />
        </Field>
        <Field id="password" label="Password" problem={problem}>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </Field>
        <button type="submit">Sign in</button>
      </form>
      {replay && <TypedValues values={replay.values} />}
    </div>
  )
}

/** The user's words, shown so they can be copied even if signing in fails. */
function TypedValues({ values }: { values: FormValues }) {
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

/** After signing in again: one button sends the saved-up form, with a fresh token. */
export function ContinuePage({ action, values }: { action: string; values: FormValues }) {
  return (
    <div class="narrow">
      <h1>You are signed in</h1>
      <p>Your changes have not been saved yet. Send them now:</p>
      <form method="post" action={action}>
        <CsrfField />
        <ReplayFields values={values} prefix="" />
        <button type="submit">Save my changes</button>
      </form>
      <TypedValues values={values} />
    </div>
  )
}

export function AccountPage({ problem, saved }: { problem?: Problem; saved?: boolean }) {
  return (
    <div class="narrow">
      <h1>Your account</h1>
      {saved && (
        <p class="notice-ok" role="status">
          Your password has been changed. Your other sessions have been signed out.
        </p>
      )}
      <ProblemBanner problem={problem} />
      <form method="post" action="/admin/account/password" class="stack-form">
        <CsrfField />
        <h2>Change your password</h2>
        <Field id="current" label="Current password" problem={problem}>
          <input
            id="current"
            name="current"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby={describedBy('current', { problem })}
          />
        </Field>
        <Field
          id="next"
          label="New password"
          hint="At least 10 characters. A few unrelated words make a strong one."
          problem={problem}
        >
          <input
            id="next"
            name="next"
            type="password"
            autocomplete="new-password"
            required
            minLength={10}
            aria-describedby={describedBy('next', { hint: true, problem })}
          />
        </Field>
        <button type="submit">Change password</button>
      </form>
    </div>
  )
}

export function AdminProblemPage({ problem }: { problem: Problem }) {
  const title =
    problem.status === 404
      ? 'Not found'
      : problem.status === 403
        ? 'Not allowed'
        : problem.status === 409
          ? 'Not possible now'
          : 'That did not work'
  return (
    <div class="narrow">
      <h1>{title}</h1>
      <p>{problem.message}</p>
      <p>
        <a href="/admin">Back to the dashboard</a>
      </p>
    </div>
  )
}
