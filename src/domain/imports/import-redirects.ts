// Every address an imported story had answers 301 with its new one, through
// the same redirects editors manage (source 'import'). Only stories readers
// can see get them: a draft has no public address to send anyone to.
import type { Article } from '../articles/article.js'
import type { Clock } from '../clock.js'
import { DomainError } from '../errors.js'
import { localKeyOf, oldAddressKey, pathOfKey } from '../redirects/redirect.js'
import { saveRedirects, type RedirectMove } from '../redirects/save-redirects.js'
import type { Stores } from '../unit-of-work.js'

/** Saves the story's redirects in the caller's transaction; returns how many. */
export async function importRedirects(
  tx: Stores,
  clock: Clock,
  {
    article,
    to,
    oldAddresses,
    problems,
  }: { article: Article; to: string; oldAddresses: readonly string[]; problems: string[] },
): Promise<number> {
  if (article.status !== 'published') return 0
  const target = localKeyOf(to)
  const moves: RedirectMove[] = []
  for (const address of oldAddresses) {
    let from: string
    try {
      from = oldAddressKey(address)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      problems.push(`The old address ${address} was not redirected: ${error.message}`)
      continue
    }
    if (from === target) continue
    const path = pathOfKey(from)
    // A one-part path that is a section's page stays that page.
    if (/^\/[^/]+$/.test(path) && from === path && (await tx.sections.findBySlug(path.slice(1)))) {
      problems.push(`The old address ${address} is a section's page here; it was not redirected.`)
      continue
    }
    moves.push({ from, to })
  }
  await saveRedirects(tx, clock, moves, 'import')
  return moves.length
}
