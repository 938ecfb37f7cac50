import type { Kysely } from 'kysely'
import type { ImportSourceStore } from '../domain/imports/import-source-store.js'
import type { Database } from './schema.js'

export function createImportSourceStore(db: Kysely<Database>): ImportSourceStore {
  return {
    async findArticleId(sourceKey) {
      const row = await db
        .selectFrom('import_sources')
        .select('article_id')
        .where('source_key', '=', sourceKey)
        .executeTakeFirst()
      return row?.article_id
    },

    async record(sourceKey, articleId) {
      await db
        .insertInto('import_sources')
        .values({ source_key: sourceKey, article_id: articleId })
        .onConflict((oc) => oc.column('source_key').doUpdateSet({ article_id: articleId }))
        .execute()
    },
  }
}
