import type { FastifyInstance } from 'fastify'
import type { Article } from '../../../domain/articles/article.js'
import type { ArticleInput } from '../../../domain/articles/article-input.js'
import { StaleEditError } from '../../../domain/articles/article-writes.js'
import type { Transition } from '../../../domain/articles/workflow.js'
import { sendJsonProblem, problemFor } from '../../plugins/problems.js'
import { parseApi } from '../api-request.js'
import { articleIdParams } from '../content-schemas.js'
import type { AdminApiDeps } from './admin-deps.js'
import { adminActor, admitBearer } from './admin-auth.js'
import { adminDeskRoutes } from './admin-desk-routes.js'
import { adminMediaRoutes } from './admin-media-routes.js'
import { adminStructureRoutes } from './admin-structure-routes.js'
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
  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    await admitBearer(request, services.apiTokens)
  })
  app.addHook('preValidation', async (request) => {
    if (request.method !== 'POST' && request.method !== 'PATCH') return
    const type = request.headers['content-type'] ?? ''
    // An upload route reads multipart and nothing else; every other route, JSON only.
    const upload = request.routeOptions.config.multipart === true
    const wanted = upload ? /^multipart\/form-data\s*;/i : /^application\/json\s*(;|$)/i
    if (!wanted.test(type)) {
      throw Object.assign(
        new Error(
          upload
            ? 'This route reads an upload: send multipart/form-data with the file as "file".'
            : 'The Admin API reads JSON: send Content-Type: application/json.',
        ),
        { statusCode: 415 },
      )
    }
  })
  app.setErrorHandler((error, request, reply) => {
    const problem = problemFor(error)
    if (problem.status >= 500) request.log.error({ err: error }, 'Admin API request failed')
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer')
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
    const actor = adminActor(request)
    return { id: actor.id, displayName: actor.displayName, role: actor.role }
  })

  app.get('/articles/:id', async (request) => {
    const { id } = parseApi(articleIdParams, request.params)
    return adminArticleJson(site, await services.editing.get(adminActor(request), id))
  })

  app.post('/articles', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const body = parseApi(createArticleBody, request.body)
    const { section, featuredImage, ...fields } = body
    const article = await services.editing.createDraft(adminActor(request), {
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
    const actor = adminActor(request)
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
    const actor = adminActor(request)
    const current = await services.editing.get(actor, id)
    const moved = await services.editing.saveAndMove(actor, id, {
      input: inputOf(current),
      baseVersion: version,
      move: transitionTo(current, to),
      ...(at === undefined ? {} : { scheduledFor: at }),
    })
    return adminArticleJson(site, moved)
  })

  await app.register(adminMediaRoutes, { services, site })
  await app.register(adminStructureRoutes, { services, site })
  await app.register(adminDeskRoutes, { services, site })
}
