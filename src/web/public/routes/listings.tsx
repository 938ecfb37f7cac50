import { NotFoundError } from '../../../domain/errors.js'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { listingPath, pagePath } from '../../ui/urls.js'
import { pageKey } from '../../page-cache/cache-key.js'
import type { PublicDeps } from '../deps.js'
import type { ListingRead } from '../public-reads.js'
import { HOME_CRUMB, authorProfile, breadcrumbList, websiteSharing } from '../structured-data.js'
import { pageQuery, parseOrNotFound, slugParams } from '../../plugins/request-parsing.js'
import { ListingPage } from '../views/listing-page.js'
import { AuthorPhoto } from '../../ui/byline.js'
import { feedLinks } from '../feeds/feed-model.js'

/** Section, author and tag pages: a paged list of stories under a heading, as their feeds list them. */
export async function listingRoutes(
  app: FastifyInstance,
  { site, listingReads: reads }: PublicDeps,
) {
  async function sendListing(reply: FastifyReply, read: ListingRead, page: number) {
    const { listing, paged } = read
    const path = listingPath(listing)
    // An author or tag with no published story (a draft's byline, a tag whose stories were
    // unpublished) has nothing to show: no empty page for search engines to index.
    if (listing.kind !== 'section' && paged.total === 0) {
      throw new NotFoundError(
        `${listing.kind}_not_found`,
        `There is no ${listing.kind} page "${listing.slug}".`,
      )
    }
    const { title, bio } = listing
    // An author's own words describe their page better than the feed's line.
    const description = bio || listing.description
    // The page's content is a function of the read alone, which is kept until the site changes.
    const view = () => (
      <ListingPage
        title={title}
        intro={
          bio || listing.photo ? (
            <div class="author-intro">
              {listing.photo && <AuthorPhoto photo={listing.photo} size="profile" />}
              {bio && <p class="author-bio">{bio}</p>}
            </div>
          ) : undefined
        }
        path={path}
        listing={paged}
        showSection={listing.kind !== 'section'}
      />
    )
    return reply.page(
      { keptFor: read, view },
      {
        title: page > 1 ? `${title} (page ${page})` : title,
        description,
        canonicalPath: pagePath(path, page),
        cacheKey: pageKey(path, { page: page > 1 ? page : undefined }),
        currentSection: listing.kind === 'section' ? listing.slug : undefined,
        prevPath: page > 1 ? pagePath(path, page - 1) : undefined,
        nextPath: page < paged.pageCount ? pagePath(path, page + 1) : undefined,
        structuredData: [
          breadcrumbList(site, [HOME_CRUMB, { name: title, path }]),
          ...(listing.kind === 'author'
            ? [authorProfile(site, { slug: listing.slug, name: title, bio, photo: listing.photo })]
            : []),
        ],
        sharing: websiteSharing(site, title, description),
        feeds: feedLinks(listing, site),
      },
    )
  }

  for (const kind of ['section', 'author', 'tag'] as const) {
    const route = { section: '/:slug', author: '/authors/:slug', tag: '/tags/:slug' }[kind]
    app.get(route, async (request, reply) => {
      const params = parseOrNotFound(slugParams, request.params)
      const { page } = parseOrNotFound(pageQuery, request.query)
      return sendListing(reply, await reads.listing(kind, params.slug, page), page)
    })
  }
}
