import type { FastifyInstance } from 'fastify'

export async function robotsRoutes(app: FastifyInstance) {
  app.get('/robots.txt', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send('User-agent: *\nDisallow: /admin/\n'),
  )
}
