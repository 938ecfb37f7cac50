import type { AppContext } from '../../context.js'
import { closeOnSignals, listen } from '../../main.js'
import { printDemoLogins } from './demo-accounts.js'

/** Serves the site until the process is stopped; the context stays open. */
export async function runServe(ctx: AppContext): Promise<'keep-open'> {
  const { app, url } = await listen(ctx)
  closeOnSignals(app, ctx)
  console.log(`Dateline is serving ${ctx.config.siteName} at ${url}`)
  await printDemoLogins(ctx, `${url}/admin`)
  console.log('Press Ctrl+C to stop.')
  return 'keep-open'
}
