import type { Kysely } from 'kysely'
import type { TwoFactorStore } from '../domain/accounts/account-stores.js'
import { fromDbCount, fromNullableDbTime, toDbTime } from './dialect.js'
import type { Database } from './schema.js'

export function createTwoFactorStore(db: Kysely<Database>): TwoFactorStore {
  return {
    async find(userId) {
      const row = await db
        .selectFrom('two_factor')
        .select(['user_id', 'sealed_secret', 'confirmed_at', 'last_step'])
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return (
        row && {
          userId: row.user_id,
          sealedSecret: row.sealed_secret,
          confirmedAt: fromNullableDbTime(row.confirmed_at),
          lastStep: row.last_step === null ? null : Number(row.last_step),
        }
      )
    },

    async begin(userId, sealedSecret, now) {
      await db
        .insertInto('two_factor')
        .values({
          user_id: userId,
          sealed_secret: sealedSecret,
          confirmed_at: null,
          last_step: null,
          created_at: toDbTime(now),
        })
        .onConflict((conflict) =>
          conflict
            .column('user_id')
            .doUpdateSet({
              sealed_secret: sealedSecret,
              last_step: null,
              created_at: toDbTime(now),
            })
            .where('two_factor.confirmed_at', 'is', null),
        )
        .execute()
    },

    async confirm(userId, now) {
      await db
        .updateTable('two_factor')
        .set({ confirmed_at: toDbTime(now) })
        .where('user_id', '=', userId)
        .where('confirmed_at', 'is', null)
        .execute()
    },

    // The comparison and the write are one statement: of two requests with the same code,
    // only one changes the row.
    async useStep(userId, step) {
      const result = await db
        .updateTable('two_factor')
        .set({ last_step: step })
        .where('user_id', '=', userId)
        .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async remove(userId) {
      await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
      await db.deleteFrom('two_factor').where('user_id', '=', userId).execute()
    },

    async enabledAmong(userIds) {
      if (userIds.length === 0) return new Set()
      const rows = await db
        .selectFrom('two_factor')
        .select('user_id')
        .where('user_id', 'in', userIds)
        .where('confirmed_at', 'is not', null)
        .execute()
      return new Set(rows.map((row) => row.user_id))
    },

    async replaceRecoveryCodes(userId, codes, now) {
      await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
      await db
        .insertInto('recovery_codes')
        .values(
          codes.map((code) => ({
            id: code.id,
            user_id: userId,
            code_hash: code.hash,
            used_at: null,
            created_at: toDbTime(now),
          })),
        )
        .execute()
    },

    async useRecoveryCode(userId, hash, now) {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: toDbTime(now) })
        .where('user_id', '=', userId)
        .where('code_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async countUnusedRecoveryCodes(userId) {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow()
      return fromDbCount(row.count)
    },
  }
}
