import type { ApiToken } from '../../../domain/api-tokens/api-token.js'
import { API_TOKEN_LIMITS } from '../../../domain/api-tokens/api-token.js'
import type { Problem } from '../../plugins/problems.js'
import { DateTime } from '../../ui/date-time.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, Notice, ProblemBanner } from './form-parts.js'

export interface ApiTokensPageProps {
  /** Whose tokens: the signed-in person's own, or (for admins) another user's. */
  owner: { id: string; name: string; isYou: boolean }
  tokens: readonly ListedToken[]
  /** A token just made: shown this once and never again. */
  created?: { name: string; token: string } | undefined
  attempt?: { name: string; expires: string } | undefined
  problem?: Problem | undefined
  notice?: string | undefined
}

type ListedToken = ApiToken & { usable: boolean }

function stateOf(token: ListedToken): string {
  if (token.usable) return 'Active'
  return token.revokedAt ? 'Revoked' : 'Expired'
}

function TokenRow({ token }: { token: ListedToken }) {
  const state = stateOf(token)
  return (
    <tr id={`token-${token.id}`}>
      <td>{token.name}</td>
      <td>
        <DateTime date={token.createdAt} />
      </td>
      <td>{token.lastUsedAt ? <DateTime date={token.lastUsedAt} withTime /> : 'Never'}</td>
      <td>{token.expiresAt ? <DateTime date={token.expiresAt} /> : 'Never'}</td>
      <td>{state}</td>
      <td>
        {state === 'Active' && (
          <form method="post" action={`/admin/tokens/${token.id}/revoke`}>
            <CsrfField />
            <button type="submit" class="danger">
              Revoke <span class="visually-hidden">{token.name}</span>
            </button>
          </form>
        )}
      </td>
    </tr>
  )
}

/** A person's API tokens: make one (shown once), see when each was last used, revoke. */
export function ApiTokensPage(props: ApiTokensPageProps) {
  const { owner, tokens, created, attempt, problem, notice } = props
  const action = owner.isYou ? '/admin/account/tokens' : `/admin/users/${owner.id}/tokens`
  return (
    <>
      <h1>{owner.isYou ? 'Your API tokens' : `API tokens for ${owner.name}`}</h1>
      <p>
        A token lets a program use the Admin API as {owner.isYou ? 'you' : owner.name}: it can do
        exactly what {owner.isYou ? 'you' : 'they'} can do in the newsroom, except change passwords,
        roles, two-factor sign-in or tokens. Keep it as secret as a password.
      </p>
      <Notice notice={notice} />
      {created && (
        <section class="notice-ok" role="status" aria-labelledby="new-token">
          <h2 id="new-token">Your new token “{created.name}”</h2>
          <p>Copy it now: it is shown this once and cannot be shown again.</p>
          <pre>
            <code id="token-value">{created.token}</code>
          </pre>
        </section>
      )}
      <ProblemBanner problem={problem} />
      <form method="post" action={action}>
        <CsrfField />
        <h2>Make a token</h2>
        <Field id="name" label="Name" hint="What uses it, e.g. “Newsletter”." problem={problem}>
          <input
            id="name"
            name="name"
            type="text"
            required
            maxLength={API_TOKEN_LIMITS.name}
            value={attempt?.name ?? ''}
            aria-describedby={describedBy('name', { hint: true, problem })}
          />
        </Field>
        <Field
          id="expires"
          label="Expires after (days)"
          hint="Leave empty for a token that never expires."
          problem={problem}
        >
          <input
            id="expires"
            name="expires"
            type="number"
            min={1}
            max={API_TOKEN_LIMITS.expiresDays}
            value={attempt?.expires ?? ''}
            aria-describedby={describedBy('expires', { hint: true, problem })}
          />
        </Field>
        <button type="submit">Make token</button>
      </form>
      <h2>Tokens</h2>
      {tokens.length === 0 ? (
        <p>No tokens yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <TokenRow key={token.id} token={token} />
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
