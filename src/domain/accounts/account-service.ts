import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import {
  ConflictError,
  NotFoundError,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
} from '../errors.js'
import { findOrCreateNamed } from '../find-or-create-named.js'
import type { IdGenerator } from '../ids.js'
import { MAX_AUTHOR_NAME_LENGTH } from '../people/author.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import { generatePassword, type PasswordHasher } from './password.js'
import {
  newSessionToken,
  sessionIdFor,
  SESSION_TOUCH_INTERVAL_MS,
  slidingExpiry,
} from './session.js'
import {
  assertDisplayName,
  assertEmail,
  assertPassword,
  normaliseEmail,
  type Role,
  type User,
} from './user.js'

/** Failed sign-ins allowed in the window, per account and per network address. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 } as const

export function actorOf(user: User): Actor {
  return { id: user.id, displayName: user.displayName, role: user.role }
}

export interface SignedIn {
  user: User
  /** The secret for the session cookie; only its hash is stored. */
  token: string
}

export type AccountService = ReturnType<typeof createAccountService>

export function createAccountService({
  stores,
  clock,
  newId,
  passwords,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  /** Hashes at the configured cost (config.passwordHashCost). */
  passwords: PasswordHasher
}) {
  const deps = { clock, newId }

  async function throttle(email: string, ip: string): Promise<void> {
    const now = clock.now().getTime()
    const since = new Date(now - LOGIN_LIMITS.windowMs)
    const [byEmail, byIp] = await Promise.all([
      stores.loginFailures.countForEmailSince(email, since),
      stores.loginFailures.countForIpSince(ip, since),
    ])
    const blocked =
      byEmail >= LOGIN_LIMITS.perAccount
        ? await stores.loginFailures.oldestForEmailSince(email, since)
        : byIp >= LOGIN_LIMITS.perAddress
          ? await stores.loginFailures.oldestForIpSince(ip, since)
          : undefined
    if (blocked) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((blocked.getTime() + LOGIN_LIMITS.windowMs - now) / 1000),
      )
      throw new TooManyRequestsError(
        'too_many_logins',
        `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
        retryAfterSeconds,
      )
    }
  }

  async function startSession(tx: Stores, user: User): Promise<string> {
    const token = newSessionToken()
    const now = clock.now()
    await tx.sessions.insert({
      id: sessionIdFor(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: slidingExpiry({ createdAt: now }, now),
    })
    return token
  }

  async function getUser(id: string): Promise<User> {
    const user = await stores.users.findById(id)
    if (!user) throw new NotFoundError('user_not_found', 'There is no such user.')
    return user
  }

  return {
    /** Checks email and password, then opens a session. Throttled per account and per address. */
    async signIn({
      email,
      password,
      ip,
    }: {
      email: string
      password: string
      ip: string
    }): Promise<SignedIn> {
      const key = normaliseEmail(email)
      await throttle(key, ip)
      const found = await stores.users.findByEmailWithHash(key)
      const matches = await passwords.verify(password, found?.passwordHash ?? passwords.dummyHash)
      if (!found || !matches || !found.active) {
        await stores.transaction(async (tx) => {
          await tx.loginFailures.record({ id: newId(), email: key, ip, at: clock.now() })
          await recordAudit(tx.audit, deps, {
            actor: { id: null, displayName: key.slice(0, 254), role: 'contributor' },
            action: 'login_failed',
            subject: key.slice(0, 254),
            details: `from ${ip}`,
          })
        })
        throw new UnauthenticatedError(
          'invalid_credentials',
          'That email and password do not match an active account.',
        )
      }
      const { passwordHash: _hash, ...user } = found
      return stores.transaction(async (tx) => {
        await tx.loginFailures.clearEmail(key)
        const token = await startSession(tx, user)
        await recordAudit(tx.audit, deps, {
          actor: actorOf(user),
          action: 'login',
          subject: user.email,
          details: `from ${ip}`,
        })
        return { user, token }
      })
    },

    async signOut(token: string): Promise<void> {
      const session = await stores.sessions.findById(sessionIdFor(token))
      if (!session) return
      await stores.transaction(async (tx) => {
        await tx.sessions.delete(session.id)
        const user = await tx.users.findById(session.userId)
        if (user) {
          await recordAudit(tx.audit, deps, {
            actor: actorOf(user),
            action: 'logout',
            subject: user.email,
          })
        }
      })
    },

    /** The active user a session token belongs to; undefined when unknown, expired or deactivated. */
    async authenticate(token: string): Promise<User | undefined> {
      if (token === '' || token.length > 100) return undefined
      const session = await stores.sessions.findById(sessionIdFor(token))
      const now = clock.now()
      if (!session || session.expiresAt.getTime() <= now.getTime()) return undefined
      const user = await stores.users.findById(session.userId)
      if (!user?.active) return undefined
      if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
        await stores.sessions.touch(session.id, now, slidingExpiry(session, now))
      }
      return user
    },

    /** Changes the actor's own password and ends their other sessions. */
    async changePassword(
      actor: Actor,
      token: string,
      { current, next }: { current: string; next: string },
    ): Promise<void> {
      if (!actor.id) throw new UnauthenticatedError('not_signed_in', 'Sign in first.')
      const user = await getUser(actor.id)
      const found = await stores.users.findByEmailWithHash(user.email)
      if (!found || !(await passwords.verify(current, found.passwordHash))) {
        throw new ValidationError('wrong_password', 'Your current password is not right.', {
          field: 'current',
        })
      }
      assertPassword(next, 'next')
      const hash = await passwords.hash(next)
      await stores.transaction(async (tx) => {
        await tx.users.setPasswordHash(user.id, hash, clock.now())
        await tx.sessions.deleteForUser(user.id, sessionIdFor(token))
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'password_changed',
          subject: user.email,
        })
      })
    },

    /**
     * Adds a member of staff with a byline of their name. Returns the password,
     * generated when none is given, to hand over once.
     */
    async createUser(
      actor: Actor,
      input: { email: string; displayName: string; role: Role; password?: string },
    ): Promise<{ user: User; password: string }> {
      authorize(actor, 'users:manage')
      const email = normaliseEmail(input.email)
      const displayName = input.displayName.trim()
      assertEmail(email)
      assertDisplayName(displayName)
      const password = input.password ?? generatePassword()
      assertPassword(password)
      const passwordHash = await passwords.hash(password)
      return stores.transaction(async (tx) => {
        if (await tx.users.findByEmailWithHash(email)) {
          throw new ConflictError('email_taken', `There is already an account for ${email}.`, {
            field: 'email',
          })
        }
        const [author] = await findOrCreateNamed(tx.authors, [displayName], {
          field: 'displayName',
          maxLength: MAX_AUTHOR_NAME_LENGTH,
          create: (name, slug) => ({ id: newId(), slug, name, bio: '' }),
        })
        const now = clock.now()
        const user: User = {
          id: newId(),
          email,
          displayName,
          role: input.role,
          authorId: author?.id ?? null,
          active: true,
          createdAt: now,
          updatedAt: now,
        }
        await tx.users.insert({ ...user, passwordHash })
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'user_created',
          subject: email,
          details: `as ${input.role}`,
        })
        return { user, password }
      })
    },

    /** Renames a user or changes their role. The last active admin cannot stop being one. */
    async updateUser(
      actor: Actor,
      id: string,
      changes: { displayName: string; role: Role },
    ): Promise<User> {
      authorize(actor, 'users:manage')
      const displayName = changes.displayName.trim()
      assertDisplayName(displayName)
      return stores.transaction(async (tx) => {
        const user = await tx.users.findById(id)
        if (!user) throw new NotFoundError('user_not_found', 'There is no such user.')
        if (
          user.role === 'admin' &&
          changes.role !== 'admin' &&
          user.active &&
          (await tx.users.countActiveAdmins()) <= 1
        ) {
          throw new ConflictError('last_admin', 'The site needs at least one active admin.', {
            field: 'role',
          })
        }
        await tx.users.update(id, { displayName, role: changes.role, updatedAt: clock.now() })
        if (changes.role !== user.role) {
          await recordAudit(tx.audit, deps, {
            actor,
            action: 'role_changed',
            subject: user.email,
            details: `${user.role} → ${changes.role}`,
          })
        }
        if (displayName !== user.displayName) {
          await recordAudit(tx.audit, deps, {
            actor,
            action: 'user_updated',
            subject: user.email,
            details: `name: ${displayName}`,
          })
        }
        return { ...user, displayName, role: changes.role }
      })
    },

    /** Deactivating ends every session of the user at once; their articles stay. */
    async setActive(actor: Actor, id: string, active: boolean): Promise<User> {
      authorize(actor, 'users:manage')
      return stores.transaction(async (tx) => {
        const user = await tx.users.findById(id)
        if (!user) throw new NotFoundError('user_not_found', 'There is no such user.')
        if (user.active === active) return user
        if (!active && user.role === 'admin' && (await tx.users.countActiveAdmins()) <= 1) {
          throw new ConflictError('last_admin', 'The site needs at least one active admin.')
        }
        await tx.users.update(id, { active, updatedAt: clock.now() })
        if (!active) await tx.sessions.deleteForUser(id)
        await recordAudit(tx.audit, deps, {
          actor,
          action: active ? 'user_reactivated' : 'user_deactivated',
          subject: user.email,
        })
        return { ...user, active }
      })
    },

    /** Sets a new password (generated when none is given) and ends the user's sessions. */
    async resetPassword(
      actor: Actor,
      email: string,
      password = generatePassword(),
    ): Promise<string> {
      authorize(actor, 'users:manage')
      assertPassword(password)
      const user = await stores.users.findByEmailWithHash(normaliseEmail(email))
      if (!user) throw new NotFoundError('user_not_found', `There is no account for ${email}.`)
      const hash = await passwords.hash(password)
      await stores.transaction(async (tx) => {
        await tx.users.setPasswordHash(user.id, hash, clock.now())
        await tx.sessions.deleteForUser(user.id)
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'password_changed',
          subject: user.email,
          details: 'reset',
        })
      })
      return password
    },

    async listUsers(actor: Actor): Promise<User[]> {
      authorize(actor, 'users:manage')
      return stores.users.list()
    },

    async getUser(actor: Actor, id: string): Promise<User> {
      authorize(actor, 'users:manage')
      return getUser(id)
    },

    /** Sessions past their expiry are of no use to anyone. */
    pruneSessions: (): Promise<void> => stores.sessions.deleteExpired(clock.now()),
  }
}
