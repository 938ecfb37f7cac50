import type { FastifyInstance } from 'fastify'
import { pageQuery, parseOrNotFound } from '../../plugins/request-parsing.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { AuditPage } from '../views/audit-page.js'

const PER_PAGE = 50

export async function auditRoutes(app: FastifyInstance, { services }: AdminDeps) {
  app.get('/audit', async (request, reply) => {
    // Anything that cannot be a page number names no page.
    const { page } = parseOrNotFound(pageQuery, request.query)
    const events = await services.audit.list(actorFor(request), page, PER_PAGE)
    const title = events.page > 1 ? `Audit log (page ${events.page})` : 'Audit log'
    return reply.admin(<AuditPage events={events} />, { title, area: 'audit' })
  })
}
