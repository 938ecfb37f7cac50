import type { ContentChange, ContentChanges } from './domain/changes.js'
import type { Config } from './config.js'
import { createAccountServices } from './domain/accounts/account-service.js'
import { createPasswordHasher } from './domain/accounts/password.js'
import { createArticleImporter } from './domain/articles/article-import.js'
import { createArticleService } from './domain/articles/article-service.js'
import { createFrontPageService } from './domain/front-page/front-page-service.js'
import { createSyndicationService } from './domain/articles/syndication-service.js'
import { createListingService } from './domain/articles/listing.js'
import { createDashboardService } from './domain/articles/dashboard-service.js'
import { createEditingService } from './domain/articles/editing-service.js'
import { createPreviewService } from './domain/previews/preview-service.js'
import { createSiteImporter } from './domain/imports/site-import.js'
import { createRedirectService } from './domain/redirects/redirect-service.js'
import { createExportService } from './domain/export/export-service.js'
import { createWorkflowService } from './domain/articles/workflow-service.js'
import { createAuditService } from './domain/audit/audit-service.js'
import { systemClock, type Clock } from './domain/clock.js'
import { createCommentService } from './domain/comments/comment-service.js'
import { createSettingsService, type SettingsService } from './domain/settings/settings-service.js'
import { uuidv7, type IdGenerator } from './domain/ids.js'
import { createAuthorService } from './domain/people/author-service.js'
import { createSectionService } from './domain/sections/section-service.js'
import { createExportRestorer } from './domain/export/restore-service.js'
import { createSiteIdentityService } from './domain/settings/site-identity-service.js'
import { createPageService } from './domain/pages/page-service.js'
import { createMenuService } from './domain/menus/menu-service.js'
import { createAuthorEditing } from './domain/people/author-editing.js'
import { createTagService } from './domain/tags/tag-service.js'
import { createThreadService } from './domain/threads/thread-service.js'
import { serverMemory } from './domain/memory-budget.js'
import { createRelatedService } from './domain/related/related-service.js'
import { createStoryService, type StoryService } from './domain/stories/story-service.js'
import type { StoryKeeper } from './web/public/story-keeper.js'
import { createSearchService } from './domain/search/search-service.js'
import { createMediaService } from './domain/media/media-service.js'
import { createSharpProcessor } from './media/sharp-processor.js'
import { createMediaStorage } from './storage/media/create-media-storage.js'
import { createChangeFeed, type ChangeFeed } from './storage/change-feed.js'
import { createDatabase } from './storage/database.js'
import { migrateToLatest } from './storage/migrate.js'
import { createSearchStore } from './storage/search-store.js'
import { createContentApiService } from './domain/api/content-api-service.js'
import { createContentApiReads } from './storage/content-api-reads.js'
import { createApiTokenService } from './domain/api-tokens/api-token-service.js'
import { createUnitOfWork } from './storage/unit-of-work.js'
import { loadSecretKey, SecretKeyError } from './secret-key.js'
import { createWebhookOutbox } from './domain/webhooks/webhook-outbox.js'
import { createWebhookService } from './domain/webhooks/webhook-service.js'
import { deliverDue, type WebhookPost } from './domain/webhooks/webhook-delivery.js'
import { isIP } from 'node:net'
import {
  addressRefusal,
  createGuardedFetch,
  OutboundRefusedError,
  type OutboundFetch,
} from './outbound/guarded-fetch.js'
import type { FetchImage } from './domain/imports/site-import.js'
import type { GroupCommitLimits } from './domain/group-commit.js'
import type { Timers } from './domain/timers.js'
import { systemTimers } from './scheduler.js'

const SECRET_MISMATCH =
  'This database was first used with another secret key. Every process sharing a database needs the same one: ' +
  'set SECRET_KEY to the same value on each (with PostgreSQL and several app servers, SECRET_KEY is required), ' +
  'or use the DATA_DIR whose secret.key this database was first used with.'

export interface ContextOptions {
  clock?: Clock
  newId?: IdGenerator
  /**
   * Called with the SQL of every query the app's database runs, and how long it
   * took (tests count and explain them; bench/profile-queries.ts times them).
   */
  onQuery?: (sql: string, parameters: readonly unknown[], durationMs: number) => void
  /** SQLite pragmas for the app's connection (storage/database.ts): tests cap the file's size. */
  sqlitePragmas?: readonly string[]
  /** What waits go through (a batch of comments gathering): Node's timers unless a test drives them. */
  timers?: Timers
  /** How many readers' comments a batch holds, and how long it gathers (tests set them). */
  commentBatch?: GroupCommitLimits
}

function openDatabase(config: Readonly<Config>, { onQuery, sqlitePragmas }: ContextOptions) {
  return createDatabase(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    preparedStatements: config.databasePreparedStatements,
    sqlitePragmas,
    log:
      onQuery &&
      ((event) => onQuery(event.query.sql, event.query.parameters, event.queryDurationMillis)),
  })
}

const noop = (): void => {}

