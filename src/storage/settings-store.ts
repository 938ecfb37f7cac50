import type { Kysely } from 'kysely'
import type { SettingsStore } from '../domain/settings/settings-store.js'
import type { Database } from './schema.js'

export function createSettingsStore(db: Kysely<Database>): SettingsStore {
  return {
    async get(key) {
      const row = await db
        .selectFrom('site_settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst()
      return row?.value
    },

    async set(key, value) {
      await db
        .insertInto('site_settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute()
    },

    async setIfAbsent(key, value) {
      await db
        .insertInto('site_settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute()
    },
  }
}
