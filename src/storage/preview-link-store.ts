import type { Kysely, Selectable } from 'kysely'
import type { PreviewLink } from '../domain/previews/preview-link.js'
import type { PreviewLinkStore } from '../domain/previews/preview-store.js'
import { fromDbTime, fromNullableDbTime, toDbTime } from './dialect.js'
import type { Database, PreviewLinkTable } from './schema.js'

function linkOf(row: Selectable<PreviewLinkTable>): PreviewLink {
  return {
    id: row.id,
    articleId: row.article_id,
    createdBy: row.created_by,
    createdAt: fromDbTime(row.created_at),
    expiresAt: fromDbTime(row.expires_at),
    revokedAt: fromNullableDbTime(row.revoked_at),
  }
}

export function createPreviewLinkStore(db: Kysely<Database>): PreviewLinkStore {
  return {
    async insert(link) {
      await db
        .insertInto('preview_links')
        .values({
          id: link.id,
          token_hash: link.tokenHash,
          article_id: link.articleId,
          created_by: link.createdBy,
          created_at: toDbTime(link.createdAt),
          expires_at: toDbTime(link.expiresAt),
          revoked_at: null,
        })
        .execute()
    },

    async findByTokenHash(tokenHash) {
      const row = await db
        .selectFrom('preview_links')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst()
      return row ? linkOf(row) : undefined
    },

    async listLive(articleId, now) {
      const rows = await db
        .selectFrom('preview_links')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('expires_at', '>', toDbTime(now))
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(100)
        .execute()
      return rows.map(linkOf)
    },

    async revoke(articleId, id, at) {
      const result = await db
        .updateTable('preview_links')
        .set({ revoked_at: toDbTime(at) })
        .where('id', '=', id)
        .where('article_id', '=', articleId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', toDbTime(at))
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },
  }
}