/** Refuses a secret other than the database's; reads the legacy key once, so no comment pays for it. */
async function checkSecret(settings: SettingsService): Promise<void> {
  if (!(await settings.secretMatches())) throw new SecretKeyError(SECRET_MISMATCH)
  await settings.legacySiteKey()
}

/** The webhook service, and what sends the outbox through the guarded fetcher. */
function webhookParts(
  config: Readonly<Config>,
  {
    stores,
    clock,
    newId,
    outbound,
  }: {
    stores: ReturnType<typeof createUnitOfWork>
    clock: Clock
    newId: IdGenerator
    outbound: ReturnType<typeof createGuardedFetch>
  },
) {
  const nudges = new Set<() => void>()
  const post: WebhookPost = async (url, { headers, body }) => {
    const answer = await outbound(url, { method: 'POST', headers, body })
    return { status: answer.status, body: answer.body }
  }
  /** This process's name on its claims. */
  const owner = newId()
  return {
    service: createWebhookService({
      stores,
      clock,
      newId,
      refusal: (host) => (isIP(host) ? addressRefusal(host, config.outboundAllowLoopback) : null),
      nudge: () => nudges.forEach((nudge) => nudge()),
    }),
    delivery: {
      deliverDue: () => deliverDue({ stores, clock, post, owner }),
      nextDue: () => stores.webhooks.nextDue(),
      /** Calls `listener` when a test event is queued here. */
      onNudge(listener: () => void): () => void {
        nudges.add(listener)
        return () => nudges.delete(listener)
      },
    },
  }
}

/** Pictures for imports (--fetch-media), through the guarded fetcher: refusals become the item's problem. */
function imageFetcher(outbound: OutboundFetch): FetchImage {
  return async (url) => {
    try {
      const response = await outbound(url)
      if (response.status !== 200) return { problem: `${url} answered ${response.status}` }
      return { bytes: new Uint8Array(response.body) }
    } catch (error) {
      if (error instanceof OutboundRefusedError) return { problem: error.message }
      throw error
    }
  }
}

/**
 * The story keeper (web/public/story-keeper.ts), loaded when first used: a
 * command that changes no article never loads the web's views and assets.
 */
function lazyStoryKeeper(
  config: Readonly<Config>,
  stories: StoryService,
  identity: ReturnType<typeof createSiteIdentityService>,
  timers: Timers,
) {
  let loading: Promise<StoryKeeper> | undefined
  const keeper = () =>
    (loading ??= Promise.all([
      import('./web/public/story-keeper.js'),
      import('./web/ui/site-info.js'),
    ]).then(([{ createStoryKeeper }, { siteInfo }]) =>
      createStoryKeeper(stories, siteInfo(config, identity), timers),
    ))
  return {
    page: async (slug: string) => (await keeper()).page(slug),
    stamp: async () => (await keeper()).stamp(),
    async keepUpWith(change: ContentChange): Promise<void> {
      if (change.scope !== 'site' || (change.article === undefined && !change.articles?.length)) {
        return
      }
      await (await keeper()).keepUpWith(change)
    },
    fillMissing: async (limit?: number) => (await keeper()).fillMissing(limit),
    fillMissingBoxes: async (limit?: number) => (await keeper()).fillMissingBoxes(limit),
    flush: async () => (loading ? (await loading).flush() : undefined),
  }
}

/**
 * The composition root: opens the database, brings its schema up to date and
 * builds every service. The server, the CLI and the tests all start here.
 */
