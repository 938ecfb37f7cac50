import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ARTICLE_STATUSES } from '../../../domain/articles/article.js'
import { HEADLINE_SEARCH_LIMIT } from '../../../domain/articles/article-store.js'
import { can } from '../../../domain/access/policy.js'
import { MAX_SECTION_SLUG_LENGTH } from '../../../domain/sections/section.js'
import { forgivingPage } from '../../plugins/request-parsing.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { DashboardPage } from '../views/dashboard-page.js'

const query = z.object({
  status: z.enum(ARTICLE_STATUSES).optional().catch(undefined),
  section: z.string().max(MAX_SECTION_SLUG_LENGTH).optional().catch(undefined),
  q: z.string().max(HEADLINE_SEARCH_LIMIT).optional().catch(undefined),
  page: forgivingPage,
})

export async function dashboardRoutes(app: FastifyInstance, { services }: AdminDeps) {
  app.get('/', async (request, reply) => {
    const params = query.parse(request.query ?? {})
    const sections = await services.sections.list()
    const section = sections.find((s) => s.slug === params.section)
    const dashboardQuery = {
      status: params.status,
      sectionId: section?.id,
      headline: params.q?.trim() || undefined,
      page: params.page,
    }
    const actor = actorFor(request)
    const [dashboard, commentCounts] = await Promise.all([
      services.dashboard.load(actor, dashboardQuery),
      can(actor, 'comments:moderate') ? services.comments.countsByStatus(actor) : undefined,
    ])
    const filters = {
      status: params.status,
      section: section?.slug ?? '',
      headline: params.q?.trim() ?? '',
    }
    return reply.admin(
      <DashboardPage
        dashboard={dashboard}
        sections={sections}
        filters={filters}
        query={dashboardQuery}
        commentsWaiting={commentCounts?.pending}
      />,
      {
        title: 'Dashboard',
        area: 'dashboard',
      },
    )
  })
}
