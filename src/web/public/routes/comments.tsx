import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ForbiddenError, TooManyRequestsError } from '../../../domain/errors.js'
import { problemOf, type FormProblem } from '../../plugins/domain-status.js'
import { commentsAtom, commentsJson, type CommentFeedInput } from '../comment-feeds.js'
import type { PublicDeps } from '../deps.js'
import { parseOrNotFound } from '../params.js'
import { canonicalPathOf, renderArticlePage, type PublishedArticle } from '../render-article.js'
import { articleParams } from './article.js'

/** A comment and its few fields, with room to spare. */
const COMMENT_BODY_LIMIT = 64 * 1024

function field(body: unknown, name: string): string {
  const value =
    body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined
  return typeof value === 'string' ? value : ''
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  return accept.includes('application/json') && !accept.includes('text/html')
}

/** A form posted from another site (plugins/same-origin.ts decides): refused with the form kept. */
function assertSameOrigin(request: FastifyRequest): void {
  if (request.crossSite) {
    throw new ForbiddenError('cross_site_post', 'Comments can only be posted from this site.')
  }
}

/** The comment route answers a cross-site post itself, in the form's own shape. */
const ownOriginCheck = { config: { refusesCrossSiteItself: true } }

export async function commentRoutes(app: FastifyInstance, deps: PublicDeps) {
  const { services, site } = deps
  await app.register(formbody, { bodyLimit: COMMENT_BODY_LIMIT })

  async function publishedArticle(request: FastifyRequest): Promise<PublishedArticle> {
    const path = parseOrNotFound(articleParams, request.params)
    const found = await services.articles.getPublishedBySlug(path.slug)
    return { ...found, publishedAt: found.publishedAt ?? found.updatedAt }
  }

  /** A refusal as the enhancing script reads it: {ok: false, error: {code, message, field}}. */
  function sendJsonProblem(reply: FastifyReply, problem: FormProblem) {
    return reply.code(problem.status).send({
      ok: false,
      error: { code: problem.code, message: problem.message, field: problem.field },
    })
  }

  app.post('/:year/:month/:day/:slug/comments', ownOriginCheck, async (request, reply) => {
    let article: PublishedArticle
    try {
      article = await publishedArticle(request)
    } catch (error) {
      // No such article: a 404 either way, in the same shape as any other refusal for scripts.
      const problem = problemOf(error)
      if (problem && wantsJson(request)) return sendJsonProblem(reply, problem)
      throw error
    }
    const path = canonicalPathOf(article, site.timeZone)
    const values = {
      name: field(request.body, 'name'),
      email: field(request.body, 'email'),
      body: field(request.body, 'body'),
      parentId: field(request.body, 'parent_id'),
    }
    try {
      assertSameOrigin(request)
      const comment = await services.comments.post({
        articleId: article.id,
        parentId: values.parentId === '' ? null : values.parentId,
        name: values.name,
        email: values.email,
        body: values.body,
        honeypot: field(request.body, 'website'),
        formToken: field(request.body, '_csrf'),
        ip: request.ip,
      })
      const published = comment.status === 'approved'
      if (wantsJson(request)) {
        return reply.code(201).send({ ok: true, id: comment.id, status: comment.status, published })
      }
      return reply.redirect(
        published ? `${path}#comment-${comment.id}` : `${path}?comment=held#new-comment`,
        303,
      )
    } catch (error) {
      const problem = problemOf(error)
      if (!problem) throw error
      if (error instanceof TooManyRequestsError) {
        reply.header('retry-after', String(error.retryAfterSeconds))
      }
      if (wantsJson(request)) return sendJsonProblem(reply, problem)
      // Refused, the comment comes back in the form with the reason; nothing the reader wrote is lost.
      const replyTo = values.parentId
        ? await services.comments.approvedComment(article.id, values.parentId)
        : undefined
      return renderArticlePage(reply, deps, article, {
        form: { values, problem, replyTo },
        status: problem.status,
      })
    }
  })

  // A fresh form token for the comment script. A cached page carries the token of the moment
  // it was rendered; the script swaps in one from when the reader starts writing, so the
  // "faster than anyone can write" check measures the reader, not the cache.
  app.get('/:year/:month/:day/:slug/comments/token', async (request, reply) => {
    const article = await publishedArticle(request)
    return reply
      .header('cache-control', 'private, no-store')
      .send({ token: await services.comments.formToken(article.id) })
  })

  async function feedInput(
    request: FastifyRequest,
    format: 'atom' | 'json',
  ): Promise<CommentFeedInput> {
    const article = await publishedArticle(request)
    const articleUrl = site.url + canonicalPathOf(article, site.timeZone)
    return {
      articleId: article.id,
      headline: article.headline,
      articleUrl,
      selfUrl: `${articleUrl}/comments.${format}`,
      siteName: site.name,
      comments: await services.comments.latestApproved(article.id),
    }
  }

  app.get('/:year/:month/:day/:slug/comments.atom', async (request, reply: FastifyReply) =>
    reply
      .type('application/atom+xml; charset=utf-8')
      .send(commentsAtom(await feedInput(request, 'atom'))),
  )

  app.get('/:year/:month/:day/:slug/comments.json', async (request, reply: FastifyReply) =>
    reply
      .type('application/json; charset=utf-8')
      .send(commentsJson(await feedInput(request, 'json'))),
  )
}
