import { isPublished, type PublishedArticle } from '../articles/article.js'
import type { Clock } from '../clock.js'
import { NotFoundError, TooManyRequestsError } from '../errors.js'
import { InvalidRequestError } from './invalid-request.js'
import { createRequestLeases } from './request-leases.js'
import type { Author } from '../people/author.js'
import { parseSearchQuery } from '../search/search-query.js'
import type { Section } from '../sections/section.js'
import type { Tag } from '../tags/tag.js'
import type { StoryThread } from '../threads/thread.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { keyedHash, networkOf } from '../comments/reader-identity.js'
import type {
  ArticleKey,
  ContentApiReads,
  ContentFilter,
  VersionedKey,
} from './content-api-store.js'

/** What a client may filter articles by: slugs, instants and search words. */
export interface ArticleQuery {
  section?: string
  tag?: string
  author?: string
  thread?: string
  since?: Date
  until?: Date
  query?: string
}

/** One page of a keyset listing: its items and, when there are more, the key to go on from. */
export interface KeysetPage<T, K> {
  items: T[]
  next: K | undefined
}

/** Items per page: the default and the most a client may ask for. */
export const API_PAGE_SIZE = { default: 20, max: 100 } as const

/** Requests per network per minute that reach the application (cached answers are not counted). */
export const API_WINDOW_MS = 60_000

/** The two APIs, each with its own allowance per network. */
export type ApiScope = 'content' | 'admin'

export type ContentApiService = ReturnType<typeof createContentApiService>

