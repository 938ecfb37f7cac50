import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { MAX_PAGE } from '../../../domain/articles/article-service.js'
import { NotFoundError } from '../../../domain/errors.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { AuditPage } from '../views/audit-page.js'

const PER_PAGE = 50

/** `?page=N`; anything that cannot be a page number names no page. */
const query = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
})

export async function auditRoutes(app: FastifyInstance, { services }: AdminDeps) {
  app.get('/audit', async (request, reply) => {
    const parsed = query.safeParse(request.query ?? {})
    if (!parsed.success) throw new NotFoundError('page_not_found', 'There is no such page.')
    const events = await services.audit.list(actorFor(request), parsed.data.page, PER_PAGE)
    const title = events.page > 1 ? `Audit log (page ${events.page})` : 'Audit log'
    return reply.admin(<AuditPage events={events} />, { title, area: 'audit' })
  })
}
