import type { Kysely, Selectable } from 'kysely'
import type { ApiToken } from '../domain/api-tokens/api-token.js'
import type { ApiTokenStore } from '../domain/api-tokens/api-token-store.js'
import { fromDbTime, fromNullableDbTime, toDbTime } from './dialect.js'
import type { ApiTokenTable } from './schema-api.js'
import type { Database } from './schema.js'

const COLUMNS = [
  'id',
  'user_id',
  'name',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const

function tokenOf(row: Pick<Selectable<ApiTokenTable>, (typeof COLUMNS)[number]>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    createdAt: fromDbTime(row.created_at),
    expiresAt: fromNullableDbTime(row.expires_at),
    lastUsedAt: fromNullableDbTime(row.last_used_at),
    revokedAt: fromNullableDbTime(row.revoked_at),
  }
}

export function createApiTokenStore(db: Kysely<Database>): ApiTokenStore {
  async function findOne(column: 'token_hash' | 'id', value: string) {
    const row = await db
      .selectFrom('api_tokens')
      .select(COLUMNS)
      .where(column, '=', value)
      .executeTakeFirst()
    return row && tokenOf(row)
  }

  return {
    async insert(token) {
      await db
        .insertInto('api_tokens')
        .values({
          id: token.id,
          token_hash: token.tokenHash,
          user_id: token.userId,
          name: token.name,
          created_at: toDbTime(token.createdAt),
          expires_at: token.expiresAt && toDbTime(token.expiresAt),
          last_used_at: null,
          revoked_at: null,
        })
        .execute()
    },
    findByHash: (tokenHash) => findOne('token_hash', tokenHash),
    findById: (id) => findOne('id', id),
    async listForUser(userId) {
      const rows = await db
        .selectFrom('api_tokens')
        .select(COLUMNS)
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute()
      return rows.map(tokenOf)
    },
    async revoke(id, at) {
      await db
        .updateTable('api_tokens')
        .set({ revoked_at: toDbTime(at) })
        .where('id', '=', id)
        .execute()
    },
    async touch(id, at) {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: toDbTime(at) })
        .where('id', '=', id)
        .execute()
    },
  }
}
