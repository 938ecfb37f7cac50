import type { Clock } from '../clock.js'
import { ValidationError } from '../errors.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { ImageProcessor, RenderedImage } from './image-processor.js'
import { everyRendition } from './crops.js'
import type { MediaItem } from './media.js'
import { originalKey, renditionKey, type MediaStorage } from './media-storage.js'
import {
  RENDITION_MIME_TYPES,
  RENDITION_NAME,
  type RenditionFormat,
  type RenditionSpec,
} from './rendition.js'

/** A rendition as served: its bytes and what to call them. */
export interface ServedRendition {
  bytes: Uint8Array
  contentType: string
  /** Strong: the name says exactly which bytes these are. */
  etag: string
}

/** How long a claim on an item's renditions holds; after it, another process takes over (a crash). */
export const RENDITION_LEASE_MS = 5 * 60_000
/** Claims of one item before it is given up as failed. */
export const MAX_RENDITION_ATTEMPTS = 3
/** Renditions just made, kept ready for requests that were already on their way. */
const RECENT = 32

interface Deferred {
  promise: Promise<Uint8Array>
  resolve(bytes: Uint8Array): void
  reject(error: unknown): void
}

function deferred(): Deferred {
  let resolve!: (bytes: Uint8Array) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<Uint8Array>((yes, no) => {
    resolve = yes
    reject = no
  })
  // Nobody may be waiting for a given rendition: its failure is reported where the work started.
  promise.catch(() => {})
  return { promise, resolve, reject }
}

export type Renditions = ReturnType<typeof createRenditions>

/**
 * Makes and serves renditions. Every rendition being made is one promise in
 * `making`, keyed by its name: a request for it waits for that promise, so no
 * reader ever waits for the same resize twice, and the background job and an
 * early reader share one piece of work. Across processes, a claim on the
 * item's row keeps background jobs apart, and writes are idempotent.
 */
export function createRenditions({
  stores,
  storage,
  processor,
  clock,
}: {
  stores: UnitOfWork
  storage: MediaStorage
  processor: ImageProcessor
  clock: Clock
}) {
  /** Renditions being made, by name. */
  const making = new Map<string, Promise<Uint8Array>>()

  /** Renditions just made, for requests that were already on their way; the oldest are forgotten. */
  const recent = new Map<string, Promise<Uint8Array>>()

  function settle(name: string, promise: Promise<Uint8Array>): void {
    making.delete(name)
    recent.set(name, promise)
    for (const oldest of recent.keys()) {
      if (recent.size <= RECENT) break
      recent.delete(oldest)
    }
  }

  async function store(image: RenderedImage): Promise<void> {
    await storage.put(renditionKey(image.spec.name), image.bytes, {
      contentType: RENDITION_MIME_TYPES[image.spec.format],
    })
    await stores.media.markRenditionMade(image.spec.name, image.bytes.length, clock.now())
  }

  /**
   * Starts making those of `specs` nobody is making yet, from one decode of
   * the original; returns the promise of every one of `specs`.
   */
  function startMaking(
    item: Pick<MediaItem, 'id' | 'contentHash'>,
    specs: readonly RenditionSpec[],
  ): Promise<Uint8Array>[] {
    const own = new Map<string, Deferred>()
    const promises = specs.map((spec) => {
      const existing = making.get(spec.name) ?? recent.get(spec.name)
      if (existing) return existing
      const waiting = deferred()
      own.set(spec.name, waiting)
      making.set(spec.name, waiting.promise)
      return waiting.promise
    })
    if (own.size > 0) {
      void make(
        item,
        specs.filter((spec) => own.has(spec.name)),
        own,
      )
    }
    return promises
  }

  /** Fails every rendition of `own` not yet made, and forgets it, so that the next request tries again. */
  function fail(own: Map<string, Deferred>, error: unknown): void {
    for (const [name, waiting] of own) {
      waiting.reject(error)
      if (making.get(name) === waiting.promise) making.delete(name)
    }
  }

  async function make(
    item: Pick<MediaItem, 'id' | 'contentHash'>,
    work: readonly RenditionSpec[],
    own: Map<string, Deferred>,
  ): Promise<void> {
    try {
      const original = await storage.get(originalKey(item.contentHash))
      if (!original) throw new Error(`the original of image ${item.id} is not in storage`)
      await processor.render(original, work, async (image) => {
        await store(image)
        const done = own.get(image.spec.name)
        if (!done) return
        done.resolve(image.bytes)
        own.delete(image.spec.name)
        settle(image.spec.name, done.promise)
      })
      if (own.size > 0) {
        fail(own, new Error(`the image processor left out renditions of ${item.id}`))
      }
    } catch (error) {
      fail(own, error)
    }
  }

  function served(name: string, bytes: Uint8Array): ServedRendition {
    const extension = name.slice(name.lastIndexOf('.') + 1)
    const format: RenditionFormat = extension === 'jpg' ? 'jpeg' : (extension as RenditionFormat)
    return { bytes, contentType: RENDITION_MIME_TYPES[format], etag: `"${name}"` }
  }

  /** Makes whatever is missing of one claimed item's renditions, then marks it ready (or failed). */
  async function finish(item: MediaItem & { attempts: number }): Promise<void> {
    if (item.attempts > MAX_RENDITION_ATTEMPTS) {
      await stores.media.setRenditionsStatus(item.id, 'failed')
      return
    }
    // What the image should have now (a new focal point means new crops), as rows first.
    const stored = await stores.media.renditions(item.id)
    const known = new Set(stored.map((rendition) => rendition.name))
    const unplanned = everyRendition(item).filter((spec) => !known.has(spec.name))
    if (unplanned.length > 0) await stores.media.addRenditions(item.id, unplanned)
    const missing = [...stored.filter((r) => r.madeAt === null), ...unplanned]
    try {
      await Promise.all(startMaking(item, missing))
    } catch (error) {
      // The file itself is at fault: trying again will not help.
      if (error instanceof ValidationError) {
        await stores.media.setRenditionsStatus(item.id, 'failed')
        return
      }
      throw error
    }
    await stores.media.setRenditionsStatus(item.id, 'ready')
  }

  return {
    /**
     * A rendition's bytes by its name, made now if it has not been yet;
     * undefined for a name that is not one of the library's renditions.
     */
    async read(name: string): Promise<ServedRendition | undefined> {
      if (!RENDITION_NAME.test(name)) return undefined
      const pending = making.get(name) ?? recent.get(name)
      if (pending) return served(name, await pending)
      const rendition = await stores.media.findRendition(name)
      if (!rendition) return undefined
      if (rendition.madeAt) {
        const bytes = await storage.get(renditionKey(name))
        if (bytes) return served(name, bytes)
      }
      const item = await stores.media.findById(rendition.mediaId)
      if (!item) return undefined
      const [bytes] = await Promise.all(startMaking(item, [rendition]))
      return bytes && served(name, bytes)
    },

    /**
     * The background job: claims items with renditions still to make, one at a
     * time, until none is left. Safe to run in several processes at once, and
     * after a crash (a claim lapses after RENDITION_LEASE_MS). Returns how many
     * items it finished; stops before the next item once `until` says so.
     */
    async processPending({ until }: { until?: () => boolean } = {}): Promise<number> {
      let finished = 0
      for (;;) {
        // A stopping server finishes the item in hand, and claims no more.
        if (until?.()) return finished
        const now = clock.now()
        const item = await stores.media.claimPending(
          now,
          new Date(now.getTime() - RENDITION_LEASE_MS),
        )
        if (!item) return finished
        await finish(item)
        finished += 1
      }
    },
  }
}
