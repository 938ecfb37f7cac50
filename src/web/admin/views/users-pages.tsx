import { ROLES, USER_LIMITS, type Role, type User } from '../../../domain/accounts/user.js'
import { DateTime } from '../../ui/date-time.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, Notice, ProblemBanner } from './form-parts.js'
import { UserTwoFactor } from './two-factor-pages.js'

export const ROLE_LABELS: Record<Role, string> = {
  contributor: 'Contributor',
  editor: 'Editor',
  admin: 'Admin',
}

const ROLE_HINT =
  'Contributors write and submit their own drafts. Editors edit, publish and correct any article. Admins also manage users, sections and the audit log.'

/** What the new-user and edit forms carry, as typed. */
export interface UserFormValues {
  email: string
  displayName: string
  role: string
}

function StatusBadge({ active }: { active: boolean }) {
  return active ? (
    <span class="status status-active">Active</span>
  ) : (
    <span class="status status-deactivated">Deactivated</span>
  )
}

function RoleSelect({ value, problem }: { value: string; problem?: Problem }) {
  return (
    <Field id="role" label="Role" hint={ROLE_HINT} problem={problem}>
      <select id="role" name="role" aria-describedby={describedBy('role', { hint: true, problem })}>
        {ROLES.map((role) => (
          <option key={role} value={role} selected={value === role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
    </Field>
  )
}

function NameField({ value, problem }: { value: string; problem?: Problem }) {
  return (
    <Field
      id="displayName"
      label="Name"
      hint="As it appears in bylines and in the newsroom."
      problem={problem}
    >
      <input
        id="displayName"
        name="displayName"
        type="text"
        required
        maxLength={USER_LIMITS.displayName}
        autocomplete="off"
        value={value}
        aria-describedby={describedBy('displayName', { hint: true, problem })}
      />
    </Field>
  )
}

/** Everyone with a newsroom account, by name. */
export function UsersPage({ users, you }: { users: readonly User[]; you: string | undefined }) {
  return (
    <>
      <div class="page-head">
        <h1>Users</h1>
        <a class="button" href="/admin/users/new">
          New user
        </a>
      </div>
      <table class="users">
        <caption class="visually-hidden">Newsroom accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} class={user.active ? undefined : 'inactive'}>
              <td>
                <a href={`/admin/users/${user.id}`}>{user.displayName}</a>
                {user.id === you && ' (you)'}
              </td>
              <td>{user.email}</td>
              <td>{ROLE_LABELS[user.role]}</td>
              <td>
                <StatusBadge active={user.active} />
              </td>
              <td>
                <DateTime date={user.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

export function NewUserPage({ values, problem }: { values: UserFormValues; problem?: Problem }) {
  return (
    <div class="narrow">
      <p class="breadcrumb">
        <a href="/admin/users">Users</a>
      </p>
      <h1>New user</h1>
      <p>A password is made for them. You will see it once, to pass on to them.</p>
      <ProblemBanner problem={problem} />
      <form method="post" action="/admin/users" class="stack-form">
        <CsrfField />
        <Field id="email" label="Email" hint="They sign in with it." problem={problem}>
          <input
            id="email"
            name="email"
            type="email"
            required
            maxLength={USER_LIMITS.email}
            autocomplete="off"
            spellcheck={false}
            value={values.email}
            aria-describedby={describedBy('email', { hint: true, problem })}
          />
        </Field>
        <NameField value={values.displayName} problem={problem} />
        <RoleSelect value={values.role} problem={problem} />
        <button type="submit" class="primary">
          Create user
        </button>
      </form>
    </div>
  )
}

/** The password, shown this once: after a new account, or after a reset. */
export function PasswordShownPage({
  user,
  password,
  reason,
  isYou,
}: {
  user: User
  password: string
  reason: 'created' | 'reset'
  isYou: boolean
}) {
  return (
    <div class="narrow">
      <p class="breadcrumb">
        <a href="/admin/users">Users</a>
      </p>
      <h1>{reason === 'created' ? `${user.displayName} can now sign in` : 'Password reset'}</h1>
      {reason === 'reset' && (
        <p class="notice-ok" role="status">
          {user.displayName} has a new password.{' '}
          {isYou ? 'You have been signed out everywhere, here too.' : 'Their sessions have ended.'}
        </p>
      )}
      <div class="one-time">
        <p>
          <label for="new-password">
            Password for {user.email} ({ROLE_LABELS[user.role]})
          </label>
          <input
            id="new-password"
            class="secret"
            type="text"
            readonly
            spellcheck={false}
            autocomplete="off"
            value={password}
            aria-describedby="new-password-warning"
          />
        </p>
        <p id="new-password-warning" class="warning">
          <strong>Copy it now: it is not shown again.</strong> Pass it on in person or over a
          channel you trust. They can change it under their account once signed in.
        </p>
        {!user.active && <p>This account is deactivated: reactivate it before they can sign in.</p>}
      </div>
      <p>
        {isYou && reason === 'reset' ? (
          <a href="/admin/login">Sign in with the new password</a>
        ) : (
          <>
            <a href={`/admin/users/${user.id}`}>{user.displayName}’s account</a> ·{' '}
            <a href="/admin/users">All users</a>
          </>
        )}
      </p>
    </div>
  )
}

export interface UserPageProps {
  user: User
  /** The edit form's values, as typed when it comes back with a problem. */
  values: { displayName: string; role: string }
  isYou: boolean
  problem?: Problem
  notice?: string
  /** Whether they have two-factor sign-in on. */
  twoFactorOn: boolean
}

/** One account: name and role, and the actions that end their access or replace their password. */
export function UserPage({ user, values, isYou, problem, notice, twoFactorOn }: UserPageProps) {
  const base = `/admin/users/${user.id}`
  return (
    <div class="narrow">
      <p class="breadcrumb">
        <a href="/admin/users">Users</a>
      </p>
      <h1>{user.displayName}</h1>
      <p class="page-meta">
        {user.email} · <StatusBadge active={user.active} /> · created{' '}
        <DateTime date={user.createdAt} />
        {isYou && ' · this is you'}
      </p>
      <Notice notice={notice} />
      <ProblemBanner problem={problem} />
      <form method="post" action={base} class="stack-form">
        <CsrfField />
        <NameField value={values.displayName} problem={problem} />
        <RoleSelect value={values.role} problem={problem} />
        <button type="submit" class="primary">
          Save
        </button>
      </form>

      <section class="account-actions" aria-labelledby="access-title">
        <h2 id="access-title">Access</h2>
        {user.active ? (
          <form method="post" action={`${base}/deactivate`}>
            <CsrfField />
            <p>
              Deactivating ends all of {isYou ? 'your' : 'their'} sessions at once and stops{' '}
              {isYou ? 'you' : 'them'} signing in. {isYou ? 'Your' : 'Their'} articles stay.
            </p>
            <button type="submit" class="danger">
              Deactivate
            </button>
          </form>
        ) : (
          <form method="post" action={`${base}/activate`}>
            <CsrfField />
            <p>This account is deactivated. Reactivating lets them sign in with their password.</p>
            <button type="submit">Reactivate</button>
          </form>
        )}
        <form method="post" action={`${base}/password`}>
          <CsrfField />
          <p>
            Resetting makes a new password, shown to you once, and ends all of{' '}
            {isYou ? 'your' : 'their'} sessions.
          </p>
          <button type="submit">Reset password</button>
        </form>
      </section>
      <UserTwoFactor user={user} on={twoFactorOn} />
      <p>
        <a href={`/admin/users/${user.id}/tokens`}>API tokens for {user.displayName}</a>
      </p>
    </div>
  )
}
