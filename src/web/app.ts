import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Config } from '../config.js'
import { ASSETS_DIR, loadAssets, type Asset } from './assets.js'
import { createProblemSender, errorsPlugin } from './plugins/errors.js'
import { createPageRenderer, renderPlugin } from './plugins/render.js'
import { securityHeaders, securityHeadersPlugin } from './plugins/security-headers.js'
import { staticAssetsPlugin } from './plugins/static-assets.js'
import type { AdminDeps } from './admin/deps.js'
import { newsroom } from './admin/index.js'
import type { PublicDeps } from './public/deps.js'
import { publicSite } from './public/index.js'
import type { SiteInfo } from './ui/site.js'

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
  >
  services: PublicDeps['services'] & AdminDeps['services']
}

export interface AppOptions {
  /** Overrides the logger (tests pass false). */
  logger?: FastifyServerOptions['logger']
}

/** Builds the web app without listening: the server, the tests and the benchmark all call it. */
export async function buildApp(
  { config, services }: AppDeps,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const assets = loadAssets(ASSETS_DIR.pathname)
  const site = siteInfo(config, assets)
  const renderPage = createPageRenderer(site, () => services.sections.list())
  const sendProblem = createProblemSender(renderPage)
  const headers = securityHeaders({ https: config.siteUrl.startsWith('https:') })

  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 300 },
    // The router rejects some URLs before any hook runs: they still get the headers.
    frameworkErrors: (error, request, reply) => {
      reply.headers(headers)
      sendProblem(request, reply, error).catch((failure: unknown) => {
        request.log.error({ err: failure }, 'could not send the error page')
        if (!reply.raw.headersSent) reply.raw.writeHead(500).end()
      })
    },
  })

  await app.register(securityHeadersPlugin, { headers })
  await app.register(renderPlugin, { renderPage })
  await app.register(errorsPlugin, { sendProblem })
  await app.register(staticAssetsPlugin, { assets })
  await app.register(publicSite, { services, site })
  await app.register(newsroom, {
    prefix: '/admin',
    services,
    site,
    secureCookies: config.siteUrl.startsWith('https:'),
  })
  return app
}

function siteInfo(config: AppDeps['config'], assets: Map<string, Asset>): SiteInfo {
  const assetPath = (name: string): string => {
    const asset = assets.get(name)
    if (!asset) throw new Error(`missing asset ${name} in ${ASSETS_DIR.pathname}`)
    return asset.path
  }
  return {
    name: config.siteName,
    url: config.siteUrl,
    language: config.siteLanguage,
    timeZone: config.siteTimeZone,
    stylesheet: assetPath('site.css'),
    favicon: assetPath('favicon.svg'),
    adminStylesheet: assetPath('admin.css'),
    adminScript: assetPath('admin.js'),
    commentsScript: assetPath('comments.js'),
  }
}
