import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Listing } from '../../../domain/articles/listing.js'
import { FEED_FORMATS, feedPath, listingPath } from '../../ui/urls.js'
import type { FeedFormat } from '../../ui/urls.js'
import type { PublicDeps } from '../deps.js'
import { atomDocument, jsonFeedDocument, rssDocument } from '../feeds/feed-documents.js'
import { feedDocumentOf } from '../feeds/feed-model.js'
import { parseOrNotFound, slugParams } from '../../plugins/request-parsing.js'
import { sendDocument } from '../send-document.js'

const WRITERS = { rss: rssDocument, atom: atomDocument, json: jsonFeedDocument }

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}

export interface FeedRouteOptions extends PublicDeps {
  /** Feeds carry each story's rendered body (FEED_FULL_TEXT), or its summary only. */
  feedFullText: boolean
}

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the whole site, each section, each
 * author and each tag: /feed.rss, /news/feed.atom, /authors/SLUG/feed.json,
 * /tags/SLUG/feed.rss… Each lists what its page lists (the domain's Listing).
 * An unknown section, author or tag is a 404.
 */
export async function feedRoutes(
  app: FastifyInstance,
  { services, site, feedFullText }: FeedRouteOptions,
) {
  const { listings } = services

  async function sendFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    format: FeedFormat,
    listing: Listing,
  ) {
    const items = await services.syndication.feedItems(listing.filter, { fullText: feedFullText })
    const feed = feedDocumentOf(listing, items, site)
    return sendDocument(request, reply, {
      body: WRITERS[format](feed),
      contentType: CONTENT_TYPES[format],
      lastModified: feed.entries.length > 0 ? feed.updated : undefined,
      cacheKey: feedPath(listingPath(listing), format),
    })
  }

  const slugOf = (request: FastifyRequest): string =>
    parseOrNotFound(slugParams, request.params).slug

  for (const format of FEED_FORMATS) {
    app.get(`/feed.${format}`, async (request, reply) =>
      sendFeed(request, reply, format, listings.home()),
    )
    app.get(`/:slug/feed.${format}`, async (request, reply) =>
      sendFeed(request, reply, format, await listings.section(slugOf(request))),
    )
    app.get(`/authors/:slug/feed.${format}`, async (request, reply) =>
      sendFeed(request, reply, format, await listings.author(slugOf(request))),
    )
    app.get(`/tags/:slug/feed.${format}`, async (request, reply) =>
      sendFeed(request, reply, format, await listings.tag(slugOf(request))),
    )
  }
}
