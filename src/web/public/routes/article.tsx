import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { PublicDeps } from '../deps.js'
import { articleParams, id, pageQuery, parseOrNotFound } from '../../plugins/request-parsing.js'
import { canonicalPathOf, renderArticlePage } from '../render-article.js'

const articleQuery = z.object({
  comments: pageQuery.shape.page,
  reply: id.optional().catch(undefined),
  comment: z.enum(['held', 'published']).optional().catch(undefined),
})

export async function articleRoutes(app: FastifyInstance, deps: PublicDeps) {
  const { services, site, articleReads: reads } = deps

  app.get('/:year/:month/:day/:slug', async (request, reply) => {
    const path = parseOrNotFound(articleParams, request.params)
    const query = parseOrNotFound(articleQuery, request.query)
    const article = await reads.article(path.slug)
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
