import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { PublishedFilter } from '../../../domain/articles/article-store.js'
import { authorPath, FEED_FORMATS, feedPath, sectionPath, tagPath } from '../../ui/urls.js'
import type { FeedFormat } from '../../ui/urls.js'
import type { PublicDeps } from '../deps.js'
import { atomDocument, jsonFeedDocument, rssDocument } from '../feeds/feed-documents.js'
import { feedDocumentOf, type FeedListing } from '../feeds/feed-model.js'
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
 * /tags/SLUG/feed.rss… An unknown section, author or tag is a 404.
 */
export async function feedRoutes(
  app: FastifyInstance,
  { services, site, feedFullText }: FeedRouteOptions,
) {
  async function sendFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    format: FeedFormat,
    listing: FeedListing,
    filter: PublishedFilter,
  ) {
    const items = await services.syndication.feedItems(filter, { fullText: feedFullText })
    const feed = feedDocumentOf(listing, items, site)
    return sendDocument(request, reply, {
      body: WRITERS[format](feed),
      contentType: CONTENT_TYPES[format],
      lastModified: feed.entries.length > 0 ? feed.updated : undefined,
      cacheKey: feedPath(listing.path, format),
    })
  }

  for (const format of FEED_FORMATS) {
    app.get(`/feed.${format}`, async (request, reply) =>
      sendFeed(
        request,
        reply,
        format,
        { path: '/', title: '', description: `The latest news from ${site.name}.` },
        {},
      ),
    )

    app.get(`/:slug/feed.${format}`, async (request, reply) => {
      const params = parseOrNotFound(slugParams, request.params)
      const section = await services.sections.getBySlug(params.slug)
      return sendFeed(
        request,
        reply,
        format,
        {
          path: sectionPath(section.slug),
          title: section.name,
          description: `The latest ${section.name} stories.`,
        },
        { sectionId: section.id },
      )
    })

    app.get(`/authors/:slug/feed.${format}`, async (request, reply) => {
      const params = parseOrNotFound(slugParams, request.params)
      const author = await services.authors.getBySlug(params.slug)
      return sendFeed(
        request,
        reply,
        format,
        {
          path: authorPath(author.slug),
          title: author.name,
          description: `Stories by ${author.name}.`,
        },
        { authorId: author.id },
      )
    })

    app.get(`/tags/:slug/feed.${format}`, async (request, reply) => {
      const params = parseOrNotFound(slugParams, request.params)
      const tag = await services.tags.getBySlug(params.slug)
      return sendFeed(
        request,
        reply,
        format,
        { path: tagPath(tag.slug), title: tag.name, description: `Stories about ${tag.name}.` },
        { tagId: tag.id },
      )
    })
  }
}
