/**
 * Counting API requests per network without a database write for each. A
 * process reserves a block of its network's allowance for the minute in one
 * write and admits from that block in memory, so the limit still holds across
 * every process sharing the database: at most `limit` requests are ever counted.
 * A block a process does not use in its minute is allowance lost, never excess.
 */
export interface LeaseStore {
  /** Counts `count` requests at once; false (nothing counted) if that would pass `limit`. */
  reserve(networkHash: string, window: number, count: number, limit: number): Promise<boolean>
}

/** A twentieth of the limit, between 1 and 50: one write per block at most. */
export const leaseSize = (limit: number): number =>
  Math.max(1, Math.min(50, Math.floor(limit / 20)))

/** Networks remembered at once; past it, those of windows gone by are dropped. */
const MAX_NETWORKS = 10_000

interface Lease {
  window: number
  left: number
  /** The window's allowance is spent, here and everywhere: refuse without asking again. */
  full: boolean
}

export function createRequestLeases(store: LeaseStore) {
  const leases = new Map<string, Lease>()
  // One reservation at a time per network: fifty requests arriving together make one write.
  const reserving = new Map<string, Promise<void>>()

  async function reserve(networkHash: string, window: number, limit: number): Promise<void> {
    if (leases.size >= MAX_NETWORKS) {
      for (const [key, lease] of leases) if (lease.window !== window) leases.delete(key)
    }
    const size = leaseSize(limit)
    // Near the limit a whole block no longer fits: then one at a time, so none is lost.
    for (const count of size > 1 ? [size, 1] : [1]) {
      if (await store.reserve(networkHash, window, count, limit)) {
        leases.set(networkHash, { window, left: count, full: false })
        return
      }
    }
    leases.set(networkHash, { window, left: 0, full: true })
  }

  return {
    /** Whether one more request from the network is within the window's limit; counts it if so. */
    async admit(networkHash: string, window: number, limit: number): Promise<boolean> {
      if (limit < 1) return false
      for (;;) {
        const lease = leases.get(networkHash)
        if (lease?.window === window) {
          if (lease.left > 0) {
            lease.left--
            return true
          }
          if (lease.full) return false
        }
        let pending = reserving.get(networkHash)
        if (!pending) {
          pending = reserve(networkHash, window, limit).finally(() => reserving.delete(networkHash))
          reserving.set(networkHash, pending)
        }
        await pending
      }
    },
  }
}