export async function createContext(config: Readonly<Config>, options: ContextOptions = {}) {
  const clock = options.clock ?? systemClock
  const newId = options.newId ?? (() => uuidv7(clock.now().getTime()))
  const secret = loadSecretKey(config)
  const database = await openDatabase(config, options)
  let changes: ChangeFeed
  try {
    await migrateToLatest(database.db, database.dialect)
    changes = await createChangeFeed(database)
  } catch (error) {
    await database.close()
    throw error
  }
  const stores = createUnitOfWork(database.db, { clock, dialect: database.dialect })
  // One memory budget for every store kept in memory: the web app draws the rest of it.
  const memory = serverMemory(config.memoryBytes, config.pageCacheBytes)
  // Related coverage keeps the lookups articles share until the site changes (here or elsewhere).
  const related = createRelatedService({ stores, memory: memory.store('related') })
  changes.subscribe((change) => related.changed(change))
  // The process that makes a change brings the kept related lists up to date with it, once
  // the caches have dropped what it made stale (an unpublished story's page goes at once) and
  // before the writer is answered.
  const announcing: ContentChanges = {
    announce: async (change) => {
      await changes.announce(change)
      await related.keepUpWith(change)
      await stories.keepUpWith(change)
    },
  }
  const deps = { stores, clock, newId, changes: announcing }
  /** The one way to call other hosts (webhooks, media for imports): never private addresses. */
  const outbound = createGuardedFetch({ allowLoopback: config.outboundAllowLoopback })
  const mediaStorage = await createMediaStorage(config.media.storage)
  const webhooks = webhookParts(config, { stores, clock, newId, outbound })

  const settings = createSettingsService({ ...deps, secret })
  await checkSecret(settings).catch(async (error: unknown) => {
    await changes.close().catch(() => {})
    await database.close().catch(() => {})
    throw error
  })
  const identity = createSiteIdentityService({
    ...deps,
    defaults: {
      name: config.siteName,
      language: config.siteLanguage,
      timeZone: config.siteTimeZone,
    },
  })
  await identity.reload()
  // Every process holds the identity in memory: it reloads when the settings change
  // (here, or in another process through the change feed) or when what changed is unknown.
  // A reload that fails (the database unreachable) keeps the identity it had.
  changes.subscribe((change) =>
    change.scope === 'site' && (change.settings || change.foreign)
      ? identity.reload().then(noop, noop)
      : undefined,
  )
  const timeZone = () => identity.current().timeZone
  // Article pages' stories, rendered when articles change and kept (web/public/story-parts.tsx).
  const timers = options.timers ?? systemTimers
  const stories = lazyStoryKeeper(config, createStoryService({ stores }), identity, timers)
  // Webhook events are written by the newsroom's writes (and the Admin API's, through the
  // same services) and by comments; imports send none.
  const outbox = createWebhookOutbox({ clock, newId, siteUrl: config.siteUrl, timeZone })
  const sections = createSectionService(deps)
  const authors = createAuthorService(deps)
  const tags = createTagService(deps)
  const { accounts, twoFactor } = createAccountServices({
    ...deps,
    // Sign-in's keyed hashes, CSRF MACs, device cookies and sealed TOTP secrets derive from
    // the server's secret (secret-key.ts), through the settings service.
    secret: () => settings.siteKey(),
    lifetimes: { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs },
    siteName: config.siteName,
    passwords: createPasswordHasher(config.passwordHashCost),
  })
  const comments = createCommentService({
    ...deps,
    settings,
    outbox,
    timers,
    batch: options.commentBatch,
  })
  const media = createMediaService({
    ...deps,
    storage: mediaStorage,
    processor: createSharpProcessor(),
    maxBytes: config.media.maxBytes,
    publicUrl: config.media.publicUrl,
    siteUrl: config.siteUrl,
  })
  const services = {
    settings,
    comments,
    identity,
    pages: createPageService(deps),
    menus: createMenuService(deps),
    authorEditing: createAuthorEditing(deps),
    sections,
    authors,
    tags,
    listings: createListingService({
      sections,
      authors,
      tags,
      siteName: () => identity.current().name,
    }),
    articles: createArticleService({ stores }),
    frontPage: createFrontPageService(deps),
    syndication: createSyndicationService({ stores, clock }),
    importer: createArticleImporter({ ...deps, timeZone }),
    accounts,
    twoFactor,
    editing: createEditingService({ ...deps, outbox, timeZone }),
    workflow: createWorkflowService({ ...deps, outbox }),
    previews: createPreviewService(deps),
    redirects: createRedirectService(deps),
    exporter: createExportService({
      stores,
      storage: mediaStorage,
      settings,
      timeZone: config.siteTimeZone,
      siteName: config.siteName,
      siteUrl: config.siteUrl,
      identity: () => identity.current(),
    }),
    dashboard: createDashboardService({ stores }),
    audit: createAuditService({ stores }),
    threads: createThreadService(deps),
    related,
    stories,
    search: createSearchService({ search: createSearchStore(database.db, database.dialect) }),
    media,
    contentApi: createContentApiService({
      stores,
      reads: createContentApiReads(database.db, database.dialect),
      clock,
      requestsPerMinute: {
        content: config.apiRequestsPerMinute,
        admin: config.adminApiRequestsPerMinute,
      },
      siteKey: () => settings.siteKey(),
    }),
    apiTokens: createApiTokenService({
      stores,
      clock,
      newId,
    }),
    restorer: createExportRestorer({
      ...deps,
      storage: mediaStorage,
      siteKey: () => settings.siteKey(),
    }),
    webhooks: webhooks.service,
    siteImport: createSiteImporter({
      ...deps,
      media,
      comments,
      sections,
      timeZone: config.siteTimeZone,
      fetchImage: imageFetcher(outbound),
    }),
  }

  return {
    config,
    clock,
    /** The stores, for tests and tools; the web app only ever sees services. */
    stores,
    services,
    /** Content changes, for the page cache. */
    changes,
    /** The memory budget the web app's stores draw from. */
    memory,
    outbound,
    /** The webhook outbox's sender side, for main.ts's loop and the tests. */
    webhookDelivery: webhooks.delivery,
    database: { dialect: database.dialect, location: database.location },
    async close() {
      // Comments already gathering are written (and answered) before the database closes.
      await comments.flushPosts()
      await stories.flush()
      await changes.close()
      await database.close()
      mediaStorage.close()
    },
  }
}

export type AppContext = Awaited<ReturnType<typeof createContext>>
export type Services = AppContext['services']
