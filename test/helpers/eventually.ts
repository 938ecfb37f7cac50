import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Polls until `check` holds, every 50 ms for up to `ms`: for news from
 * another process (a NOTIFY, another connection's commit) that is on its way.
 */
export async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms
  for (;;) {
    if (await check()) return true
    if (Date.now() > until) return false
    await sleep(50)
  }
}
