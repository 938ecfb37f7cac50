import type { Kysely } from 'kysely'
import { StorageFullError, StorageUnavailableError } from '../domain/errors.js'
import type { Clock } from '../domain/clock.js'
import type { Stores, UnitOfWork } from '../domain/unit-of-work.js'
import { createArticleStore } from './article-store.js'
import { createAuditStore } from './audit-store.js'
import { createBanStore, createCommentStore } from './comment-store.js'
import { createSettingsStore } from './settings-store.js'
import { createRevisionStore } from './revision-store.js'
import { createSessionStore } from './session-store.js'
import { createAttemptCounterStore } from './sign-in-attempt-store.js'
import { createTwoFactorStore } from './two-factor-store.js'
import { createUserStore } from './user-store.js'
import { createAuthorStore } from './author-store.js'
import type { DialectName } from './dialect.js'
import type { Database } from './schema.js'
import { createSectionStore } from './section-store.js'
import { createTagStore } from './tag-store.js'
import { createThreadStore } from './thread-store.js'
import { createRelatedStore } from './related-store.js'
import { createStoryStore } from './story-store.js'
import { createMediaStore } from './media-store.js'
import { createPreviewLinkStore } from './preview-link-store.js'
import { createRedirectStore } from './redirect-store.js'
import { createImportSourceStore } from './import-source-store.js'
import { createFrontPageStore } from './front-page-store.js'
import { createPageStore } from './page-store.js'
import { createMenuStore } from './menu-store.js'
import { createWebhookStore } from './webhook-store.js'
import { createApiTokenStore } from './api-token-store.js'
import { createDeferredSearchWriter } from './deferred-search.js'
import type { SearchWriter } from './search-index.js'

interface StoreOptions {
  clock: Clock
  dialect: DialectName
}

/**
 * An object whose properties are made when first read, then kept. A
 * transaction (and each savepoint of a batch) hands out every store, and
 * uses two or three: making all two dozen each time cost more than a
 * comment's statements do.
 */
function lazily<T extends object>(makers: { [K in keyof T]: () => T[K] }): T {
  const made = {} as T
  for (const key of Object.keys(makers) as (keyof T)[]) {
    Object.defineProperty(made, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = makers[key]()
        Object.defineProperty(made, key, { value, enumerable: true })
        return value
      },
    })
  }
  return made
}

function createStores(
  db: Kysely<Database>,
  { clock, dialect }: StoreOptions,
  search?: SearchWriter,
): Stores {
  return lazily<Stores>({
    sections: () => createSectionStore(db, clock),
    authors: () => createAuthorStore(db, clock),
    tags: () => createTagStore(db, clock),
    articles: () => createArticleStore(db, dialect, search),
    revisions: () => createRevisionStore(db),
    users: () => createUserStore(db),
    sessions: () => createSessionStore(db),
    signInAttempts: () => createAttemptCounterStore(db),
    twoFactor: () => createTwoFactorStore(db),
    audit: () => createAuditStore(db),
    comments: () => createCommentStore(db, dialect),
    bans: () => createBanStore(db),
    settings: () => createSettingsStore(db),
    threads: () => createThreadStore(db, dialect),
    related: () => createRelatedStore(db, dialect),
    stories: () => createStoryStore(db, dialect),
    media: () => createMediaStore(db),
    previewLinks: () => createPreviewLinkStore(db),
    redirects: () => createRedirectStore(db),
    importSources: () => createImportSourceStore(db),
    frontPage: () => createFrontPageStore(db),
    pages: () => createPageStore(db),
    menus: () => createMenuStore(db),
    webhooks: () => createWebhookStore(db, dialect),
    apiTokens: () => createApiTokenStore(db),
  })
}

/**
 * Undoes a unit's savepoint. When that fails, the transaction is gone with it
 * (SQLite rolls it back itself on a full disk): the batch cannot go on, and
 * the database failing is what every unit of it is told.
 */
async function undoSavepoint(undo: () => Promise<void>, cause: unknown): Promise<void> {
  try {
    await undo()
  } catch (undoing) {
    const failing = cause instanceof StorageFullError || cause instanceof StorageUnavailableError
    throw failing ? cause : new StorageUnavailableError({ cause: undoing })
  }
}

/** A batch's units are never nested: one name for all their savepoints. */
const UNIT_SAVEPOINT = 'unit'

/** The domain's stores over one database, with transactions that hand out stores bound to them. */
export function createUnitOfWork(db: Kysely<Database>, options: StoreOptions): UnitOfWork {
  return {
    ...createStores(db, options),
    transaction: (work) => db.transaction().execute((trx) => work(createStores(trx, options))),

    /**
     * One transaction, a savepoint per unit. The stores are made once and bound
     * to the transaction (a savepoint is a mark on the same connection), and one
     * savepoint name serves every unit, since each is released before the next:
     * the statements are prepared once. Search rows are held until the commit
     * (deferred-search.ts); a unit rolled back takes its rows with it.
     */
    async batch(work) {
      const trx = await db.startTransaction().execute()
      const search = createDeferredSearchWriter(trx)
      const stores = createStores(trx, options, search)
      const unit = async <R>(fn: (stores: Stores) => Promise<R>): Promise<R> => {
        const mark = search.mark()
        const inside = await trx.savepoint(UNIT_SAVEPOINT).execute()
        try {
          const result = await fn(stores)
          await inside.releaseSavepoint(UNIT_SAVEPOINT).execute()
          return result
        } catch (error) {
          search.undo(mark)
          await undoSavepoint(async () => {
            await inside.rollbackToSavepoint(UNIT_SAVEPOINT).execute()
            await inside.releaseSavepoint(UNIT_SAVEPOINT).execute()
          }, error)
          throw error
        }
      }
      try {
        const result = await work(unit)
        await search.flush()
        await trx.commit().execute()
        return result
      } catch (error) {
        // SQLite may have rolled the transaction back itself (a full disk): then the
        // rollback fails too, and the error that caused it is the one to tell.
        await trx
          .rollback()
          .execute()
          .catch(() => {})
        throw error
      }
    },
  }
}
