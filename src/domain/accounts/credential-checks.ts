import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import { UnauthenticatedError, ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { LOGIN_LIMITS, type AttemptLimit, type AttemptLimiter } from './attempt-limits.js'
import type { PasswordHasher } from './password.js'
import type { SignInKeys } from './sign-in-keys.js'
import { recoveryCodeOf, stepOfCode, totpCodeOf } from './two-factor.js'
import { assertSignInFields, normaliseEmail, USER_LIMITS, type User } from './user.js'

/** Where an attempt comes from: the network address, and the browser's device cookie if any. */
export interface AttemptOrigin {
  ip: string
  /** The device cookie, as sent; only a valid one for the account counts. */
  device?: string | undefined
}

/**
 * Every check of a secret someone types (a password, a one-time code, a
 * recovery code) goes through here: its attempt is reserved under the limits
 * first, a failure is audited without the typed text, and a success gives
 * the attempt back.
 */
export function createCredentialChecks({
  stores,
  keys,
  limiter,
  clock,
  newId,
  passwords,
}: {
  stores: UnitOfWork
  keys: SignInKeys
  limiter: AttemptLimiter
  clock: Clock
  newId: IdGenerator
  passwords: PasswordHasher
}) {
  const deps = { clock, newId }

  /** The limits an attempt on `user` (or on an email that is no account) falls under. */
  async function limitsFor(
    stage: 'password' | 'second-factor',
    origin: AttemptOrigin,
    user: User | undefined,
    email: string,
  ): Promise<AttemptLimit[]> {
    const address = {
      key: `address:${await keys.identifier('ip', origin.ip)}`,
      limit: LOGIN_LIMITS.perAddress,
    }
    const nonce = user && (await keys.deviceNonce(origin.device, user.id))
    if (nonce) return [address, { key: `${stage}:device:${nonce}`, limit: LOGIN_LIMITS.perDevice }]
    const account = user ? user.id : `email:${await keys.identifier('email', email)}`
    return [address, { key: `${stage}:account:${account}`, limit: LOGIN_LIMITS.perAccount }]
  }

  async function auditFailure(user: User | undefined, email: string, details: string) {
    // What was typed is never written down: it may be a password typed into the wrong field.
    const subject = user
      ? user.email
      : `unknown account ${(await keys.identifier('email', email)).slice(0, 8)}`
    await recordAudit(stores.audit, deps, {
      // By no one signed in: named by the account tried, or as an unknown one.
      actor: { id: null, displayName: subject, role: 'contributor' },
      action: 'login_failed',
      subject,
      details,
    })
  }

  return {
    /** The active account these credentials open; throws without saying which part was wrong. */
    async password(input: { email: string; password: string } & AttemptOrigin): Promise<User> {
      const email = normaliseEmail(input.email)
      assertSignInFields(email, input.password)
      const found = await stores.users.findByEmailWithHash(email)
      const reservation = await limiter.reserve(await limitsFor('password', input, found, email))
      const matches = await passwords.verify(
        input.password,
        // An unknown email still costs a hash, so a miss takes as long as a wrong password.
        found?.passwordHash ?? passwords.dummyHash,
      )
      if (!found || !matches || !found.active) {
        await auditFailure(found, email, `from ${input.ip}`)
        throw new UnauthenticatedError(
          'invalid_credentials',
          'That email and password do not match an active account.',
        )
      }
      await limiter.release(reservation)
      const { passwordHash: _hash, ...user } = found
      return user
    },

    /** A signed-in user's password, asked again: a wrong one is a problem with `field`. */
    async passwordOf(user: User, password: string, origin: AttemptOrigin, field: string) {
      if (password.length > USER_LIMITS.signInPasswordMax) {
        throw new ValidationError('wrong_password', 'That is not your password.', { field })
      }
      const found = await stores.users.findByEmailWithHash(user.email)
      const reservation = await limiter.reserve(
        await limitsFor('password', origin, user, user.email),
      )
      if (!found || !(await passwords.verify(password, found.passwordHash))) {
        await auditFailure(user, user.email, `password asked again, from ${origin.ip}`)
        throw new ValidationError('wrong_password', 'That is not your password.', { field })
      }
      await limiter.release(reservation)
    },

    /**
     * A code from the user's authenticator, or one of their recovery codes.
     * Each is accepted once: a code's time step, or the recovery code, is spent
     * in the same statement that accepts it.
     */
    async secondFactor(
      user: User,
      typed: string,
      origin: AttemptOrigin,
      secret: string,
    ): Promise<'code' | 'recovery code'> {
      if (typed.length > 100) {
        throw new ValidationError('invalid_code', 'A code is 6 digits.', { field: 'code' })
      }
      const reservation = await limiter.reserve(
        await limitsFor('second-factor', origin, user, user.email),
      )
      const code = totpCodeOf(typed)
      const recovery = code === undefined ? recoveryCodeOf(typed) : undefined
      let accepted: 'code' | 'recovery code' | undefined
      if (code !== undefined) {
        const step = stepOfCode(secret, code, clock.now())
        if (step !== undefined && (await stores.twoFactor.useStep(user.id, step))) accepted = 'code'
      } else if (recovery !== undefined) {
        const hash = await keys.recoveryCodeHash(recovery)
        if (await stores.twoFactor.useRecoveryCode(user.id, hash, clock.now())) {
          accepted = 'recovery code'
        }
      }
      if (!accepted) {
        await auditFailure(user, user.email, `wrong second-factor code, from ${origin.ip}`)
        throw new ValidationError(
          'invalid_code',
          'That code is not right, or was used already. Type the code your app shows now.',
          { field: 'code' },
        )
      }
      await limiter.release(reservation)
      return accepted
    },
  }
}

export type CredentialChecks = ReturnType<typeof createCredentialChecks>
