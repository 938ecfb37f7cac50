import type { ServerResponse } from 'node:http'
import type { ContentChange } from '../../domain/changes.js'
import { pickEncoding } from '../plugins/content-encoding.js'
import { etagMatches, weakEtagOf } from '../plugins/etag.js'
import { ownShare, type MemoryShare } from '../../domain/memory-budget.js'
import { PageBodies, type FlatHeaders } from './page-bodies.js'
import { flat } from '../ui/flat-string.js'

/** The tag of every page that shows one article or its comments: dropped when they change. */
export function articleCacheTag(articleId: string): string {
  return `article:${articleId}`
}

/**
 * How long a page missing only newly added comments may still be served while
 * its new render runs: a reader gets at once what was true a moment ago,
 * rather than waiting behind the render.
 */
export const STALE_WINDOW_MS = 1_000

/** A rendered public page, ready to send in any encoding with its headers prepared. */
export interface CachedPage {
  /** Tags of what the page shows, beyond the site as a whole: 'article:<id>'. */
  tags: readonly string[]
  storedAt: number
  /** When the page changes by itself (a pin or a banner runs out); Infinity when it does not. */
  freshUntil: number
  /** Set when comments were added since it was rendered: served only until then, and only while it renders again. */
  staleUntil?: number
  etag: string
  lastModified: string
  /** The body and complete headers per encoding: a hit is one writeHead and one end. */
  body: PageBodies
  /** What a 304 sends: the headers shared with pages of its kind, and its own. */
  notModified: { shared: FlatHeaders; own: FlatHeaders }
  bytes: number
}

export interface PageCacheOptions {
  /** The cache's share of the memory budget; 0 bytes turns it off. A number bounds it on its own. */
  memory: MemoryShare | number
  /** Pages older than this are rendered again: form tokens and "closes in N days" age. */
  maxAgeMs: number
  cacheControl: string
  securityHeaders: Readonly<Record<string, string>>
  /** Milliseconds since the epoch, from the context's clock (tests move it). */
  now: () => number
}

/**
 * What a kept page costs beyond its bodies, their encodings' overhead
 * (page-bodies.ts) and its key: its entry, its own headers, its bodies'
 * object. Measured over 20,000 pages of a few bytes each: 1.2 KB of heap a
 * page answered in gzip, 1.7 KB in gzip and brotli; 3.4 KB in gzip when each
 * page had a header object per encoding and closures of its own.
 */
const PAGE_OVERHEAD_BYTES = 768

/** Kinds of page headers held at most (each content type, policy and extra header met). */
const MAX_HEADER_KINDS = 64

interface SharedHeaders {
  /** Of a 200 answer, before the page's own. */
  ok: FlatHeaders
  /** Of a 304. */
  notModified: FlatHeaders
}

const flatten = (headers: Readonly<Record<string, string>>): string[] =>
  Object.entries(headers).flat()

export type PageCache = ReturnType<typeof createPageCache>

/**
 * The rendered-page cache: an LRU bounded by bytes, holding each page as
 * rendered and in each compressed form a client has asked for. Dropped by tag,
 * or whole, on content changes.
 */
