import { CodeField } from './two-factor-pages.js'
import { USER_LIMITS } from '../../../domain/accounts/user.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, ProblemBanner } from './form-parts.js'
import {
  REPLAY_PREFIX,
  ReplayFields,
  ReplayNotice,
  TypedValues,
  type Replay,
} from './replay-pages.js'

/** Kept through sign-in: where to go after it, and any form to send again. */
function CarriedFields({ next, replay }: { next: string; replay: Replay | undefined }) {
  return (
    <>
      <input type="hidden" name="next" value={next} />
      {replay && (
        <>
          <input type="hidden" name="replay_to" value={replay.action} />
          <ReplayFields values={replay.values} prefix={REPLAY_PREFIX} />
        </>
      )}
    </>
  )
}

export function LoginPage({
  email = '',
  next = '/admin',
  problem,
  replay,
}: {
  email?: string
  next?: string
  problem?: Problem
  /** A form that was refused for want of a session: its action, values and what it does. */
  replay?: Replay
}) {
  return (
    <div class="narrow">
      <h1>{replay ? 'Sign in again to save your work' : 'Sign in to the newsroom'}</h1>
      {replay && (
        <>
          <p>
            Your session ended before this could be sent. Nothing is lost: sign in and you will be
            able to send it again. What you typed is below too.
          </p>
          <ReplayNotice summary={replay.summary} />
        </>
      )}
      <ProblemBanner problem={problem} />
      <form method="post" action="/admin/login" class="stack-form">
        <CsrfField />
        <CarriedFields next={next} replay={replay} />
        <Field id="email" label="Email" problem={problem}>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            maxLength={USER_LIMITS.email}
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
            maxLength={USER_LIMITS.signInPasswordMax}
          />
        </Field>
        <button type="submit">Sign in</button>
      </form>
      {replay && <TypedValues values={replay.values} />}
    </div>
  )
}

/** The second step of signing in, for those with two-factor sign-in on. */
export function CodePage({
  next = '/admin',
  problem,
  replay,
}: {
  next?: string
  problem?: Problem
  replay?: Replay
}) {
  return (
    <div class="narrow">
      <h1>Enter your code</h1>
      <p>
        Open your authenticator app and type the 6-digit code it shows for this site. If you do not
        have your phone, type one of your recovery codes instead.
      </p>
      <ProblemBanner problem={problem} />
      <form method="post" action="/admin/login/code" class="stack-form">
        <CsrfField />
        <CarriedFields next={next} replay={replay} />
        <CodeField label="Code" problem={problem} />
        <button type="submit">Sign in</button>
      </form>
      <p>
        <a href="/admin/login">Start again</a>
      </p>
      {replay && <TypedValues values={replay.values} />}
    </div>
  )
}

export function AccountPage({
  problem,
  saved,
  twoFactorOn,
}: {
  problem?: Problem
  saved?: boolean
  twoFactorOn: boolean
}) {
  return (
    <div class="narrow">
      <h1>Your account</h1>
      <p>
        <a href="/admin/account/profile">Your profile</a>: the name, biography, photo and links
        readers see on your author page.
      </p>
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
          hint={`At least ${USER_LIMITS.passwordMin} characters, and not a common one. A few unrelated words make a strong one.`}
          problem={problem}
        >
          <input
            id="next"
            name="next"
            type="password"
            autocomplete="new-password"
            required
            minLength={USER_LIMITS.passwordMin}
            maxLength={USER_LIMITS.passwordMax}
            aria-describedby={describedBy('next', { hint: true, problem })}
          />
        </Field>
        <button type="submit">Change password</button>
      </form>
      <h2>Two-factor sign-in</h2>
      <p>
        {twoFactorOn
          ? 'On: signing in asks for a code from your authenticator app.'
          : 'Off: signing in asks for your password only.'}{' '}
        <a href="/admin/account/two-factor">
          {twoFactorOn ? 'Manage two-factor sign-in' : 'Set up two-factor sign-in'}
        </a>
      </p>
      <h2>API tokens</h2>
      <p>
        For programs that use the Admin API as you.{' '}
        <a href="/admin/account/tokens">Your API tokens</a>
      </p>
    </div>
  )
}

export function AdminProblemPage({
  problem,
  link = { href: '/admin', text: 'Back to the dashboard' },
}: {
  problem: Problem
  link?: { href: string; text: string }
}) {
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
        <a href={link.href}>{link.text}</a>
      </p>
    </div>
  )
}
