import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { archiveFilter, type ArchivePeriod } from '../../../domain/articles/archive.js'
import { formatLongDate, formatMonthYear, zonedTimeToInstant } from '../../../text/dates.js'
import { pageKey } from '../../page-cache/cache-key.js'
import type { SiteInfo } from '../../ui/site.js'
import { archivePath, pagePath } from '../../ui/urls.js'
import type { PublicDeps } from '../deps.js'
import { fourDigits, pageQuery, parseOrNotFound, twoDigits } from '../../plugins/request-parsing.js'
import { HOME_CRUMB, breadcrumbList, websiteSharing, type Crumb } from '../structured-data.js'
import { ArchivePage } from '../views/archive-page.js'

const PER_PAGE = 20

// Regex parameters: a four-digit first segment is a year, never a section
// (section slugs start with a letter), and these routes stay clear of `/:slug`
// and `/:year/:month/:day/:slug` in the router.
const YEAR = ':year(^\\d{4}$)'
const MONTH = ':month(^\\d{2}$)'
const DAY = ':day(^\\d{2}$)'

const year = fourDigits.transform(Number)
const monthOrDay = twoDigits.transform(Number)
const periodParams = z.union([
  z.object({ year, month: monthOrDay, day: monthOrDay }),
  z.object({ year, month: monthOrDay }),
  z.object({ year }),
])

/** The heading of a period, and its name in breadcrumbs. */
function nameOf(period: ArchivePeriod, site: SiteInfo): string {
  const { year, month, day } = period
  if (month === undefined) return String(year)
  if (day === undefined) return formatMonthYear({ year, month }, site.language)
  // Noon: the day's name, whatever the zone's offset.
  const noon = zonedTimeToInstant({ year, month, day, hour: 12 }, site.timeZone)
  return formatLongDate(noon, { timeZone: site.timeZone, locale: site.language })
}

/** Home, then each period above this one. */
function levelsAbove(period: ArchivePeriod, site: SiteInfo): Crumb[] {
  const up: Crumb[] = [HOME_CRUMB]
  if (period.month !== undefined) {
    up.push({ name: String(period.year), path: archivePath({ year: period.year }) })
  }
  if (period.day !== undefined) {
    const month = { year: period.year, month: period.month }
    up.push({ name: nameOf(month, site), path: archivePath(month) })
  }
  return up
}

/** The date archive: /YYYY, /YYYY/MM and /YYYY/MM/DD in the site's time zone. */
export async function archiveRoutes(app: FastifyInstance, { services, site }: PublicDeps) {
  async function archivePage(request: FastifyRequest, reply: FastifyReply) {
    const period: ArchivePeriod = parseOrNotFound(periodParams, request.params)
    const { page } = parseOrNotFound(pageQuery, request.query)
    const filter = archiveFilter(period, site.timeZone)
    const listing = await services.articles.listPublished(filter, page, PER_PAGE)
    const path = archivePath(period)
    const heading = nameOf(period, site)
    const up = levelsAbove(period, site)
    const when = period.day === undefined ? `in ${heading}` : `on ${heading}`
    const content = (
      <ArchivePage
        heading={heading}
        up={up}
        path={path}
        listing={listing}
        nothingText={`Nothing was published ${when}.`}
      />
    )
    // A real date with no stories names no page: a 404 that still says so and
    // links up a level. Empty dates are endless; none of them is indexed or cached.
    if (listing.total === 0) {
      return reply.page(content, { title: heading, noindex: true, status: 404 })
    }
    const description = `Stories published ${when}.`
    return reply.page(content, {
      title: page > 1 ? `${heading} (page ${page})` : heading,
      description,
      canonicalPath: pagePath(path, page),
      cacheKey: pageKey(path, { page: page > 1 ? page : undefined }),
      prevPath: page > 1 ? pagePath(path, page - 1) : undefined,
      nextPath: page < listing.pageCount ? pagePath(path, page + 1) : undefined,
      structuredData: [breadcrumbList(site, [...up, { name: heading, path }])],
      sharing: websiteSharing(site, heading, description),
    })
  }

  app.get(`/${YEAR}`, archivePage)
  app.get(`/${YEAR}/${MONTH}`, archivePage)
  app.get(`/${YEAR}/${MONTH}/${DAY}`, archivePage)
}
