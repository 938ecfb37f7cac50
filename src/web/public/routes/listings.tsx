import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ComponentChildren } from 'preact'
import type { ArticleSummary } from '../../../domain/articles/article.js'
import type { Paged } from '../../../domain/paging.js'
import { authorPath, pagePath, sectionPath, tagPath } from '../../ui/urls.js'
import { pageKey } from '../../page-cache/cache-key.js'
import type { PublicDeps } from '../deps.js'
import type { SiteInfo } from '../../ui/site.js'
import { HOME_CRUMB, authorProfile, breadcrumbList, websiteSharing } from '../structured-data.js'
import { pageQuery, parseOrNotFound, slugParams } from '../../plugins/request-parsing.js'
import { ListingPage } from '../views/listing-page.js'
import { feedLinks } from '../feeds/feed-model.js'

const PER_PAGE = 20

interface Listing {
  title: string
  description: string
  path: string
  listing: Paged<ArticleSummary>
  intro?: ComponentChildren
  currentSection?: string
  /** schema.org objects beyond the breadcrumbs (an author's profile). */
  structuredData?: readonly object[]
}

function sendListing(
  reply: FastifyReply,
  site: SiteInfo,
  { title, description, path, listing, intro, currentSection, structuredData = [] }: Listing,
) {
  const { page, pageCount } = listing
  return reply.page(
    <ListingPage
      title={title}
      intro={intro}
      path={path}
      listing={listing}
      showSection={!currentSection}
    />,
    {
      title: page > 1 ? `${title} (page ${page})` : title,
      description,
      canonicalPath: pagePath(path, page),
      cacheKey: pageKey(path, { page: page > 1 ? page : undefined }),
      currentSection,
      prevPath: page > 1 ? pagePath(path, page - 1) : undefined,
      nextPath: page < pageCount ? pagePath(path, page + 1) : undefined,
      structuredData: [
        breadcrumbList(site, [HOME_CRUMB, { name: title, path }]),
        ...structuredData,
      ],
      sharing: websiteSharing(site, title, description),
      feeds: feedLinks({ path, title }, site),
    },
  )
}

/** Section, author and tag pages: a paged list of stories under a heading. */
export async function listingRoutes(app: FastifyInstance, { services, site }: PublicDeps) {
  app.get('/:slug', async (request, reply) => {
    const params = parseOrNotFound(slugParams, request.params)
    const { page } = parseOrNotFound(pageQuery, request.query)
    const section = await services.sections.getBySlug(params.slug)
    return sendListing(reply, site, {
      title: section.name,
      description: `The latest ${section.name} stories.`,
      path: sectionPath(section.slug),
      listing: await services.articles.listPublished({ sectionId: section.id }, page, PER_PAGE),
      currentSection: section.slug,
    })
  })

  app.get('/authors/:slug', async (request, reply) => {
    const params = parseOrNotFound(slugParams, request.params)
    const { page } = parseOrNotFound(pageQuery, request.query)
    const author = await services.authors.getBySlug(params.slug)
    return sendListing(reply, site, {
      title: author.name,
      description: author.bio || `Stories by ${author.name}.`,
      path: authorPath(author.slug),
      listing: await services.articles.listPublished({ authorId: author.id }, page, PER_PAGE),
      intro: author.bio ? <p class="author-bio">{author.bio}</p> : undefined,
      structuredData: [authorProfile(site, author)],
    })
  })

  app.get('/tags/:slug', async (request, reply) => {
    const params = parseOrNotFound(slugParams, request.params)
    const { page } = parseOrNotFound(pageQuery, request.query)
    const tag = await services.tags.getBySlug(params.slug)
    return sendListing(reply, site, {
      title: tag.name,
      description: `Stories about ${tag.name}.`,
      path: tagPath(tag.slug),
      listing: await services.articles.listPublished({ tagId: tag.id }, page, PER_PAGE),
    })
  })
}
