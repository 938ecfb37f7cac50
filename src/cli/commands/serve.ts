import type { AppContext } from '../../context.js'
import { closeOnSignals, listen } from '../../main.js'
import type { CliOutput } from '../io.js'
import { printDemoLogins } from './demo-accounts.js'

/** Serves the site until the process is stopped; the context stays open. */
export async function runServe(ctx: AppContext, out: CliOutput): Promise<'keep-open'> {
  const { app, url } = await listen(ctx)
  closeOnSignals(app, ctx)
  out.log(`Dateline is serving ${ctx.config.siteName} at ${url}`)
  await printDemoLogins(ctx, `${url}/admin`, out)
  out.log('Press Ctrl+C to stop.')
  return 'keep-open'
}
