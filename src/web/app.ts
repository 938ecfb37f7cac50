import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Config } from '../config.js'
import { ASSETS_DIR, loadAssets } from './assets.js'
import { siteInfo } from './ui/site-info.js'
import { createProblemSender, errorsPlugin } from './plugins/errors.js'
import {
  createPageRenderer,
  rememberedNavigation,
  renderPlugin,
  type PageRenderer,
} from './plugins/render.js'
import { memoizedChrome } from './plugins/chrome-memo.js'
import { createArticleFragments } from './api/article-fragments.js'
import { createArticleKeyPages } from './api/article-key-pages.js'
import { createPublicReads } from './public/public-reads.js'
import { createMissCoalescer } from './page-cache/miss-coalescer.js'
import { sameOriginPlugin } from './plugins/same-origin.js'
import { securityHeaders, securityHeadersPlugin } from './plugins/security-headers.js'
import { staticAssetsPlugin } from './plugins/static-assets.js'
import { mediaFiles } from './media/media-files.js'
import type { AdminDeps } from './admin/deps.js'
import { newsroom } from './admin/index.js'
import type { PublicDeps } from './public/deps.js'
import type { ApiDeps } from './api/deps.js'
import { publicSite } from './public/index.js'
import { createArticleReads } from './public/article-reads.js'
import { apiV1 } from './api/index.js'
import { createFragmentCache } from './ui/fragments.js'
import { keepBodiesWithin } from './ui/body-html.js'
import type { ServerMemory } from '../domain/memory-budget.js'
import type { ContentChange } from '../domain/changes.js'
import type { Clock } from '../domain/clock.js'
import { createPageCache, type PageCache } from './page-cache/page-cache.js'
import { serveFromCache } from './page-cache/serve-from-cache.js'
import { closeAfterGrace, createLimitedServer } from './slow-clients.js'
import { answerRedirect, createRedirectIndex } from './redirects/redirect-index.js'

export interface AppDeps {
  config: Pick<
    Config,
    | 'siteName'
    | 'siteUrl'
    | 'siteLanguage'
    | 'siteTimeZone'
    | 'logLevel'
    | 'logRequests'
    | 'trustProxy'
    | 'pageCacheTtlMs'
    | 'publicCacheControl'
    | 'feedFullText'
    | 'media'
    | 'http'
  >
  services: PublicDeps['services'] & AdminDeps['services'] & ApiDeps['services']
  /** The context's clock: the page cache ages pages by it. */
  clock: Clock
  /** Content changes, here and in other processes: the page cache listens to them. */
  changes: ContentChangeFeed
  /** The memory budget: the page cache and every kept read and render draw their shares. */
  memory: ServerMemory
}

/** What the web app needs of the change feed (storage/change-feed.ts). */
export interface ContentChangeFeed {
  subscribe(listener: (change: ContentChange) => void | Promise<void>): () => void
  checkForeignWrites(): void
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The rendered-page cache, exposed for tests and diagnostics (its size, its entries). */
    pageCache: PageCache
    /** How many pages were rendered rather than answered from the cache: for tests and diagnostics. */
    renderedPages: () => number
  }
}

export interface AppOptions {
  /** Overrides the logger (tests pass false). */
  logger?: FastifyServerOptions['logger']
}

