import type { Clock } from '../clock.js'
import { ValidationError } from '../errors.js'
import type { Stores } from '../unit-of-work.js'
import { localKeyOf, redirectKey, type RedirectSource } from './redirect.js'

export interface RedirectMove {
  /** The old address's key (oldAddressKey or redirectKey). */
  from: string
  /** Its new address (newAddress, or a path the caller built). */
  to: string
}

/**
 * A listing page and its feeds, each to the same address under the listing
 * that takes its articles: a section, author or tag removed into another.
 */
export function listingMoves(fromPath: string, toPath: string): RedirectMove[] {
  return ['', '/feed.rss', '/feed.atom', '/feed.json'].flatMap((suffix) => {
    const key = redirectKey(`${fromPath}${suffix}`)
    return key === undefined ? [] : [{ from: key, to: `${toPath}${suffix}` }]
  })
}

/**
 * Saves redirects inside the caller's transaction, keeping every chain one
 * hop: a new target that is itself redirected is followed, and redirects to
 * the old address now go straight to the new one. A move that would lead
 * back to where it started is refused. Sections, authors and imports call
 * this with the transaction that moved what the old address showed.
 */
export async function saveRedirects(
  stores: Pick<Stores, 'redirects'>,
  clock: Clock,
  moves: readonly RedirectMove[],
  source: RedirectSource,
): Promise<void> {
  const now = clock.now()
  for (const move of moves) {
    let to = move.to
    const targetKey = localKeyOf(to)
    if (targetKey !== undefined) {
      const onward = await stores.redirects.find(targetKey)
      if (onward) to = onward.to
    }
    if (localKeyOf(to) === move.from) {
      throw new ValidationError('redirect_loop', `${move.from} would redirect to itself.`, {
        field: 'to',
      })
    }
    const existing = await stores.redirects.find(move.from)
    await stores.redirects.save({
      from: move.from,
      to,
      source,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    })
    await stores.redirects.retarget(move.from, to, now)
  }
}
