import type { ArticleSummary } from '../../domain/articles/article.js'
import type { ContentChange } from '../../domain/changes.js'
import type { FrontPage } from '../../domain/front-page/front-page-service.js'
import type { Paged } from '../../domain/paging.js'
import { keyedMemo, memoUntilChange } from '../read-memo.js'
import { estimateBytes, ownShare, type MemoryShare } from '../../domain/memory-budget.js'
import type { ArticleService } from '../../domain/articles/article-service.js'
import type { Listing, ListingService } from '../../domain/articles/listing.js'
import type { FrontPageService } from '../../domain/front-page/front-page-service.js'

/** Stories on a section, author or tag page. */
export const LISTING_PER_PAGE = 20

export type ListingKind = 'section' | 'author' | 'tag'

/** A section, author or tag, and one page of its stories. */
export interface ListingRead {
  listing: Listing
  paged: Paged<ArticleSummary>
}

/**
 * What the home page and the listings read, computed once per change of the
 * site and kept in memory: a page the cache does not hold (a signed-in
 * editor's, one after a purge, or every page with the cache off) then costs
 * no query for its stories. The front page's set is read again when a pin
 * runs out (`changesAt`, by the injected clock).
 */
export interface PublicReads {
  front(): Promise<FrontPage>
  listing(kind: ListingKind, slug: string, page: number): Promise<ListingRead>
}

export function createPublicReads(
  services: {
    frontPage: Pick<FrontPageService, 'home'>
    listings: ListingService
    articles: Pick<ArticleService, 'listPublished'>
  },
  now: () => Date,
  /** The listings' share of the memory budget (or bytes): every section's first pages and the busiest authors and tags. */
  memory: MemoryShare | number = 2_000_000,
): PublicReads & { changed: (change: ContentChange) => void } {
  const front = memoUntilChange(() => services.frontPage.home(), {
    now,
    expiresAt: (page) => page.changesAt,
  })
  const listings = keyedMemo<ListingRead>(
    typeof memory === 'number' ? ownShare('listings', memory) : memory,
    { now, weigh: estimateBytes },
  )

  return {
    front: front.get,
    listing: (kind, slug, page) =>
      listings.get(`${kind}/${slug}?${page}`, async () => {
        const listing = await services.listings[kind](slug)
        const paged = await services.articles.listPublished(listing.filter, page, LISTING_PER_PAGE)
        return { listing, paged }
      }),
    changed(change) {
      front.changed(change)
      listings.changed(change)
    },
  }
}
