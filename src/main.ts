import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from './config.js'
import { createContext, type AppContext } from './context.js'
import { describeFatal, StartupError } from './startup-errors.js'
import { startScheduler } from './scheduler.js'
import { startRenditionWorker } from './media/rendition-worker.js'
import { startWebhookSender } from './webhook-sender.js'
import { buildApp } from './web/app.js'
import { collectSooner } from './heap-growth.js'

export { StartupError, describeFatal } from './startup-errors.js'

/** Related lists computed per scheduler poll at most: a large archive's are filled in over time. */
const RELATED_LISTS_PER_TIDY = 2_000
/** Stories rendered and kept per scheduler poll at most (about a millisecond each). */
const STORIES_PER_TIDY = 2_000

export interface RunningServer {
  app: FastifyInstance
  url: string
}

/** Builds the web app over a context and listens on the configured host and port. */
export async function listen(ctx: AppContext): Promise<RunningServer> {
  const { host, port } = ctx.config
  collectSooner()
  await ctx.services.sections.ensureDefaults()
  const app = await buildApp(ctx)
  const scheduler = startScheduler({
    workflow: ctx.services.workflow,
    clock: ctx.clock,
    log: app.log,
    tidy: async () => {
      await ctx.services.comments.tidy()
      await ctx.services.contentApi.tidy()
      // Lists an import or an older version left out; until then those articles are scored when read.
      await ctx.services.related.fillMissing(RELATED_LISTS_PER_TIDY)
      // Stories an import, a restore or an older version left unrendered: rendered when read till then.
      await ctx.services.stories.fillMissing(STORIES_PER_TIDY)
      // Related coverage boxes a saved list cleared: rendered when read till then.
      await ctx.services.stories.fillMissingBoxes(STORIES_PER_TIDY)
    },
  })
  const renditions = startRenditionWorker(ctx.services.media, app.log)
  const webhooks = startWebhookSender({ ...ctx.webhookDelivery, clock: ctx.clock, log: app.log })
  // A committed change may have written to the outbox (here or, on PostgreSQL, in another process).
  const unsubscribe = ctx.changes.subscribe(() => webhooks.nudge())
  const stopNudges = ctx.webhookDelivery.onNudge(() => webhooks.nudge())
  app.addHook('onClose', async () => {
    scheduler.stop()
    unsubscribe()
    stopNudges()
    await webhooks.stop()
    await renditions.stop()
  })
  try {
    await app.listen({ host, port })
  } catch (error) {
    await app.close()
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') {
      throw new StartupError(
        `Port ${port} on ${host} is already in use. Stop the other server, or set PORT to a free port.`,
      )
    }
    if (code === 'EACCES') {
      throw new StartupError(`Not allowed to listen on ${host}:${port}. Choose a port above 1023.`)
    }
    if (code === 'EADDRNOTAVAIL') {
      throw new StartupError(`HOST=${host} is not an address of this machine.`)
    }
    throw error
  }
  const address = app.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const displayHost = host.includes(':') ? `[${host}]` : host
  return { app, url: `http://${displayHost}:${actualPort}` }
}

/** Closes the server, then the database, when the process is asked to stop. */
export function closeOnSignals(app: FastifyInstance, ctx: AppContext): void {
  let closing = false
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    app
      .close()
      .then(() => ctx.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error)
          process.exit(1)
        },
      )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** Serves an existing database: `node dist/main.js`. */
export async function main(env: Record<string, string | undefined>): Promise<void> {
  const ctx = await createContext(loadConfig(env))
  const { app, url } = await listen(ctx).catch(async (error: unknown) => {
    await ctx.close()
    throw error
  })
  closeOnSignals(app, ctx)
  console.log(`Dateline is serving ${ctx.config.siteName} at ${url}`)
}

const isEntryPoint =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)
if (isEntryPoint) {
  main(process.env).catch((error: unknown) => {
    console.error(describeFatal(error))
    process.exit(1)
  })
}
