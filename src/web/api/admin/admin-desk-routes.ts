import type { FastifyInstance } from 'fastify'
import { parseApi } from '../api-request.js'
import { noQuery } from '../content-schemas.js'
import type { AdminApiDeps } from './admin-deps.js'
import { adminActor } from './admin-auth.js'
import {
  commentAdminJson,
  pageAdminJson,
  redirectJson,
  threadAdminJson,
} from './admin-resource-json.js'
import {
  commentListQuery,
  idParams,
  moderationBody,
  pageCreateBody,
  pagePatchBody,
  redirectBody,
  redirectDeleteQuery,
  redirectListQuery,
  slugParams,
  threadCreateBody,
  threadPatchBody,
} from './admin-resource-schemas.js'

/** Threads, comment moderation, redirects and pages: the desk's work, as the newsroom does it. */
export async function adminDeskRoutes(app: FastifyInstance, { services, site }: AdminApiDeps) {
  const { threads, comments, redirects, pages } = services

  app.get('/threads', async (request) => {
    parseApi(noQuery, request.query)
    const list = await threads.list(adminActor(request))
    return {
      items: list.map((thread) => ({
        ...threadAdminJson(site, thread),
        articleCount: thread.articleCount,
      })),
    }
  })

  app.post('/threads', async (request, reply) => {
    const body = parseApi(threadCreateBody, request.body)
    const thread = await threads.create(adminActor(request), body)
    return reply.code(201).send(threadAdminJson(site, thread))
  })

  app.patch('/threads/:slug', async (request) => {
    const { slug } = parseApi(slugParams, request.params)
    const changes = parseApi(threadPatchBody, request.body)
    const actor = adminActor(request)
    const { thread } = await threads.getForEditing(actor, slug)
    const updated = await threads.update(actor, slug, {
      title: changes.title ?? thread.title,
      description: changes.description ?? thread.description,
    })
    return threadAdminJson(site, updated)
  })

  app.get('/comments', async (request) => {
    const { status, page = 1 } = parseApi(commentListQuery, request.query)
    const queue = await comments.queue(adminActor(request), status, page)
    return {
      items: queue.items.map((comment) => commentAdminJson(site, comment)),
      page: queue.page,
      pageCount: queue.pageCount,
      counts: queue.counts,
    }
  })

  app.post('/comments/moderation', async (request) => {
    const { ids, action } = parseApi(moderationBody, request.body)
    return { changed: await comments.moderate(adminActor(request), ids, action) }
  })

  app.get('/redirects', async (request) => {
    const { q = '', page = 1 } = parseApi(redirectListQuery, request.query)
    const found = await redirects.list(adminActor(request), page, q)
    return {
      items: found.items.map((redirect) => redirectJson(site, redirect)),
      page: found.page,
      pageCount: found.pageCount,
      total: found.total,
    }
  })

  app.post('/redirects', async (request, reply) => {
    const body = parseApi(redirectBody, request.body)
    return reply.code(201).send(redirectJson(site, await redirects.save(adminActor(request), body)))
  })

  app.delete('/redirects', async (request, reply) => {
    const { from } = parseApi(redirectDeleteQuery, request.query)
    await redirects.remove(adminActor(request), from)
    return reply.code(204).send()
  })

  app.get('/pages', async (request) => {
    parseApi(noQuery, request.query)
    const list = await pages.list(adminActor(request))
    return { items: list.map((page) => pageAdminJson(site, page)) }
  })

  app.get('/pages/:id', async (request) => {
    const { id } = parseApi(idParams, request.params)
    return pageAdminJson(site, (await pages.get(adminActor(request), id)).page)
  })

  app.post('/pages', async (request, reply) => {
    const body = parseApi(pageCreateBody, request.body)
    const page = await pages.create(adminActor(request), {
      title: body.title,
      slug: body.slug ?? '',
      description: body.description ?? '',
      body: body.body ?? '',
      published: body.published ?? false,
    })
    return reply.code(201).send(pageAdminJson(site, page))
  })

  app.patch('/pages/:id', async (request) => {
    const { id } = parseApi(idParams, request.params)
    const { version, ...changes } = parseApi(pagePatchBody, request.body)
    const actor = adminActor(request)
    const { page } = await pages.get(actor, id)
    const saved = await pages.save(actor, id, version, {
      title: changes.title ?? page.title,
      description: changes.description ?? page.description,
      body: changes.body ?? page.body,
      published: changes.published ?? page.published,
    })
    return pageAdminJson(site, saved)
  })
}
