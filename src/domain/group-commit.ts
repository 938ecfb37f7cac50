// Group commit. Writes that arrive together share one transaction, and so one
// sync to disk: with SQLite at synchronous=FULL every commit waits for the
// disk, and one transaction per write tops out at a few hundred a second. Each
// write keeps its own savepoint, so one that fails is undone alone, and nobody
// hears how their write went before the commit that makes it durable.
import { StorageFullError, StorageUnavailableError } from './errors.js'
import type { Timers } from './timers.js'
import type { Stores, UnitOfWork } from './unit-of-work.js'

/** A batch is written once it holds `maxUnits`, or `maxWaitMs` after its first unit came, whichever is first. */
export interface GroupCommitLimits {
  maxUnits: number
  maxWaitMs: number
}

/** Reads the units of one batch share (the article every post of a burst asks about): made once per batch. */
export interface SharedReads {
  once<T>(key: string, read: () => Promise<T>): Promise<T>
}

/** One write of a batch, in two steps. */
export interface GroupCommitUnit<P, R> {
  /** Before the batch's transaction: reads and checks. A throw refuses this unit alone, at no cost to the rest. */
  prepare(reads: SharedReads): Promise<P>
  /** In the batch's transaction, in the unit's own savepoint: a throw undoes this unit's writes alone. */
  write(stores: Stores, prepared: P): Promise<R>
}

export interface GroupCommit {
  /** Runs the unit in the next batch; settles once that batch's transaction has committed, or failed. */
  run<P, R>(unit: GroupCommitUnit<P, R>): Promise<R>
  /** Writes what is gathering now, and waits for every batch under way. */
  flush(): Promise<void>
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

interface Waiting {
  unit: GroupCommitUnit<unknown, unknown>
  settle(outcome: Outcome): void
}

interface Ready {
  unit: GroupCommitUnit<unknown, unknown>
  prepared: unknown
}

const failed = (error: unknown): Outcome => ({ ok: false, error })

/**
 * The database itself failing. The transaction may be gone already (SQLite
 * rolls it back on a full disk), so the batch stops and every unit in it hears
 * the failure: nothing more is written into a transaction that will not commit.
 */
function breaksTheBatch(error: unknown): boolean {
  return error instanceof StorageFullError || error instanceof StorageUnavailableError
}

function sharedReads(): SharedReads {
  const answers = new Map<string, Promise<unknown>>()
  return {
    once<T>(key: string, read: () => Promise<T>): Promise<T> {
      const known = answers.get(key) as Promise<T> | undefined
      if (known) return known
      const answer = read()
      answers.set(key, answer)
      // A read that failed is asked again by the next unit that needs it, not handed on.
      void answer.catch(() => answers.delete(key))
      return answer
    },
  }
}

/** A single unit needs no savepoint: its transaction is its own. */
async function writeAlone(
  stores: Pick<UnitOfWork, 'transaction'>,
  { unit, prepared }: Ready,
): Promise<Outcome[]> {
  try {
    return [{ ok: true, value: await stores.transaction((tx) => unit.write(tx, prepared)) }]
  } catch (error) {
    return [failed(error)]
  }
}

function writeTogether(
  stores: Pick<UnitOfWork, 'batch'>,
  ready: readonly Ready[],
): Promise<Outcome[]> {
  return stores.batch(async (inSavepoint) => {
    const outcomes: Outcome[] = []
    for (const { unit, prepared } of ready) {
      try {
        outcomes.push({ ok: true, value: await inSavepoint((tx) => unit.write(tx, prepared)) })
      } catch (error) {
        if (breaksTheBatch(error)) throw error
        outcomes.push(failed(error))
      }
    }
    return outcomes
  })
}

/** Prepares every unit, writes those that are ready in one transaction, then answers each. */
async function commitBatch(
  stores: Pick<UnitOfWork, 'transaction' | 'batch'>,
  batch: readonly Waiting[],
): Promise<void> {
  const reads = sharedReads()
  const prepared = await Promise.allSettled(batch.map(async ({ unit }) => unit.prepare(reads)))
  const outcomes = prepared.map((step) =>
    step.status === 'rejected' ? failed(step.reason) : undefined,
  )
  const readyAt: number[] = []
  const ready: Ready[] = []
  prepared.forEach((step, index) => {
    if (step.status !== 'fulfilled') return
    readyAt.push(index)
    ready.push({ unit: batch[index]!.unit, prepared: step.value })
  })
  try {
    const written =
      ready.length === 0
        ? []
        : ready.length === 1
          ? await writeAlone(stores, ready[0]!)
          : await writeTogether(stores, ready)
    written.forEach((outcome, index) => (outcomes[readyAt[index]!] = outcome))
  } catch (error) {
    // The commit failed: nothing of the batch is durable, so nobody hears otherwise.
    for (const waiting of batch) waiting.settle(failed(error))
    return
  }
  batch.forEach((waiting, index) =>
    waiting.settle(outcomes[index] ?? failed(new Error('no outcome'))),
  )
}

/**
 * Gathers units into batches: one batch is written at a time, and while it
 * is, the next one gathers. The wait is the injected Timers', never a sleep.
 */
export function createGroupCommit({
  stores,
  timers,
  limits,
}: {
  stores: Pick<UnitOfWork, 'transaction' | 'batch'>
  timers: Timers
  limits: GroupCommitLimits
}): GroupCommit {
  let gathering: Waiting[] = []
  let window: { cancel(): void } | undefined
  let due = false
  let writing: Promise<void> | undefined

  function openWindow(): void {
    window = timers.after(limits.maxWaitMs, () => {
      window = undefined
      due = true
      writeNext()
    })
  }

  function writeNext(): void {
    if (writing || !due) return
    due = false
    window?.cancel()
    window = undefined
    if (gathering.length === 0) return
    const batch = gathering.slice(0, limits.maxUnits)
    gathering = gathering.slice(limits.maxUnits)
    if (gathering.length >= limits.maxUnits) due = true
    else if (gathering.length > 0) openWindow()
    writing = commitBatch(stores, batch)
      .catch((error: unknown) => batch.forEach((waiting) => waiting.settle(failed(error))))
      .finally(() => {
        writing = undefined
        writeNext()
      })
  }

  return {
    run<P, R>(unit: GroupCommitUnit<P, R>): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        gathering.push({
          unit,
          settle: (outcome) =>
            outcome.ok
              ? resolve(outcome.value as R)
              : // The unit's own error, passed on as it was thrown.
                // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
                reject(outcome.error),
        })
        if (gathering.length >= limits.maxUnits) {
          due = true
          writeNext()
        } else if (!window) openWindow()
      })
    },

    async flush(): Promise<void> {
      while (writing || gathering.length > 0) {
        if (gathering.length > 0) {
          due = true
          writeNext()
        }
        await writing
      }
    },
  }
}