/** Builds the web app without listening: the server, the tests and the benchmark all call it. */
export async function buildApp(
  { config, services, clock, changes, memory }: AppDeps,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const assets = loadAssets(ASSETS_DIR.pathname)
  const site = siteInfo(config, services.identity, assets)
  const chrome = memoizedChrome(
    async () => {
      const [sections, menus, banner] = await Promise.all([
        services.sections.list(),
        services.menus.navigation(),
        services.frontPage.banner(),
      ])
      return { sections, menus, banner }
    },
    () => clock.now(),
  )
  const navigation = rememberedNavigation(chrome.get)
  const listingReads = createPublicReads(services, () => clock.now(), memory.store('listings'))
  let rendered = 0
  const counted =
    (render: PageRenderer): PageRenderer =>
    (content, meta) => {
      rendered++
      return render(content, meta)
    }
  keepBodiesWithin(memory.store('bodies'))
  const fragments = createFragmentCache(site, memory.store('fragments'))
  const renderPage = counted(createPageRenderer(site, navigation.current, fragments))
  const headers = securityHeaders({
    https: config.siteUrl.startsWith('https:'),
    imageOrigin: config.media.publicUrl && new URL(config.media.publicUrl).origin,
  })
  const cache = createPageCache({
    memory: memory.pageCache,
    maxAgeMs: config.pageCacheTtlMs,
    cacheControl: config.publicCacheControl,
    securityHeaders: headers,
    now: () => clock.now().getTime(),
  })
  const misses = createMissCoalescer(cache)
  const sendProblem = createProblemSender(
    counted(createPageRenderer(site, navigation.lastKnown, fragments)),
    cache,
  )
  const redirects = await createRedirectIndex(services.redirects, (error) =>
    app.log.error({ err: error }, 'could not reload the redirects'),
  )
  const redirectHeaders = { ...headers, 'cache-control': config.publicCacheControl }
  const apiFragments = createArticleFragments(site, memory.store('apiArticles'))
  const apiKeyPages = createArticleKeyPages(
    services.contentApi,
    () => clock.now(),
    memory.store('apiLists'),
  )
  const articleReads = createArticleReads(services, site, () => clock.now(), memory)
  const unsubscribe = changes.subscribe((change) => {
    cache.purge(change)
    chrome.changed(change)
    apiFragments.changed(change)
    apiKeyPages.changed(change)
    listingReads.changed(change)
    articleReads.changed(change)
    return redirects.changed(change)
  })

  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 300 },
    // Cached pages are answered before Fastify sees the request: a hit costs about what a static file does.
    serverFactory: (handler) =>
      createLimitedServer(config.http, (request, response) => {
        // For a read: another process's commits first, then old addresses (the cache's key
        // drops the ?p=123 that names an old page), then the cache.
        if (request.method === 'GET' || request.method === 'HEAD') {
          noticeForeignWrites(changes)
          if (answerRedirect(redirects, redirectHeaders, request, response)) return
          if (serveFromCache(cache, request, response)) return
          misses
            .answerMiss(request, response, () => handler(request, response))
            .catch((error: unknown) => {
              app.log.error({ err: error }, 'could not answer a page the cache missed')
              response.destroy()
            })
          return
        }
        handler(request, response)
      }),
    // The router rejects some URLs before any hook runs: they still get the headers.
    frameworkErrors: (error, request, reply) => {
      reply.headers(headers)
      sendProblem(request, reply, error).catch((failure: unknown) => {
        request.log.error({ err: failure }, 'could not send the error page')
        if (!reply.raw.headersSent) reply.raw.writeHead(500).end()
      })
    },
  })

  app.decorate('pageCache', cache)
  app.decorate('renderedPages', () => rendered)
  await app.register(securityHeadersPlugin, { headers })
  await app.register(sameOriginPlugin, { siteUrl: config.siteUrl })
  await app.register(renderPlugin, { renderPage })
  await app.register(errorsPlugin, { sendProblem })
  await app.register(staticAssetsPlugin, { assets })
  await app.register(mediaFiles, { media: services.media })
  await app.register(publicSite, {
    services,
    site,
    listingReads,
    articleReads,
    cache,
    cacheControl: config.publicCacheControl,
    feedFullText: config.feedFullText,
  })
  await app.register(apiV1, {
    prefix: '/api/v1',
    services,
    site,
    fragments: apiFragments,
    keyPages: apiKeyPages,
    cache,
    cacheControl: config.publicCacheControl,
  })
  await app.register(newsroom, {
    prefix: '/admin',
    services,
    site,
    secureCookies: config.siteUrl.startsWith('https:'),
  })
  app.addHook('preClose', async () => closeAfterGrace(app.server, config.http.shutdownGraceMs))
  app.addHook('onClose', async () => {
    unsubscribe()
    await redirects.settled()
  })
  return app
}

/**
 * Another process's commits (SQLite): checked before an old address or a
 * cached page is answered. A database that is closing or down is left for the
 * request's own reads to report.
 */
function noticeForeignWrites(changes: ContentChangeFeed): void {
  try {
    changes.checkForeignWrites()
  } catch {
    // Nothing to do here: the app answers the request, and its queries say what is wrong.
  }
}
