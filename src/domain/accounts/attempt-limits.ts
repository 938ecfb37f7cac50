import type { Clock } from '../clock.js'
import { TooManyRequestsError } from '../errors.js'

/**
 * Sign-in attempts allowed in each 15-minute window: per account, per network
 * address, and per browser that has signed in to the account before (its device
 * cookie; it is then exempt from the account's limit, so that someone else's
 * guesses cannot lock the owner out). The second factor counts the same way.
 */
export const LOGIN_LIMITS = {
  perAccount: 5,
  perAddress: 20,
  perDevice: 10,
  windowMs: 15 * 60 * 1000,
} as const

/** Old counters removed per new one: pruning keeps pace with growth, and never takes long. */
const PRUNE_BATCH = 100

export interface AttemptCounterStore {
  /**
   * Counts one more attempt for `key` in the window, in one statement, unless the
   * count has reached `limit`: the new count, or undefined when it had. However
   * many requests run at once, at most `limit` of them get a number.
   */
  reserve(key: string, windowStart: Date, limit: number): Promise<number | undefined>
  /** Gives one attempt back (it succeeded, or another limit refused it). */
  release(key: string, windowStart: Date): Promise<void>
  /** Deletes up to `max` counters of windows before `before`. */
  pruneBefore(before: Date, max: number): Promise<void>
}

/** One counter an attempt must fit under. */
export interface AttemptLimit {
  key: string
  limit: number
}

/** What a reservation took, to give back. */
export interface Reservation {
  windowStart: Date
  keys: string[]
}

export function windowStartOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / LOGIN_LIMITS.windowMs) * LOGIN_LIMITS.windowMs)
}

export function createAttemptLimiter({
  counters,
  clock,
}: {
  counters: AttemptCounterStore
  clock: Clock
}) {
  return {
    /**
     * Takes one attempt under every limit, before any password or code is
     * checked; throws TooManyRequestsError, having taken nothing, when one is full.
     */
    async reserve(limits: readonly AttemptLimit[]): Promise<Reservation> {
      const now = clock.now()
      const windowStart = windowStartOf(now)
      const taken: string[] = []
      for (const { key, limit } of limits) {
        const count = await counters.reserve(key, windowStart, limit)
        if (count === undefined) {
          for (const done of taken) await counters.release(done, windowStart)
          const retryAfterSeconds = Math.max(
            1,
            Math.ceil((windowStart.getTime() + LOGIN_LIMITS.windowMs - now.getTime()) / 1000),
          )
          throw new TooManyRequestsError(
            'too_many_logins',
            `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
            retryAfterSeconds,
          )
        }
        taken.push(key)
        // A new counter: the moment to clear away those of windows gone by.
        if (count === 1) await counters.pruneBefore(windowStart, PRUNE_BATCH)
      }
      return { windowStart, keys: taken }
    },

    /** A success gives its attempts back: only failures use up the limits. */
    async release(reservation: Reservation): Promise<void> {
      for (const key of reservation.keys) await counters.release(key, reservation.windowStart)
    },
  }
}

export type AttemptLimiter = ReturnType<typeof createAttemptLimiter>
