import { authorize, type Actor } from '../access/policy.js'
import { actorOf } from '../accounts/sign-in-service.js'
import { normaliseEmail } from '../accounts/user.js'
import type { Clock } from '../clock.js'
import { NotFoundError, UnauthenticatedError, ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { UnitOfWork } from '../unit-of-work.js'
import {
  API_TOKEN_LIMITS,
  API_TOKEN_PATTERN,
  apiTokenHash,
  isUsable,
  newApiToken,
  type ApiToken,
} from './api-token.js'
import { requireRecentAuthentication } from '../accounts/recent-auth.js'
import { recordAudit } from '../audit/record-audit.js'

const DAY_MS = 86_400_000
/** Last use is written at most this often per token: a busy integration is not a write per call. */
const TOUCH_INTERVAL_MS = 60_000

export type ApiTokenService = ReturnType<typeof createApiTokenService>

/** One answer for every token that does not let its bearer in: no oracle on which it was. */
const refused = (): UnauthenticatedError =>
  new UnauthenticatedError(
    'invalid_token',
    'The bearer token is malformed, unknown, expired or revoked.',
  )

export function createApiTokenService({
  stores,
  clock,
  newId,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
}) {
  const tokens = stores.apiTokens
  /** Each user manages their own tokens; admins (users:manage) anyone's. */
  function authorizeFor(actor: Actor, userId: string): void {
    if (actor.id !== userId) authorize(actor, 'users:manage')
  }

  return {
    /** Makes a token for `userId`; the token itself is returned once and never stored. */
    async create(
      actor: Actor,
      { userId, name, expiresDays }: { userId: string; name: string; expiresDays?: number },
    ): Promise<{ token: string; record: ApiToken }> {
      authorizeFor(actor, userId)
      // A new credential for an account: a recent sign-in, and never by a token (policy.ts).
      requireRecentAuthentication(actor, clock)
      const trimmed = name.trim()
      if (trimmed === '' || trimmed.length > API_TOKEN_LIMITS.name) {
        throw new ValidationError(
          'invalid_token_name',
          `A token needs a name of 1–${API_TOKEN_LIMITS.name} characters.`,
          { field: 'name' },
        )
      }
      if (
        expiresDays !== undefined &&
        (!Number.isInteger(expiresDays) ||
          expiresDays < 1 ||
          expiresDays > API_TOKEN_LIMITS.expiresDays)
      ) {
        throw new ValidationError(
          'invalid_token_expiry',
          `A token expires after 1–${API_TOKEN_LIMITS.expiresDays} days.`,
          { field: 'expires' },
        )
      }
      const user = await stores.users.findById(userId)
      if (!user) throw new NotFoundError('user_not_found', 'There is no such user.')
      const now = clock.now()
      const token = newApiToken()
      const record: ApiToken = {
        id: newId(),
        userId,
        name: trimmed,
        createdAt: now,
        expiresAt:
          expiresDays === undefined ? null : new Date(now.getTime() + expiresDays * DAY_MS),
        lastUsedAt: null,
        revokedAt: null,
      }
      await stores.transaction(async (tx) => {
        await tx.apiTokens.insert({ ...record, tokenHash: apiTokenHash(token) })
        await recordAudit(
          tx.audit,
          { clock, newId },
          {
            actor,
            action: 'api_token_created',
            subject: `${record.name} (${user.email})`,
            details: record.expiresAt ? `expires ${record.expiresAt.toISOString()}` : 'no expiry',
          },
        )
      })
      return { token, record }
    },

    /** The command line's form: the user by email. */
    async userIdByEmail(email: string): Promise<string> {
      const user = await stores.users.findByEmailWithHash(normaliseEmail(email))
      if (!user) throw new NotFoundError('user_not_found', `There is no user ${email}.`)
      return user.id
    },

    /** A user's tokens, newest first, each saying whether it still lets its bearer in. */
    async list(actor: Actor, userId: string): Promise<(ApiToken & { usable: boolean })[]> {
      authorizeFor(actor, userId)
      const now = clock.now()
      return (await tokens.listForUser(userId)).map((token) => ({
        ...token,
        usable: isUsable(token, now),
      }))
    },

    /** Revokes a token (once; again is no change); answers whose it was. */
    async revoke(actor: Actor, id: string): Promise<{ userId: string }> {
      if (actor.via === 'token') requireRecentAuthentication(actor, clock)
      const token = await tokens.findById(id)
      if (!token) throw new NotFoundError('token_not_found', 'There is no such token.')
      authorizeFor(actor, token.userId)
      if (token.revokedAt !== null) return { userId: token.userId }
      await stores.transaction(async (tx) => {
        await tx.apiTokens.revoke(id, clock.now())
        await recordAudit(
          tx.audit,
          { clock, newId },
          {
            actor,
            action: 'api_token_revoked',
            subject: token.name,
          },
        )
      })
      return { userId: token.userId }
    },

    /** The actor a bearer token stands for: its user, as the newsroom knows them now. */
    async authenticate(bearer: string): Promise<Actor> {
      if (!API_TOKEN_PATTERN.test(bearer)) throw refused()
      const token = await tokens.findByHash(apiTokenHash(bearer))
      const now = clock.now()
      if (!token || !isUsable(token, now)) throw refused()
      const user = await stores.users.findById(token.userId)
      if (!user?.active) throw refused()
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
        await tokens.touch(token.id, now)
      }
      return { ...actorOf(user), via: 'token' }
    },
  }
}
