import type {
  TwoFactorSetup,
  TwoFactorStatus,
} from '../../../domain/accounts/two-factor-service.js'
import { groupedSecret } from '../../../domain/accounts/two-factor.js'
import type { User } from '../../../domain/accounts/user.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, Notice, ProblemBanner } from './form-parts.js'

/** A code from an authenticator app (or a recovery code, where one is taken). */
export function CodeField({
  problem,
  label = 'The 6-digit code your app shows',
}: {
  problem: Problem | undefined
  label?: string
}) {
  return (
    <Field id="code" label={label} problem={problem}>
      <input
        id="code"
        name="code"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        required
        maxLength={40}
        aria-describedby={describedBy('code', { problem })}
      />
    </Field>
  )
}

/** Setting up: the secret for the app, as text (nothing here needs the network), then a first code. */
function SetupSteps({ setup, problem }: { setup: TwoFactorSetup; problem?: Problem }) {
  return (
    <section aria-labelledby="setup-title">
      <h2 id="setup-title">Add this site to your authenticator app</h2>
      <ol>
        <li>
          In your app (any TOTP app: Aegis, FreeOTP, Google Authenticator, 1Password…), add an
          account by hand and type this key:
          <p>
            <code class="secret-key">{groupedSecret(setup.secret)}</code>
          </p>
          Or, if your app takes an address, paste this one:
          <p>
            <code class="otpauth-uri">{setup.uri}</code>
          </p>
        </li>
        <li>Type the code the app then shows, to confirm it works.</li>
      </ol>
      <form method="post" action="/admin/account/two-factor/confirm" class="stack-form">
        <CsrfField />
        <CodeField problem={problem} />
        <button type="submit" class="primary">
          Turn on two-factor sign-in
        </button>
      </form>
    </section>
  )
}

function WhenOn({ status, problem }: { status: TwoFactorStatus; problem?: Problem }) {
  return (
    <>
      <p>
        Two-factor sign-in is <strong>on</strong>. You have {status.recoveryCodesLeft} unused
        recovery code{status.recoveryCodesLeft === 1 ? '' : 's'}.
      </p>
      <form method="post" action="/admin/account/two-factor/recovery-codes">
        <CsrfField />
        <p>New recovery codes replace the old ones, used or not.</p>
        <button type="submit">Make new recovery codes</button>
      </form>
      <form method="post" action="/admin/account/two-factor/disable" class="stack-form">
        <CsrfField />
        <h2>Turn it off</h2>
        {status.required && (
          <p>This site requires it for your role: you will be asked to set it up again.</p>
        )}
        <Field id="password" label="Your password" problem={problem}>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby={describedBy('password', { problem })}
          />
        </Field>
        <button type="submit" class="danger">
          Turn off two-factor sign-in
        </button>
      </form>
    </>
  )
}

/** Your account's second factor: on and its codes, off and how to set it up, or being set up. */
export function TwoFactorPage({
  status,
  setup,
  problem,
  notice,
}: {
  status: TwoFactorStatus
  setup?: TwoFactorSetup | undefined
  problem?: Problem
  notice?: string | undefined
}) {
  return (
    <div class="narrow">
      <p class="breadcrumb">
        <a href="/admin/account">Your account</a>
      </p>
      <h1>Two-factor sign-in</h1>
      <Notice notice={notice} />
      {status.required && !status.on && (
        <p class="warning">
          This site requires two-factor sign-in for your role. Set it up to carry on.
        </p>
      )}
      <ProblemBanner problem={problem} />
      {status.on ? (
        <WhenOn status={status} problem={problem} />
      ) : setup ? (
        <SetupSteps setup={setup} problem={problem} />
      ) : (
        <form method="post" action="/admin/account/two-factor/setup">
          <CsrfField />
          <p>
            With two-factor sign-in, signing in asks for your password and a code from an app on
            your phone. Someone who learns your password cannot sign in without the phone.
          </p>
          <button type="submit" class="primary">
            Set up two-factor sign-in
          </button>
        </form>
      )}
    </div>
  )
}

/** Recovery codes, shown once: each signs in once in place of a code from the app. */
export function RecoveryCodesPage({ codes, first }: { codes: readonly string[]; first: boolean }) {
  return (
    <div class="narrow">
      <h1>{first ? 'Two-factor sign-in is on' : 'New recovery codes'}</h1>
      <div class="one-time">
        <p class="warning">
          <strong>Keep these recovery codes somewhere safe: they are not shown again.</strong> Each
          one signs you in once if you lose your phone.
          {!first && ' The old codes no longer work.'}
        </p>
        <ul class="recovery-codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
      </div>
      <p>
        <a href="/admin">Go to the dashboard</a>
      </p>
    </div>
  )
}

/** Admins: whether editors and admins must use two-factor sign-in. */
export function TwoFactorRequirementForm({ required }: { required: boolean }) {
  return (
    <form method="post" action="/admin/settings/two-factor" class="stack-form">
      <CsrfField />
      <h2>Two-factor sign-in</h2>
      <fieldset class="field">
        <legend>For editors and admins</legend>
        <label class="choice">
          <input type="radio" name="required" value="yes" checked={required} /> Required: they are
          sent to set it up after signing in with their password
        </label>
        <label class="choice">
          <input type="radio" name="required" value="no" checked={!required} /> Optional
        </label>
      </fieldset>
      <button type="submit">Save</button>
    </form>
  )
}

/** On a user's page: whether they have it on, and a way to turn it off for them. */
export function UserTwoFactor({ user, on }: { user: User; on: boolean }) {
  return (
    <section class="account-actions" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor sign-in</h2>
      {on ? (
        <form method="post" action={`/admin/users/${user.id}/two-factor/reset`}>
          <CsrfField />
          <p>
            On. If {user.displayName} has lost their phone and their recovery codes, turn it off;
            they can set it up again after signing in.
          </p>
          <button type="submit" class="danger">
            Turn off two-factor sign-in
          </button>
        </form>
      ) : (
        <p>Off.</p>
      )}
    </section>
  )
}
