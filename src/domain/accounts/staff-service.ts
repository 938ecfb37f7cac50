import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError, UnauthenticatedError } from '../errors.js'
import { findOrCreateNamed } from '../find-or-create-named.js'
import type { IdGenerator } from '../ids.js'
import { MAX_AUTHOR_NAME_LENGTH } from '../people/author.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { AttemptOrigin, CredentialChecks } from './credential-checks.js'
import { generatePassword, type PasswordHasher } from './password.js'
import { sessionIdFor } from './session.js'
import { requireRecentAuthentication } from './recent-auth.js'
import {
  assertDisplayName,
  assertEmail,
  assertPassword,
  normaliseEmail,
  type Role,
  type User,
} from './user.js'

/** What an attacker would know of an account, and so try in its password. */
function knownWords(user: Pick<User, 'email' | 'displayName'>): string[] {
  return [user.email, user.displayName]
}

export type StaffService = ReturnType<typeof createStaffService>

/** Members of staff: adding them, their names, roles and passwords. Admins only, but for one's own password. */
export function createStaffService({
  stores,
  clock,
  newId,
  checks,
  passwords,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  checks: CredentialChecks
  passwords: PasswordHasher
}) {
  const deps = { clock, newId }

  async function getUser(id: string): Promise<User> {
    const user = await stores.users.findById(id)
    if (!user) throw new NotFoundError('user_not_found', 'There is no such user.')
    return user
  }

  return {
    /**
     * Changes the actor's own password and ends their other sessions. The
     * current password is checked first, under the sign-in limits.
     */
    async changePassword(
      actor: Actor,
      token: string,
      { current, next }: { current: string; next: string },
      origin: AttemptOrigin,
    ): Promise<void> {
      if (!actor.id) throw new UnauthenticatedError('not_signed_in', 'Sign in first.')
      const user = await getUser(actor.id)
      await checks.passwordOf(user, current, origin, 'current')
      await assertPassword(next, 'next', knownWords(user))
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
      requireRecentAuthentication(actor, clock)
      const email = normaliseEmail(input.email)
      const displayName = input.displayName.trim()
      assertEmail(email)
      assertDisplayName(displayName)
      const password = input.password ?? generatePassword()
      await assertPassword(password, 'password', knownWords({ email, displayName }))
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
        // A role decides what someone may do: changing one needs a recent password.
        if (changes.role !== user.role) requireRecentAuthentication(actor, clock)
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
      requireRecentAuthentication(actor, clock)
      const user = await stores.users.findByEmailWithHash(normaliseEmail(email))
      if (!user) throw new NotFoundError('user_not_found', `There is no account for ${email}.`)
      await assertPassword(password, 'password', knownWords(user))
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
  }
}