/** The public, read-only Content API: published content only, whoever asks. */
export function createContentApiService({
  stores,
  reads,
  clock,
  requestsPerMinute,
  siteKey,
}: {
  stores: UnitOfWork
  reads: ContentApiReads
  clock: Clock
  requestsPerMinute: Record<ApiScope, number>
  /** The key networks are hashed with: no address is stored. */
  siteKey: () => Promise<string>
}) {
  const leases = createRequestLeases({
    reserve: (networkHash, window, count, limit) =>
      reads.reserveRequests({ networkHash, window, count, limit }),
  })

  const networkHashes = rememberedNetworkHashes(siteKey)

  async function resolveFilter(query: ArticleQuery): Promise<ContentFilter> {
    const filter: ContentFilter = {}
    if (query.section !== undefined) {
      const section = await stores.sections.findBySlug(query.section)
      if (!section) throw notFound('section', query.section)
      filter.sectionId = section.id
    }
    if (query.author !== undefined) {
      const author = await stores.authors.findBySlug(query.author)
      if (!author) throw notFound('author', query.author)
      filter.authorId = author.id
    }
    if (query.tag !== undefined) {
      const tag = await stores.tags.findBySlug(query.tag)
      if (!tag) throw notFound('tag', query.tag)
      filter.tagId = tag.id
    }
    if (query.thread !== undefined) {
      const thread = await stores.threads.findBySlug(query.thread)
      if (!thread) throw notFound('thread', query.thread)
      filter.threadId = thread.id
    }
    if (query.since !== undefined) filter.since = query.since
    if (query.until !== undefined) filter.until = query.until
    if (query.query !== undefined) {
      const parsed = parseSearchQuery(query.query)
      if (!parsed.ok) {
        throw new InvalidRequestError(parsed.problem.code, parsed.problem.message, {
          field: 'query',
        })
      }
      filter.query = parsed.query
    }
    return filter
  }

  async function publishedById(id: string): Promise<PublishedArticle | undefined> {
    const article = await stores.articles.findById(id)
    return article && isPublished(article) ? article : undefined
  }

  return {
    /**
     * Where the published articles matching the query sit, newest first, with
     * their versions: a caller that keeps what it made of an article's version
     * loads only the others (publishedByIds).
     */
    async listArticleKeys(
      query: ArticleQuery,
      after: ArticleKey | undefined,
      limit: number,
    ): Promise<KeysetPage<VersionedKey, ArticleKey>> {
      const filter = await resolveFilter(query)
      const keys = await reads.articleKeys(filter, after, limit + 1)
      const shown = keys.slice(0, limit)
      return { items: shown, next: keys.length > limit ? shown.at(-1) : undefined }
    },

    /** The articles of these ids that are published, in no particular order. */
    async publishedByIds(ids: readonly string[]): Promise<PublishedArticle[]> {
      // An article unpublished (or deleted) since its key was read is left out, not shown.
      return (await stores.articles.findByIds(ids)).filter(isPublished)
    },

    /** A published article by id; drafts and unknown ids are the same NotFoundError. */
    async article(id: string): Promise<PublishedArticle> {
      const article = await publishedById(id)
      if (!article) {
        throw new NotFoundError('article_not_found', `There is no published article ${id}.`)
      }
      return article
    },

    /** A published article by its slug (the last part of its address). */
    async articleBySlug(slug: string): Promise<PublishedArticle> {
      const article = await stores.articles.findBySlug(slug)
      if (!article || !isPublished(article)) {
        throw new NotFoundError('article_not_found', `There is no published article "${slug}".`)
      }
      return article
    },

    /** Every section, in navigation order. */
    sections: (): Promise<Section[]> => stores.sections.list(),

    async authors(after: string | undefined, limit: number): Promise<KeysetPage<Author, string>> {
      const slugs = await reads.authorSlugs(after, limit + 1)
      const shown = slugs.slice(0, limit)
      const authors = await stores.authors.findBySlugs(shown)
      authors.sort((a, b) => (a.slug < b.slug ? -1 : 1))
      return { items: authors, next: slugs.length > limit ? shown.at(-1) : undefined }
    },

    tags: (after: string | undefined, limit: number): Promise<KeysetPage<Tag, string>> =>
      keysetBySlug((from, count) => reads.tags(from, count), after, limit),

    threads: (after: string | undefined, limit: number): Promise<KeysetPage<StoryThread, string>> =>
      keysetBySlug((from, count) => reads.threads(from, count), after, limit),

    /**
     * Counts a request from an address's network to one of the APIs (stored
     * as a keyed hash, never the address; in blocks, request-leases.ts);
     * TooManyRequestsError past the minute's limit. The Admin API counts
     * before the token is checked, so a flood of guesses is limited too.
     */
    async admitRequest(ip: string, scope: ApiScope = 'content'): Promise<void> {
      const limit = requestsPerMinute[scope]
      const prefix = scope === 'content' ? 'api' : 'admin-api'
      const networkHash = await networkHashes.of(`${prefix}:`, ip)
      const now = clock.now().getTime()
      const window = Math.floor(now / API_WINDOW_MS)
      const admitted = await leases.admit(networkHash, window, limit)
      if (!admitted) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil(((window + 1) * API_WINDOW_MS - now) / 1000),
        )
        throw new TooManyRequestsError(
          'api_rate_limited',
          `Too many requests from your network: at most ${limit} a minute. Try again in ${retryAfterSeconds} seconds.`,
          retryAfterSeconds,
        )
      }
    },

    /** Drops the counts of windows that are over. */
    tidy: (): Promise<void> =>
      reads.forgetWindowsBefore(Math.floor(clock.now().getTime() / API_WINDOW_MS) - 1),
  }
}

/** Addresses whose network's hash is remembered at once; past it, all are forgotten. */
const MAX_REMEMBERED_ADDRESSES = 10_000

/** A network's keyed hash, made once per address and key rather than on every request. */
function rememberedNetworkHashes(siteKey: () => Promise<string>) {
  const hashes = new Map<string, string>()
  let hashedWith = ''
  return {
    async of(prefix: string, ip: string): Promise<string> {
      const key = await siteKey()
      if (key !== hashedWith || hashes.size >= MAX_REMEMBERED_ADDRESSES) {
        hashes.clear()
        hashedWith = key
      }
      let hash = hashes.get(prefix + ip)
      if (hash === undefined) {
        hash = keyedHash(key, prefix + networkOf(ip))
        hashes.set(prefix + ip, hash)
      }
      return hash
    },
  }
}

function notFound(kind: string, slug: string): NotFoundError {
  return new NotFoundError(`${kind}_not_found`, `There is no ${kind} "${slug}".`, { field: kind })
}

async function keysetBySlug<T extends { slug: string }>(
  read: (after: string | undefined, limit: number) => Promise<T[]>,
  after: string | undefined,
  limit: number,
): Promise<KeysetPage<T, string>> {
  const rows = await read(after, limit + 1)
  const items = rows.slice(0, limit)
  return { items, next: rows.length > limit ? items.at(-1)?.slug : undefined }
}
