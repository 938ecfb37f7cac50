import type { Clock } from '../clock.js'
import type { IdGenerator } from '../ids.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { PasswordHasher } from './password.js'
import { createAttemptLimiter } from './attempt-limits.js'
import { createCredentialChecks } from './credential-checks.js'
import type { SessionLifetimes } from './session.js'
import { createSignInKeys, type SecretSource } from './sign-in-keys.js'
import { createSignInService } from './sign-in-service.js'
import { createStaffService } from './staff-service.js'
import { createTwoFactorService } from './two-factor-service.js'

export { LOGIN_LIMITS } from './attempt-limits.js'
export {
  actorOf,
  type AuthenticatedSession,
  type SecondFactorNeeded,
  type SignedIn,
} from './sign-in-service.js'

export type AccountService = ReturnType<typeof createAccountServices>['accounts']

/**
 * Staff accounts: signing in (with its limits and second factor), sessions,
 * and managing users. `accounts` is the one service the newsroom and the CLI
 * use for both; `twoFactor` is setting up and turning off the second factor.
 */
export function createAccountServices({
  stores,
  clock,
  newId,
  secret,
  lifetimes,
  siteName,
  passwords,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  /** The server's secret, for keyed hashes, device cookies and CSRF tokens. */
  secret: SecretSource
  lifetimes: SessionLifetimes
  siteName: string
  /** Hashes at the configured cost (config.passwordHashCost). */
  passwords: PasswordHasher
}) {
  const keys = createSignInKeys(secret)
  const limiter = createAttemptLimiter({ counters: stores.signInAttempts, clock })
  const checks = createCredentialChecks({ stores, keys, limiter, clock, newId, passwords })
  const twoFactor = createTwoFactorService({ stores, clock, newId, keys, checks, issuer: siteName })
  const signIn = createSignInService({ stores, clock, newId, keys, checks, twoFactor, lifetimes })
  const staff = createStaffService({ stores, clock, newId, checks, passwords })
  return { accounts: { ...signIn, ...staff }, twoFactor }
}
