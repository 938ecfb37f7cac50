import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { parseOrNotFound } from '../../plugins/request-parsing.js'
import { THEME_PATH } from '../../ui/site.js'

const themeQuery = z.object({ accent: z.string().regex(/^[0-9a-f]{6}$/) })

/**
 * The accent colour as a stylesheet: the strict CSP allows no inline style,
 * and a colour in the address makes the answer the same forever.
 */
export async function themeRoutes(app: FastifyInstance) {
  app.get(THEME_PATH, async (request, reply) => {
    const missing = { code: 'theme_not_found', message: 'No such colour.' }
    const { accent } = parseOrNotFound(themeQuery, request.query, missing)
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(`:root{--accent:#${accent}}\n`)
  })
}
