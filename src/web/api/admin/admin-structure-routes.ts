import type { FastifyInstance } from 'fastify'
import { parseApi } from '../api-request.js'
import type { AdminApiDeps } from './admin-deps.js'
import { adminActor } from './admin-auth.js'
import { authorAdminJson, sectionJson } from './admin-resource-json.js'
import {
  authorPatchBody,
  mergeBody,
  noBody,
  pageQuery,
  sectionCreateBody,
  sectionDeleteQuery,
  sectionMoveBody,
  sectionRenameBody,
  slugParams,
  tagRenameBody,
} from './admin-resource-schemas.js'
import { noQuery } from '../content-schemas.js'

const PER_PAGE = 100

/** Sections, tags and authors: the site's structure, through the newsroom's services. */
export async function adminStructureRoutes(app: FastifyInstance, { services }: AdminApiDeps) {
  const { sections, tags, authors, authorEditing, menus } = services

  app.get('/sections', async (request) => {
    parseApi(noQuery, request.query)
    // Any token may read the sections (articles are filed in them); changes are sections:manage.
    adminActor(request)
    return { items: (await sections.list()).map(sectionJson) }
  })

  app.post('/sections', async (request, reply) => {
    const body = parseApi(sectionCreateBody, request.body)
    const section = await sections.create(adminActor(request), body)
    return reply.code(201).send(sectionJson(section))
  })

  app.patch('/sections/:slug', async (request) => {
    const { slug } = parseApi(slugParams, request.params)
    const { name } = parseApi(sectionRenameBody, request.body)
    return sectionJson(await sections.rename(adminActor(request), slug, name))
  })

  app.post('/sections/:slug/move', async (request) => {
    const { slug } = parseApi(slugParams, request.params)
    const { direction } = parseApi(sectionMoveBody, request.body)
    return { items: (await sections.move(adminActor(request), slug, direction)).map(sectionJson) }
  })

  app.post('/sections/:slug/hide', async (request) => {
    const { slug } = parseApi(slugParams, request.params)
    parseApi(noBody, request.body)
    return menus.hideSection(adminActor(request), slug)
  })

  app.delete('/sections/:slug', async (request) => {
    const { slug } = parseApi(slugParams, request.params)
    const { into } = parseApi(sectionDeleteQuery, request.query)
    return sections.remove(adminActor(request), slug, into)
  })

  app.get('/tags', async (request) => {
    const { page = 1 } = parseApi(pageQuery, request.query)
    adminActor(request)
    const found = await tags.list(page, PER_PAGE)
    return {
      items: found.items.map(({ slug, name }) => ({ slug, name })),
      page,
      more: found.more,
    }
  })

  app.patch('/tags/:slug', async (request) => {
    const { slug } = parseApi(slugParams, request.params)
    const { name } = parseApi(tagRenameBody, request.body)
    const tag = await tags.rename(adminActor(request), slug, name)
    return { slug: tag.slug, name: tag.name }
  })

  app.post('/tags/:slug/merge', async (request) => {
    const { slug } = parseApi(slugParams, request.params)
    const { into } = parseApi(mergeBody, request.body)
    const merged = await tags.merge(adminActor(request), slug, into)
    return { into: { slug: merged.into.slug, name: merged.into.name }, articles: merged.articles }
  })

  app.get('/authors', async (request) => {
    const { page = 1 } = parseApi(pageQuery, request.query)
    const found = await authors.list(adminActor(request), page, PER_PAGE)
    return {
      items: found.items.map(authorAdminJson),
      page: found.page,
      pageCount: found.pageCount,
      total: found.total,
    }
  })

  app.patch('/authors/:slug', async (request) => {
    const { slug } = parseApi(slugParams, request.params)
    const changes = parseApi(authorPatchBody, request.body)
    const actor = adminActor(request)
    const author = await authors.getBySlug(slug)
    const updated = await authorEditing.updateProfile(actor, slug, {
      name: changes.name ?? author.name,
      bio: changes.bio ?? author.bio,
      links: changes.links ?? author.links ?? [],
    })
    return authorAdminJson(updated)
  })

  app.post('/authors/:slug/merge', async (request) => {
    const { slug } = parseApi(slugParams, request.params)
    const { into } = parseApi(mergeBody, request.body)
    return authorEditing.merge(adminActor(request), slug, into)
  })
}
