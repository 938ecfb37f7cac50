import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { PublicDeps } from '../deps.js'
import { parseOrNotFound, slug } from '../params.js'
import { canonicalPathOf, renderArticlePage } from '../render-article.js'

export const articleParams = z.object({
  year: z.string().regex(/^\d{4}$/),
  month: z.string().regex(/^\d{2}$/),
  day: z.string().regex(/^\d{2}$/),
  slug,
})

const articleQuery = z.object({
  comments: z.coerce.number().int().min(1).max(10_000).default(1),
  reply: z
    .string()
    .regex(/^[0-9a-f-]{36}$/)
    .optional()
    .catch(undefined),
  comment: z.enum(['held', 'published']).optional().catch(undefined),
})

export async function articleRoutes(app: FastifyInstance, deps: PublicDeps) {
  const { services, site } = deps

  app.get('/:year/:month/:day/:slug', async (request, reply) => {
    const path = parseOrNotFound(articleParams, request.params)
    const query = parseOrNotFound(articleQuery, request.query)
    const article = await services.articles.getPublishedBySlug(path.slug)
    const canonicalPath = canonicalPathOf(article, site.timeZone)
    // The slug identifies the story; a wrong date in the link is corrected, not refused.
    if (request.url.split('?')[0] !== canonicalPath) return reply.redirect(canonicalPath, 301)

    const replyTo = query.reply
      ? await services.comments.approvedComment(article.id, query.reply)
      : undefined
    return renderArticlePage(reply, deps, article, {
      commentPage: query.comments,
      form: {
        notice: query.comment,
        replyTo,
        values: { name: '', email: '', body: '', parentId: replyTo?.id ?? '' },
      },
    })
  })
}
