import type { Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import { UnauthenticatedError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import type { AttemptOrigin, CredentialChecks } from './credential-checks.js'
import {
  newSessionToken,
  SECOND_FACTOR_WINDOW_MS,
  sessionIdFor,
  slidingExpiry,
  touchIntervalMs,
  type Session,
  type SessionLifetimes,
} from './session.js'
import type { SignInKeys } from './sign-in-keys.js'
import type { TwoFactorService } from './two-factor-service.js'
import type { User } from './user.js'

export function actorOf(user: User): Actor {
  return { id: user.id, displayName: user.displayName, role: user.role }
}

/** A browser now signed in. */
export interface SignedIn {
  stage: 'signed-in'
  user: User
  /** The secret for the session cookie; only its hash is stored. */
  token: string
  /** How long the session lasts at most, in seconds: the cookie need not outlive it. */
  lifetimeSeconds: number
  /** A fresh device cookie for this browser (OWASP "device cookies"). */
  deviceToken: string
}

/** The password was right; the second factor is next. `token` names that half-open session. */
export interface SecondFactorNeeded {
  stage: 'second-factor'
  user: User
  token: string
}

/** Who a session belongs to, and what the newsroom must know of it. */
export interface AuthenticatedSession {
  user: User
  /** When they last gave their password (accounts/recent-auth.ts). */
  authenticatedAt: Date
  /** The site requires two-factor sign-in for their role, and they have not set it up. */
  mustSetUpTwoFactor: boolean
}

export function createSignInService({
  stores,
  clock,
  newId,
  keys,
  checks,
  twoFactor,
  lifetimes,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  keys: SignInKeys
  checks: CredentialChecks
  twoFactor: TwoFactorService
  lifetimes: SessionLifetimes
}) {
  const deps = { clock, newId }

  async function startSession(
    tx: Stores,
    user: User,
    pending: boolean,
  ): Promise<Session & { token: string }> {
    const token = newSessionToken()
    const now = clock.now()
    const session: Session = {
      id: sessionIdFor(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: pending
        ? new Date(now.getTime() + SECOND_FACTOR_WINDOW_MS)
        : slidingExpiry({ createdAt: now }, now, lifetimes),
      authenticatedAt: now,
      secondFactorPending: pending,
    }
    await tx.sessions.insert(session)
    return { ...session, token }
  }

  /** Opens the full session, after the last factor; `replaces` is the half-open one it ends. */
  async function signedIn(
    user: User,
    ip: string,
    how: string,
    replaces?: string,
  ): Promise<SignedIn> {
    const session = await stores.transaction(async (tx) => {
      if (replaces) await tx.sessions.delete(replaces)
      const started = await startSession(tx, user, false)
      await recordAudit(tx.audit, deps, {
        actor: actorOf(user),
        action: 'login',
        subject: user.email,
        details: `from ${ip}${how}`,
      })
      return started
    })
    return {
      stage: 'signed-in',
      user,
      token: session.token,
      lifetimeSeconds: Math.floor(lifetimes.absoluteMs / 1000),
      deviceToken: await keys.issueDeviceToken(user.id),
    }
  }

  /** The live session a token names, half-open or not. */
  async function liveSession(token: string): Promise<Session | undefined> {
    if (token === '' || token.length > 100) return undefined
    const session = await stores.sessions.findById(sessionIdFor(token))
    if (!session || session.expiresAt.getTime() <= clock.now().getTime()) return undefined
    return session
  }

  async function pendingUser(token: string): Promise<User | undefined> {
    const session = await liveSession(token)
    if (!session?.secondFactorPending) return undefined
    const user = await stores.users.findById(session.userId)
    return user?.active ? user : undefined
  }

  return {
    /**
     * Checks email and password, limited per account (or per device) and per
     * address. With two-factor sign-in on, the session opens only half-way.
     */
    async signIn(
      input: { email: string; password: string } & AttemptOrigin,
    ): Promise<SignedIn | SecondFactorNeeded> {
      const user = await checks.password(input)
      if (!(await twoFactor.isOn(user.id))) return signedIn(user, input.ip, '')
      const session = await stores.transaction((tx) => startSession(tx, user, true))
      return { stage: 'second-factor', user, token: session.token }
    },

    /** Who is half-way through signing in with this token, if anyone. */
    pendingUser,

    /** The second step: a code from the authenticator, or a recovery code. */
    async completeSecondFactor(
      input: { token: string; code: string } & AttemptOrigin,
    ): Promise<SignedIn> {
      const user = await pendingUser(input.token)
      const secret = user && (await twoFactor.secretOf(user.id))
      if (!user || !secret) {
        throw new UnauthenticatedError('sign_in_again', 'That took too long. Sign in again.')
      }
      const how = await checks.secondFactor(user, input.code, input, secret)
      const left = how === 'recovery code' ? await twoFactor.recoveryCodesLeft(user.id) : 0
      const note = how === 'code' ? ' with a code' : ` with a recovery code (${left} left)`
      return signedIn(user, input.ip, note, sessionIdFor(input.token))
    },

    /** The password again, for changes that need a recent one (accounts/recent-auth.ts). */
    async reauthenticate(token: string, password: string, origin: AttemptOrigin): Promise<void> {
      const session = await liveSession(token)
      const user =
        session && !session.secondFactorPending && (await stores.users.findById(session.userId))
      if (!session || !user) throw new UnauthenticatedError('not_signed_in', 'Sign in first.')
      await checks.passwordOf(user, password, origin, 'password')
      await stores.sessions.setAuthenticatedAt(session.id, clock.now())
    },

    async signOut(token: string): Promise<void> {
      const session = await stores.sessions.findById(sessionIdFor(token))
      if (!session) return
      await stores.transaction(async (tx) => {
        await tx.sessions.delete(session.id)
        const user = await tx.users.findById(session.userId)
        if (user && !session.secondFactorPending) {
          await recordAudit(tx.audit, deps, {
            actor: actorOf(user),
            action: 'logout',
            subject: user.email,
          })
        }
      })
    },

    /** The signed-in user a session token belongs to; undefined when unknown, expired, half-open or deactivated. */
    async authenticate(token: string): Promise<AuthenticatedSession | undefined> {
      const session = await liveSession(token)
      if (!session || session.secondFactorPending) return undefined
      const user = await stores.users.findById(session.userId)
      if (!user?.active) return undefined
      const now = clock.now()
      if (now.getTime() - session.lastSeenAt.getTime() > touchIntervalMs(lifetimes)) {
        await stores.sessions.touch(session.id, now, slidingExpiry(session, now, lifetimes))
      }
      return {
        user,
        authenticatedAt: session.authenticatedAt,
        mustSetUpTwoFactor: await twoFactor.mustSetUp(user),
      }
    },

    /**
     * The token every newsroom form carries: a MAC of the session (or, before
     * signing in, of the pre-session cookie), so it holds only for this browser's
     * session and changes when that does.
     */
    csrfTokenFor: (binding: { session: string } | { preSession: string }): Promise<string> =>
      keys.csrfToken(
        'session' in binding
          ? `session:${sessionIdFor(binding.session)}`
          : `pre-session:${binding.preSession}`,
      ),

    /** Sessions past their expiry are of no use to anyone. */
    pruneSessions: (): Promise<void> => stores.sessions.deleteExpired(clock.now()),
  }
}

export type SignInService = ReturnType<typeof createSignInService>