export function createPageCache(options: PageCacheOptions) {
  const { now } = options
  const pages = new Map<string, CachedPage>()
  const ledger =
    typeof options.memory === 'number' ? ownShare('page cache', options.memory) : options.memory
  // Counts purges. A page is stored only if none happened since its request began: one
  // rendered from data read before a change must not outlive the purge of that change.
  let generation = 0
  // The headers pages of one kind share, held once for all of them.
  const headerKinds = new Map<string, SharedHeaders>()
  function sharedHeaders(
    contentType: string,
    policy: string | undefined,
    extra: Readonly<Record<string, string>>,
  ): SharedHeaders {
    const kind = JSON.stringify([contentType, policy ?? null, extra])
    let shared = headerKinds.get(kind)
    if (shared) return shared
    const security = {
      ...options.securityHeaders,
      ...(policy ? { 'content-security-policy': policy } : {}),
      ...extra,
    }
    const caching = { 'cache-control': options.cacheControl, vary: 'accept-encoding' }
    shared = {
      ok: flatten({ ...security, 'content-type': contentType, ...caching }),
      notModified: flatten({ ...security, ...caching }),
    }
    if (headerKinds.size >= MAX_HEADER_KINDS) headerKinds.clear()
    headerKinds.set(kind, shared)
    return shared
  }

  function evictOverBudget(): void {
    for (const oldest of pages.keys()) {
      if (ledger.used <= ledger.limit) break
      remove(oldest)
    }
  }

  /** Counts what a page's bodies add or drop, unless the page was dropped since it was answered. */
  function grew(key: string, bodies: PageBodies, added: number): void {
    const page = pages.get(key)
    if (page?.body !== bodies) return
    page.bytes += added
    ledger.used += added
    evictOverBudget()
  }

  function remove(key: string): void {
    const page = pages.get(key)
    if (!page) return
    pages.delete(key)
    ledger.used -= page.bytes
  }

  /** The page under `key` unless it is too old or past its freshness; such a page is dropped. */
  function current(key: string): CachedPage | undefined {
    const page = pages.get(key)
    if (!page) return undefined
    const age = now() - page.storedAt
    // A clock set back makes the age negative: such a page is dropped rather than kept longer.
    if (age < 0 || age > options.maxAgeMs || now() >= page.freshUntil) {
      remove(key)
      return undefined
    }
    return page
  }

  return {
    get enabled(): boolean {
      return ledger.limit > 0
    },

    get size(): { pages: number; bytes: number } {
      return { pages: pages.size, bytes: ledger.used }
    },

    /** Changes with every purge; take it when a request begins, give it to set(). */
    get generation(): number {
      return generation
    },

    /** The page under `key`, fresh enough to serve; marks it recently used. */
    get(key: string): CachedPage | undefined {
      const page = current(key)
      if (!page || page.staleUntil !== undefined) return undefined
      // A Map iterates in insertion order: re-inserting makes this the most recent.
      pages.delete(key)
      pages.set(key, page)
      return page
    },

    /**
     * The page under `key` if all it lacks is comments added less than
     * STALE_WINDOW_MS ago: what a reader may get while the page renders again.
     */
    stale(key: string): CachedPage | undefined {
      const page = current(key)
      if (page?.staleUntil === undefined) return undefined
      if (now() < page.staleUntil) return page
      remove(key)
      return undefined
    },

    /**
     * Stores a rendered page, unless the cache was purged after `since` (the
     * generation when its request began); the least recently used go when the cache is full.
     */
    set(
      key: string,
      html: string | Buffer,
      {
        contentType,
        tags,
        since,
        policy,
        freshUntil = Infinity,
        extraHeaders = {},
        etag: given,
      }: {
        contentType: string
        tags: readonly string[]
        since: number
        /** Milliseconds since the epoch when the page stops being true by itself. */
        freshUntil?: number | undefined
        /** The page's own CSP, when it differs from the site's (a page with embeds allows their frames). */
        policy?: string | undefined
        /** Headers of this answer beyond the site's (the API's CORS header). */
        extraHeaders?: Readonly<Record<string, string>>
        /** The answer's entity tag, when the route made one; else one of its bytes. */
        etag?: string | undefined
      },
    ): CachedPage | undefined {
      if (ledger.limit <= 0 || since !== generation) return undefined
      const shared = sharedHeaders(contentType, policy, extraHeaders)
      const identity = Buffer.isBuffer(html) ? html : Buffer.from(html)
      const etag = given ?? weakEtagOf(identity)
      const storedAt = now()
      const lastModified = new Date(storedAt).toUTCString()
      const own = ['etag', flat(etag), 'last-modified', lastModified]
      const page: CachedPage = {
        tags,
        storedAt,
        freshUntil,
        etag,
        lastModified,
        body: new PageBodies(identity, shared.ok, own, grew, key),
        notModified: { shared: shared.notModified, own },
        bytes: PAGE_OVERHEAD_BYTES + identity.length + key.length,
      }
      if (page.bytes > ledger.limit) return undefined
      remove(key)
      pages.set(key, page)
      ledger.used += page.bytes
      evictOverBudget()
      return page
    },

    /**
     * Drops what a change made stale: everything, or the pages tagged with one
     * article; pages that only lack added comments are marked stale instead.
     */
    purge(change: ContentChange): void {
      // A redirect is answered before the cache is asked: no page goes stale.
      if (change.scope === 'redirects') return
      generation++
      if (change.scope === 'site') {
        pages.clear()
        ledger.used = 0
        return
      }
      const tag = articleCacheTag(change.articleId)
      // Comments added: the page stays true, only incomplete, for the window from the first addition.
      const staleUntil = change.scope === 'comments' && change.addedOnly && now() + STALE_WINDOW_MS
      for (const [key, page] of pages) {
        if (!page.tags.includes(tag)) continue
        if (staleUntil) page.staleUntil = Math.min(page.staleUntil ?? Infinity, staleUntil)
        else remove(key)
      }
    },
  }
}

/** Writes a cached page: 304 when the client has it, else the body in its best encoding. */
export function sendCachedPage(
  page: CachedPage,
  request: { method?: string; headers: Record<string, string | string[] | undefined> },
  response: Pick<ServerResponse, 'writeHead' | 'end'>,
): void {
  const ifNoneMatch = request.headers['if-none-match']
  const ifModifiedSince = request.headers['if-modified-since']
  const fresh =
    typeof ifNoneMatch === 'string'
      ? etagMatches(ifNoneMatch, page.etag)
      : typeof ifModifiedSince === 'string' &&
        Date.parse(ifModifiedSince) >= page.storedAt - (page.storedAt % 1000)
  if (fresh) {
    response.writeHead(304, [...page.notModified.shared, ...page.notModified.own])
    response.end()
    return
  }
  const acceptEncoding = request.headers['accept-encoding']
  const encoding = pickEncoding(typeof acceptEncoding === 'string' ? acceptEncoding : undefined)
  const { headers, body } = page.body.in(encoding)
  response.writeHead(200, headers)
  response.end(request.method === 'HEAD' ? undefined : body)
}
