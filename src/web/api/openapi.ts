// The OpenAPI 3.1 document, made from the very zod schemas that read the
// requests and shape the answers: nothing here is written twice by hand.
import { z } from 'zod'
import { adminPaths } from './admin/admin-openapi.js'
import {
  apiSchemas,
  articleIdParams,
  articleListQuery,
  articleQuery,
  pageSlugParams,
  pathQuery,
  slugListQuery,
} from './content-schemas.js'

interface Operation {
  path: string
  summary: string
  query?: z.ZodObject
  params?: z.ZodObject
  /** The component the 200 answer is. */
  response: string
  ninjs?: boolean
}

export const CONTENT_OPERATIONS: readonly Operation[] = [
  {
    path: '/articles',
    summary: 'Published articles, newest first, filtered and paged by cursor.',
    query: articleListQuery,
    response: 'ArticlePage',
    ninjs: true,
  },
  {
    path: '/articles/by-path',
    summary: 'A published article by its address on the site.',
    query: pathQuery,
    response: 'Article',
    ninjs: true,
  },
  {
    path: '/articles/{id}',
    summary: 'A published article by id.',
    params: articleIdParams,
    query: articleQuery,
    response: 'Article',
    ninjs: true,
  },
  { path: '/sections', summary: 'Every section, in navigation order.', response: 'SectionList' },
  {
    path: '/authors',
    summary: 'Authors with published articles, by slug.',
    query: slugListQuery,
    response: 'AuthorPage',
  },
  {
    path: '/tags',
    summary: 'Tags with published articles, by slug.',
    query: slugListQuery,
    response: 'TagPage',
  },
  {
    path: '/threads',
    summary: 'Story threads with published articles, by slug.',
    query: slugListQuery,
    response: 'ThreadPage',
  },
  { path: '/pages', summary: 'Published pages of the site, by title.', response: 'PageList' },
  {
    path: '/pages/{slug}',
    summary: 'A published page by its slug.',
    params: pageSlugParams,
    response: 'Page',
  },
]

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` })

function parametersOf(schema: z.ZodObject | undefined, where: 'query' | 'path') {
  if (!schema) return []
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' })
    const { description, $schema: _, ...rest } = json
    return {
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    }
  })
}

const problem = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
})

/** The whole document, for a site at `siteUrl`. */
export function openApiDocument(siteUrl: string, siteName: string): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(apiSchemas, {
    uri: (id) => `#/components/schemas/${id}`,
    io: 'output',
  })
  for (const schema of Object.values(schemas)) delete schema.$schema
  const paths: Record<string, unknown> = {}
  for (const operation of CONTENT_OPERATIONS) {
    paths[operation.path] = {
      get: {
        summary: operation.summary,
        operationId: `get${operation.path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())}`,
        parameters: [
          ...parametersOf(operation.params, 'path'),
          ...parametersOf(operation.query, 'query'),
        ],
        responses: {
          200: {
            description: operation.ninjs
              ? 'The answer; with `format=ninjs`, IPTC ninjs 3.1 items instead.'
              : 'The answer.',
            headers: { ETag: { schema: { type: 'string' } } },
            content: { 'application/json': { schema: ref(operation.response) } },
          },
          304: { description: 'Not modified: the ETag in If-None-Match is current.' },
          400: problem(
            'A parameter is not offered, or its value is not valid (the field says which).',
          ),
          404: problem('Nothing published by that name.'),
          429: problem('Too many requests from your network: see Retry-After.'),
        },
      },
    }
  }
  Object.assign(paths, adminPaths(parametersOf))
  return {
    openapi: '3.1.0',
    info: {
      title: `${siteName} Content API`,
      version: '1.0.0',
      description:
        'Published content, read-only, for anyone; under /admin, the Admin API with a bearer token. Errors always have the shape of the Error schema.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: `${siteUrl}/api/v1` }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An Admin API token (dlt_…) made in the newsroom or by `dateline token create`.',
        },
      },
    },
  }
}
