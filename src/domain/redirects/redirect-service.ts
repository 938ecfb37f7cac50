import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import { paginate, type Paged } from '../paging.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { readRedirectCsv, type CsvProblem } from './redirect-csv.js'
import { newAddress, oldAddressKey, redirectKey, type Redirect } from './redirect.js'
import { saveRedirects } from './save-redirects.js'

export type RedirectService = ReturnType<typeof createRedirectService>

export const REDIRECTS_PER_PAGE = 50

export function createRedirectService({
  stores,
  clock,
  newId,
  changes,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  changes: ContentChanges
}) {
  const audited = { clock, newId }

  return {
    /** One page of redirects, those whose old address contains `query` when one is given. */
    async list(actor: Actor, page: number, query = ''): Promise<Paged<Redirect>> {
      authorize(actor, 'redirects:manage')
      const search = query.trim().toLowerCase().slice(0, 200)
      const total = await stores.redirects.count(search)
      return paginate({ page, perPage: REDIRECTS_PER_PAGE, total }, (window) =>
        stores.redirects.list(search, window),
      )
    },

    /** Adds or changes the redirect from an old address, as typed by an editor. */
    async save(actor: Actor, typed: { from: string; to: string }): Promise<Redirect> {
      authorize(actor, 'redirects:manage')
      const from = oldAddressKey(typed.from)
      const to = newAddress(typed.to)
      const saved = await stores.transaction(async (tx) => {
        await saveRedirects(tx, clock, [{ from, to }], 'editor')
        await recordAudit(tx.audit, audited, {
          actor,
          action: 'redirect_saved',
          subject: from,
          details: `to ${to}`,
        })
        return tx.redirects.find(from)
      })
      await changes.announce({ scope: 'redirects' })
      if (!saved) throw new Error(`the redirect from ${from} was saved but cannot be read back`)
      return saved
    },

    async remove(actor: Actor, typedFrom: string): Promise<void> {
      authorize(actor, 'redirects:manage')
      const from = redirectKey(typedFrom)
      await stores.transaction(async (tx) => {
        if (!from || !(await tx.redirects.remove(from))) {
          throw new NotFoundError('redirect_not_found', `There is no redirect from ${typedFrom}.`)
        }
        await recordAudit(tx.audit, audited, { actor, action: 'redirect_removed', subject: from })
      })
      await changes.announce({ scope: 'redirects' })
    },

    /**
     * Redirects from a CSV file of old and new addresses: all of them, or,
     * when any line has a problem, none and every problem by line.
     */
    async importCsv(
      actor: Actor,
      text: string,
    ): Promise<{ saved: number; problems: CsvProblem[] }> {
      authorize(actor, 'redirects:manage')
      const { moves, problems } = readRedirectCsv(text)
      if (problems.length > 0) return { saved: 0, problems }
      if (moves.length === 0) {
        throw new ValidationError('csv_empty', 'The file has no redirects in it.', {
          field: 'file',
        })
      }
      await stores.transaction(async (tx) => {
        await saveRedirects(tx, clock, moves, 'csv')
        await recordAudit(tx.audit, audited, {
          actor,
          action: 'redirects_imported',
          subject: `${moves.length} redirects`,
          details: 'from a CSV file',
        })
      })
      await changes.announce({ scope: 'redirects' })
      return { saved: moves.length, problems: [] }
    },

    /** Every redirect, for the web app's index, with the stamp it was read at. */
    async snapshot(): Promise<{ stamp: string; pairs: Array<Pick<Redirect, 'from' | 'to'>> }> {
      const stamp = await stores.redirects.stamp()
      return { stamp, pairs: await stores.redirects.all() }
    },

    /** Changes whenever any redirect does: cheap enough to ask after every content change. */
    stamp: (): Promise<string> => stores.redirects.stamp(),
  }
}
