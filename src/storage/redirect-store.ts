import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Selectable } from 'kysely'
import { localKeyOf, type Redirect, type RedirectSource } from '../domain/redirects/redirect.js'
import type { RedirectStore } from '../domain/redirects/redirect-store.js'
import { containsPattern, fromDbCount, fromDbTime, toDbTime } from './dialect.js'
import type { Database, RedirectTable } from './schema.js'

function redirectOf(row: Selectable<RedirectTable>): Redirect {
  return {
    from: row.from_key,
    to: row.target,
    source: row.source as RedirectSource,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
  }
}

/** A settings row changed with every write, so that a stamp costs one key lookup, not a count. */
const REVISION_KEY = 'redirects.revision'

export function createRedirectStore(db: Kysely<Database>): RedirectStore {
  // Called in the writing statement's transaction (the store is bound to it), after the write.
  const bump = async () => {
    const value = randomUUID()
    await db
      .insertInto('site_settings')
      .values({ key: REVISION_KEY, value })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
      .execute()
  }

  const matching = (query: string) => {
    const select = db.selectFrom('redirects')
    return query === ''
      ? select
      : select.where(sql<boolean>`from_key like ${containsPattern(query)} escape '\\'`)
  }

  return {
    async find(from) {
      const row = await db
        .selectFrom('redirects')
        .selectAll()
        .where('from_key', '=', from)
        .executeTakeFirst()
      return row ? redirectOf(row) : undefined
    },

    async save(redirect) {
      const values = {
        target: redirect.to,
        target_key: localKeyOf(redirect.to) ?? null,
        source: redirect.source,
        updated_at: toDbTime(redirect.updatedAt),
      }
      await db
        .insertInto('redirects')
        .values({ from_key: redirect.from, created_at: toDbTime(redirect.createdAt), ...values })
        .onConflict((conflict) => conflict.column('from_key').doUpdateSet(values))
        .execute()
      await bump()
    },

    async retarget(oldKey, target, at) {
      const result = await db
        .updateTable('redirects')
        .set({ target, target_key: localKeyOf(target) ?? null, updated_at: toDbTime(at) })
        .where('target_key', '=', oldKey)
        .executeTakeFirst()
      const changed = Number(result.numUpdatedRows)
      if (changed > 0) await bump()
      return changed
    },

    async remove(from) {
      const result = await db
        .deleteFrom('redirects')
        .where('from_key', '=', from)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    async list(query, { limit, offset }) {
      const rows = await matching(query)
        .selectAll()
        .orderBy('updated_at', 'desc')
        .orderBy('from_key')
        .limit(limit)
        .offset(offset)
        .execute()
      return rows.map(redirectOf)
    },

    async count(query) {
      const row = await matching(query)
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow()
      return fromDbCount(row.count)
    },

    async all() {
      const rows = await db
        .selectFrom('redirects')
        .select(['from_key', 'target', 'source'])
        .orderBy('from_key')
        .execute()
      return rows.map((row) => ({
        from: row.from_key,
        to: row.target,
        source: row.source as RedirectSource,
      }))
    },

    async stamp() {
      const row = await db
        .selectFrom('site_settings')
        .select('value')
        .where('key', '=', REVISION_KEY)
        .executeTakeFirst()
      return row?.value ?? ''
    },
  }
}
