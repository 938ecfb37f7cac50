import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Actor } from '../../../domain/access/policy.js'
import type { Article } from '../../../domain/articles/article.js'
import type { ArticleInput } from '../../../domain/articles/article-input.js'
import { StaleEditError } from '../../../domain/articles/article-writes.js'
import type { Transition } from '../../../domain/articles/workflow.js'
import { UnauthenticatedError } from '../../../domain/errors.js'
import { sendJsonProblem, problemFor } from '../../plugins/problems.js'
import { parseApi } from '../api-request.js'
import { articleIdParams } from '../content-schemas.js'
import type { AdminApiDeps } from './admin-deps.js'
import { adminArticleJson } from './admin-json.js'
import { createArticleBody, patchArticleBody, transitionBody } from './admin-schemas.js'

/** Bodies the Admin API reads: an article's text fits with room to spare. */
const BODY_LIMIT = 512 * 1024

/** The move that ends in each status, from where the article is now. */
function transitionTo(article: Article, to: string): Transition {
  if (to === 'published') return 'publish'
  if (to === 'scheduled') return 'schedule'
  if (to === 'in_review') return 'submit'
  if (to === 'unpublished') return 'unpublish'
  return article.status === 'scheduled' ? 'unschedule' : 'return'
}

function inputOf(article: Article): ArticleInput {
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    body: article.body,
    keyPoints: article.keyPoints,
    sectionSlug: article.section.slug,
    bylines: article.bylines.map((byline) => byline.name),
    tags: article.tags.map((tag) => tag.name),
    slug: article.slug,
  }
}

/** The Admin API: every call as the token's user, through the newsroom's own services. */
export async function adminRoutes(app: FastifyInstance, { services, site }: AdminApiDeps) {
  const actors = new WeakMap<FastifyRequest, Actor>()
  const actorOf = (request: FastifyRequest): Actor => {
    const actor = actors.get(request)
    if (!actor) throw new UnauthenticatedError('token_required', 'Send a bearer token.')
    return actor
  }

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const header = request.headers.authorization
    const match = header === undefined ? null : /^Bearer (\S+)$/.exec(header)
    if (!match?.[1]) {
      reply.header('www-authenticate', 'Bearer')
      throw new UnauthenticatedError(
        'token_required',
        'Send a token from the newsroom as "Authorization: Bearer …".',
      )
    }
    actors.set(request, await services.apiTokens.authenticate(match[1]))
  })
  app.addHook('preValidation', async (request) => {
    if (request.method !== 'POST' && request.method !== 'PATCH') return
    // JSON only: any other body (a form, text) is refused as what it is, not read as something else.
    if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      throw Object.assign(
        new Error('The Admin API reads JSON: send Content-Type: application/json.'),
        {
          statusCode: 415,
        },
      )
    }
  })
  app.setErrorHandler((error, request, reply) => {
    const problem = problemFor(error)
    if (problem.status >= 500) request.log.error({ err: error }, 'Admin API request failed')
    if (error instanceof StaleEditError) {
      // What changed meanwhile, so the client can merge and try again on the current version.
      return reply
        .code(409)
        .type('application/json; charset=utf-8')
        .send({
          error: { code: problem.code, message: problem.message },
          current: adminArticleJson(site, error.current),
        })
    }
    return sendJsonProblem(reply, problem)
  })

  app.get('/me', async (request) => {
    const actor = actorOf(request)
    return { id: actor.id, displayName: actor.displayName, role: actor.role }
  })

  app.get('/articles/:id', async (request) => {
    const { id } = parseApi(articleIdParams, request.params)
    return adminArticleJson(site, await services.editing.get(actorOf(request), id))
  })

  app.post('/articles', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const body = parseApi(createArticleBody, request.body)
    const { section, featuredImage, ...fields } = body
    const article = await services.editing.createDraft(actorOf(request), {
      standfirst: '',
      dateline: '',
      body: '',
      keyPoints: [],
      bylines: [],
      tags: [],
      slug: '',
      ...fields,
      sectionSlug: section,
      ...(featuredImage === undefined ? {} : { leadImageId: featuredImage }),
    })
    return reply.code(201).send(adminArticleJson(site, article))
  })

  app.patch('/articles/:id', { bodyLimit: BODY_LIMIT }, async (request) => {
    const { id } = parseApi(articleIdParams, request.params)
    const { version, section, featuredImage, correction, ...fields } = parseApi(
      patchArticleBody,
      request.body,
    )
    const actor = actorOf(request)
    const current = await services.editing.get(actor, id)
    const input: ArticleInput = {
      ...inputOf(current),
      ...fields,
      ...(section === undefined ? {} : { sectionSlug: section }),
      ...(featuredImage === undefined ? {} : { leadImageId: featuredImage }),
    }
    const saved = await services.editing.save(actor, id, input, {
      baseVersion: version,
      ...(correction === undefined ? {} : { correction }),
    })
    return adminArticleJson(site, saved)
  })

  app.post('/articles/:id/transitions', { bodyLimit: BODY_LIMIT }, async (request) => {
    const { id } = parseApi(articleIdParams, request.params)
    const { version, to, at } = parseApi(transitionBody, request.body)
    const actor = actorOf(request)
    const current = await services.editing.get(actor, id)
    const moved = await services.editing.saveAndMove(actor, id, {
      input: inputOf(current),
      baseVersion: version,
      move: transitionTo(current, to),
      ...(at === undefined ? {} : { scheduledFor: at }),
    })
    return adminArticleJson(site, moved)
  })
}
