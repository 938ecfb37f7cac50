import { authorize, type Actor } from '../access/policy.js'
import type { AuditAction } from '../audit/audit.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError, UnauthenticatedError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import type { AttemptOrigin, CredentialChecks } from './credential-checks.js'
import { requireRecentAuthentication } from './recent-auth.js'
import type { SignInKeys } from './sign-in-keys.js'
import { newRecoveryCodes, newTotpSecret, otpauthUri } from './two-factor.js'
import type { User } from './user.js'

const SETTING = 'two_factor'

/** The roles the site can require two-factor sign-in of: those who publish and manage. */
export const TWO_FACTOR_ROLES = ['editor', 'admin'] as const

export interface TwoFactorStatus {
  on: boolean
  recoveryCodesLeft: number
  /** The site requires it of this user's role. */
  required: boolean
}

/** What an authenticator app needs to be set up: shown once, while setting up. */
export interface TwoFactorSetup {
  secret: string
  uri: string
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>

export function createTwoFactorService({
  stores,
  clock,
  newId,
  keys,
  checks,
  issuer,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  keys: SignInKeys
  checks: CredentialChecks
  /** The name apps show beside the codes: the site's. */
  issuer: string
}) {
  const deps = { clock, newId }

  async function required(): Promise<boolean> {
    const stored = await stores.settings.get(SETTING)
    return stored ? (JSON.parse(stored) as { required?: boolean }).required === true : false
  }

  async function userOf(actor: Actor): Promise<User> {
    const user = actor.id ? await stores.users.findById(actor.id) : undefined
    if (!user) throw new UnauthenticatedError('not_signed_in', 'Sign in first.')
    return user
  }

  async function isOn(userId: string): Promise<boolean> {
    const record = await stores.twoFactor.find(userId)
    return record !== undefined && record.confirmedAt !== null
  }

  async function pendingSetup(user: User): Promise<TwoFactorSetup | undefined> {
    const record = await stores.twoFactor.find(user.id)
    if (!record || record.confirmedAt) return undefined
    // Sealed under another key (the server's secret changed): start again.
    const secret = await keys.open(record.sealedSecret).catch(() => undefined)
    if (secret === undefined) return undefined
    return { secret, uri: otpauthUri(secret, { issuer, account: user.email }) }
  }

  /**
   * New recovery codes, stored hashed (the old ones stop working), with the
   * change audited in the same transaction. The plain codes are shown once.
   */
  async function replaceCodes(
    actor: Actor,
    user: User,
    action: AuditAction,
    before?: (tx: Stores) => Promise<void>,
  ): Promise<string[]> {
    const codes = newRecoveryCodes()
    const hashed = await Promise.all(
      codes.map(async (code) => ({ id: newId(), hash: await keys.recoveryCodeHash(code) })),
    )
    await stores.transaction(async (tx) => {
      await before?.(tx)
      await tx.twoFactor.replaceRecoveryCodes(user.id, hashed, clock.now())
      await recordAudit(tx.audit, deps, { actor, action, subject: user.email })
    })
    return codes
  }

  /** Turns it off, audited in the same transaction. */
  async function remove(actor: Actor, user: User, action: AuditAction): Promise<void> {
    await stores.transaction(async (tx) => {
      await tx.twoFactor.remove(user.id)
      await recordAudit(tx.audit, deps, { actor, action, subject: user.email })
    })
  }

  return {
    isOn,

    /** The shared secret, for checking a code at sign-in; undefined when two-factor sign-in is off. */
    async secretOf(userId: string): Promise<string | undefined> {
      const record = await stores.twoFactor.find(userId)
      if (!record?.confirmedAt) return undefined
      try {
        return await keys.open(record.sealedSecret)
      } catch (error) {
        throw new ConflictError(
          'two_factor_unreadable',
          'Your two-factor sign-in cannot be checked: the server’s secret key has changed since you set it up. Ask an admin to turn it off for you, then set it up again.',
          { cause: error },
        )
      }
    },

    recoveryCodesLeft: (userId: string): Promise<number> =>
      stores.twoFactor.countUnusedRecoveryCodes(userId),

    /** The site requires it of this user, and they have not set it up: they are sent to do so. */
    async mustSetUp(user: User): Promise<boolean> {
      if (!(TWO_FACTOR_ROLES as readonly string[]).includes(user.role)) return false
      return (await required()) && !(await isOn(user.id))
    },

    async status(actor: Actor): Promise<TwoFactorStatus & { setup?: TwoFactorSetup }> {
      const user = await userOf(actor)
      const on = await isOn(user.id)
      return {
        on,
        recoveryCodesLeft: on ? await stores.twoFactor.countUnusedRecoveryCodes(user.id) : 0,
        required: (TWO_FACTOR_ROLES as readonly string[]).includes(user.role) && (await required()),
        setup: on ? undefined : await pendingSetup(user),
      }
    },

    /** Step one: a new secret for the user's app. Needs a recent password. */
    async beginSetup(actor: Actor): Promise<TwoFactorSetup> {
      requireRecentAuthentication(actor, clock)
      const user = await userOf(actor)
      if (await isOn(user.id)) {
        throw new ConflictError(
          'two_factor_on',
          'Two-factor sign-in is already on. Turn it off first to use another app.',
        )
      }
      const secret = newTotpSecret()
      await stores.twoFactor.begin(user.id, await keys.seal(secret), clock.now())
      return { secret, uri: otpauthUri(secret, { issuer, account: user.email }) }
    },

    /** Step two: the first code from the app proves it is set up. Returns the recovery codes, to show once. */
    async confirmSetup(actor: Actor, code: string, origin: AttemptOrigin): Promise<string[]> {
      const user = await userOf(actor)
      const setup = await pendingSetup(user)
      if (!setup) {
        throw new ConflictError('no_setup', 'Start setting up two-factor sign-in first.')
      }
      // Checked as at sign-in: limited, and its time step spent.
      await checks.secondFactor(user, code, origin, setup.secret)
      return replaceCodes(actor, user, 'two_factor_enabled', (tx) =>
        tx.twoFactor.confirm(user.id, clock.now()),
      )
    },

    /** Ten new recovery codes; the old ones stop working. Needs a recent password. */
    async regenerateRecoveryCodes(actor: Actor): Promise<string[]> {
      requireRecentAuthentication(actor, clock)
      const user = await userOf(actor)
      if (!(await isOn(user.id))) {
        throw new ConflictError('two_factor_off', 'Two-factor sign-in is off.')
      }
      return replaceCodes(actor, user, 'recovery_codes_generated')
    },

    /** Turns it off for oneself, with one's password given again. */
    async disable(actor: Actor, password: string, origin: AttemptOrigin): Promise<void> {
      const user = await userOf(actor)
      if (!(await isOn(user.id))) {
        throw new ConflictError('two_factor_off', 'Two-factor sign-in is off.')
      }
      await checks.passwordOf(user, password, origin, 'password')
      await remove(actor, user, 'two_factor_disabled')
    },

    /** An admin turns it off for someone who lost their phone and codes. Needs a recent password. */
    async reset(actor: Actor, userId: string): Promise<void> {
      authorize(actor, 'users:manage')
      requireRecentAuthentication(actor, clock)
      const user = await stores.users.findById(userId)
      if (!user) throw new NotFoundError('user_not_found', 'There is no such user.')
      await remove(actor, user, 'two_factor_reset')
    },

    /** Which of these users have it on (the users list). */
    enabledAmong: (userIds: readonly string[]): Promise<Set<string>> =>
      stores.twoFactor.enabledAmong(userIds),

    isRequired: required,

    /** Admins only: require it of editors and admins, or not. */
    async setRequired(actor: Actor, value: boolean): Promise<void> {
      authorize(actor, 'settings:manage')
      requireRecentAuthentication(actor, clock)
      await stores.transaction(async (tx) => {
        await tx.settings.set(SETTING, JSON.stringify({ required: value }))
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'settings_changed',
          subject: 'Two-factor sign-in',
          details: value ? 'required for editors and admins' : 'optional',
        })
      })
    },
  }
}
