import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { PreviewLink } from '../../../domain/previews/preview-link.js'
import type { Problem } from '../../plugins/problems.js'
import { formOf, queryParam, text } from '../../plugins/request-parsing.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { handleForm } from '../forms.js'
import { PreviewLinksPage } from '../views/preview-links-page.js'
import { articleId } from './articles.js'

const DEFAULT_DURATION = '24h'

/** A draft's preview links: make one, list those that still work, revoke one. */
export async function previewLinkRoutes(app: FastifyInstance, { services, site }: AdminDeps) {
  const { previews, editing } = services

  async function renderLinks(
    request: FastifyRequest,
    reply: FastifyReply,
    shown: {
      created?: { token: string; link: PreviewLink }
      duration?: string
      problem?: Problem
      notice?: string
    } = {},
  ): Promise<FastifyReply> {
    const actor = actorFor(request)
    const id = articleId(request)
    const [article, links] = await Promise.all([editing.get(actor, id), previews.live(actor, id)])
    const { created, problem } = shown
    return reply.admin(
      <PreviewLinksPage
        article={article}
        links={links}
        created={created && { url: `${site.url}/preview/${created.token}`, link: created.link }}
        duration={shown.duration ?? DEFAULT_DURATION}
        problem={problem}
        notice={shown.notice}
      />,
      { title: `Preview links: ${article.headline || '(no headline)'}`, status: problem?.status },
    )
  }

  app.get('/articles/:id/previews', async (request, reply) => {
    const revoked = queryParam(request, 'revoked') === '1'
    return renderLinks(
      request,
      reply,
      revoked ? { notice: 'Revoked: that link no longer works.' } : {},
    )
  })

  app.post('/articles/:id/previews', async (request, reply) => {
    const id = articleId(request)
    const duration = text(formOf(request), 'duration')
    return handleForm(request, reply, {
      run: async () => {
        const created = await previews.create(actorFor(request), id, duration)
        // Shown once, here: the token is not kept, so there is no page to redirect to.
        return renderLinks(request, reply, { created, duration })
      },
      render: (problem) => renderLinks(request, reply, { problem, duration }),
    })
  })

  app.post<{ Params: { id: string; link: string } }>(
    '/articles/:id/previews/:link/revoke',
    async (request, reply) => {
      const id = articleId(request)
      return handleForm(request, reply, {
        run: async () => {
          await previews.revoke(actorFor(request), id, request.params.link)
          return reply.redirect(`/admin/articles/${id}/previews?revoked=1`, 303)
        },
        render: (problem) => renderLinks(request, reply, { problem }),
      })
    },
  )
}
