import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { PublishedArticle } from '../../domain/articles/article.js'
import { API_PAGE_SIZE } from '../../domain/api/content-api-service.js'
import { NotFoundError } from '../../domain/errors.js'
import { articleParams } from '../plugins/request-parsing.js'
import { articlePath, sectionPath } from '../ui/urls.js'
import { articleCursor, articleKeyOf, slugCursor, slugOf } from './api-cursor.js'
import {
  articleJson,
  authorJson,
  pickFields,
  sitePageJson,
  threadJson,
  type ArticleField,
} from './api-json.js'
import { parseApi, sendPublicJson, sendPublicJsonBytes } from './api-request.js'
import {
  articleIdParams,
  articleListQuery,
  articleQuery,
  noQuery,
  pageSlugParams,
  pathQuery,
  slugListQuery,
} from './content-schemas.js'
import type { ApiDeps } from './deps.js'
import { NINJS_CONTENT_TYPE, ninjsItem } from './ninjs.js'

/** The Content API's reads: published content only, the same for everyone. */
export async function contentRoutes(
  app: FastifyInstance,
  { services, site, fragments, keyPages }: ApiDeps,
) {
  const api = services.contentApi

  app.get('/articles', async (request, reply) => {
    const {
      cursor,
      limit = API_PAGE_SIZE.default,
      format,
      fields,
      ...query
    } = parseApi(articleListQuery, request.query)
    const after = cursor === undefined ? undefined : articleKeyOf(cursor)
    const page = await keyPages.list(query, after, limit)
    const next = page.next ? articleCursor(page.next) : null
    const list = await fragments.list(
      format ?? 'json',
      page.items,
      next,
      (ids) => api.publishedByIds(ids),
      fields,
    )
    return sendPublicJsonBytes(
      request,
      reply,
      list.bytes,
      format === 'ninjs' ? NINJS_CONTENT_TYPE : undefined,
      list.etag,
    )
  })

  /** One article in the shape asked for. */
  const sendArticle = (
    request: FastifyRequest,
    reply: FastifyReply,
    article: PublishedArticle,
    {
      format,
      fields,
    }: { format?: 'json' | 'ninjs' | undefined; fields?: ArticleField[] | undefined },
  ) => {
    if (format === 'ninjs') {
      return sendPublicJson(request, reply, ninjsItem(site, article), NINJS_CONTENT_TYPE)
    }
    const json = articleJson(site, article)
    return sendPublicJson(request, reply, fields ? pickFields(json, fields) : json)
  }

  app.get('/articles/by-path', async (request, reply) => {
    const { path, ...shape } = parseApi(pathQuery, request.query)
    const [, year, month, day, slug] = /^\/(\d{4})\/(\d{2})\/(\d{2})\/([^/?#]+)$/.exec(path) ?? []
    const parts = articleParams.safeParse({ year, month, day, slug })
    if (!parts.success) {
      throw new NotFoundError('article_not_found', `There is no published article at ${path}.`)
    }
    const article = await api.articleBySlug(parts.data.slug)
    if (articlePath(article, site.timeZone) !== path) {
      throw new NotFoundError('article_not_found', `There is no published article at ${path}.`)
    }
    return sendArticle(request, reply, article, shape)
  })

  app.get('/articles/:id', async (request, reply) => {
    const { id } = parseApi(articleIdParams, request.params)
    const shape = parseApi(articleQuery, request.query)
    return sendArticle(request, reply, await api.article(id), shape)
  })

  app.get('/sections', async (request, reply) => {
    parseApi(noQuery, request.query)
    const sections = await api.sections()
    return sendPublicJson(request, reply, {
      items: sections.map(({ slug, name }) => ({ slug, name, url: site.url + sectionPath(slug) })),
    })
  })

  app.get('/authors', async (request, reply) => {
    const { cursor, limit = API_PAGE_SIZE.default } = parseApi(slugListQuery, request.query)
    const page = await api.authors(cursor === undefined ? undefined : slugOf(cursor), limit)
    return sendPublicJson(request, reply, {
      items: page.items.map((author) => authorJson(site, author)),
      next: page.next === undefined ? null : slugCursor(page.next),
    })
  })

  app.get('/tags', async (request, reply) => {
    const { cursor, limit = API_PAGE_SIZE.default } = parseApi(slugListQuery, request.query)
    const page = await api.tags(cursor === undefined ? undefined : slugOf(cursor), limit)
    return sendPublicJson(request, reply, {
      items: page.items.map(({ slug, name }) => ({ slug, name, url: `${site.url}/tags/${slug}` })),
      next: page.next === undefined ? null : slugCursor(page.next),
    })
  })

  app.get('/threads', async (request, reply) => {
    const { cursor, limit = API_PAGE_SIZE.default } = parseApi(slugListQuery, request.query)
    const page = await api.threads(cursor === undefined ? undefined : slugOf(cursor), limit)
    return sendPublicJson(request, reply, {
      items: page.items.map((thread) => threadJson(site, thread)),
      next: page.next === undefined ? null : slugCursor(page.next),
    })
  })

  app.get('/pages', async (request, reply) => {
    parseApi(noQuery, request.query)
    const pages = await services.pages.listPublishedWithImages()
    return sendPublicJson(request, reply, { items: pages.map((page) => sitePageJson(site, page)) })
  })

  app.get('/pages/:slug', async (request, reply) => {
    const { slug } = parseApi(pageSlugParams, request.params)
    parseApi(noQuery, request.query)
    return sendPublicJson(request, reply, sitePageJson(site, await services.pages.published(slug)))
  })
}
