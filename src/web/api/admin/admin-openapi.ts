// The Admin API's part of the OpenAPI document: each route's parameters and
// body from the zod schema that reads them, so the contract cannot drift.
import { z } from 'zod'
import { articleIdParams } from '../content-schemas.js'
import { createArticleBody, patchArticleBody, transitionBody } from './admin-schemas.js'
import * as s from './admin-resource-schemas.js'

type Method = 'get' | 'post' | 'patch' | 'delete'

export interface AdminOperation {
  method: Method
  path: string
  summary: string
  /** The permission the newsroom asks for (policy.ts); 'any' for every signed-in role. */
  needs: string
  params?: z.ZodObject
  query?: z.ZodObject
  body?: z.ZodType
  multipart?: boolean
  /** The status of success. */
  status?: number
}

const op = (
  method: Method,
  path: string,
  summary: string,
  needs: string,
  rest: Omit<AdminOperation, 'method' | 'path' | 'summary' | 'needs'> = {},
): AdminOperation => ({ method, path, summary, needs, ...rest })

const byId = { params: articleIdParams }
const bySlug = { params: s.slugParams }

export const ADMIN_OPERATIONS: readonly AdminOperation[] = [
  op('get', '/admin/me', 'The token’s user and role.', 'any'),
  op('post', '/admin/articles', 'Creates a draft.', 'articles:create', {
    body: createArticleBody,
    status: 201,
  }),
  op('get', '/admin/articles/{id}', 'An article of any status.', 'any', byId),
  op('patch', '/admin/articles/{id}', 'Saves changes; a stale version is a 409.', 'any', {
    ...byId,
    body: patchArticleBody,
  }),
  op('post', '/admin/articles/{id}/transitions', 'Moves an article.', 'any', {
    ...byId,
    body: transitionBody,
  }),
  op('post', '/admin/media', 'Uploads an image (multipart, the field "file").', 'media:upload', {
    multipart: true,
    status: 201,
  }),
  op('get', '/admin/media', 'The media library, newest first.', 'media:upload', {
    query: s.mediaListQuery,
  }),
  op('get', '/admin/media/{id}', 'One image.', 'media:upload', { params: s.idParams }),
  op('patch', '/admin/media/{id}', 'Alt text, caption, credit.', 'media:upload', {
    params: s.idParams,
    body: s.mediaPatchBody,
  }),
  op('get', '/admin/sections', 'Every section, in order.', 'any'),
  op('post', '/admin/sections', 'Adds a section.', 'sections:manage', {
    body: s.sectionCreateBody,
    status: 201,
  }),
  op('patch', '/admin/sections/{slug}', 'Renames a section.', 'sections:manage', {
    ...bySlug,
    body: s.sectionRenameBody,
  }),
  op('post', '/admin/sections/{slug}/move', 'Moves a section up or down.', 'sections:manage', {
    ...bySlug,
    body: s.sectionMoveBody,
  }),
  op('post', '/admin/sections/{slug}/hide', 'Takes a section out of the menus.', 'menus:manage', {
    ...bySlug,
    body: s.noBody,
  }),
  op(
    'delete',
    '/admin/sections/{slug}',
    'Deletes a section, its articles moved.',
    'sections:manage',
    {
      ...bySlug,
      query: s.sectionDeleteQuery,
    },
  ),
  op('get', '/admin/tags', 'Every tag, by slug.', 'any', { query: s.pageQuery }),
  op('patch', '/admin/tags/{slug}', 'Renames a tag; its address stays.', 'articles:edit-any', {
    ...bySlug,
    body: s.tagRenameBody,
  }),
  op('post', '/admin/tags/{slug}/merge', 'Merges a tag into another.', 'articles:edit-any', {
    ...bySlug,
    body: s.mergeBody,
  }),
  op('get', '/admin/authors', 'Authors, by name.', 'authors:manage', { query: s.pageQuery }),
  op('patch', '/admin/authors/{slug}', 'Edits an author’s profile.', 'authors:manage', {
    ...bySlug,
    body: s.authorPatchBody,
  }),
  op('post', '/admin/authors/{slug}/merge', 'Merges an author into another.', 'authors:manage', {
    ...bySlug,
    body: s.mergeBody,
  }),
  op('get', '/admin/threads', 'Story threads.', 'threads:manage'),
  op('post', '/admin/threads', 'Starts a thread.', 'threads:manage', {
    body: s.threadCreateBody,
    status: 201,
  }),
  op('patch', '/admin/threads/{slug}', 'Edits a thread.', 'threads:manage', {
    ...bySlug,
    body: s.threadPatchBody,
  }),
  op('get', '/admin/comments', 'Comments of one status.', 'comments:moderate', {
    query: s.commentListQuery,
  }),
  op(
    'post',
    '/admin/comments/moderation',
    'Approves, holds, rejects or marks as spam.',
    'comments:moderate',
    {
      body: s.moderationBody,
    },
  ),
  op('get', '/admin/redirects', 'Redirects.', 'redirects:manage', { query: s.redirectListQuery }),
  op('post', '/admin/redirects', 'Adds or replaces a redirect.', 'redirects:manage', {
    body: s.redirectBody,
    status: 201,
  }),
  op('delete', '/admin/redirects', 'Removes a redirect.', 'redirects:manage', {
    query: s.redirectDeleteQuery,
    status: 204,
  }),
  op('get', '/admin/pages', 'Every page, published or not.', 'pages:manage'),
  op('get', '/admin/pages/{id}', 'One page.', 'pages:manage', { params: s.idParams }),
  op('post', '/admin/pages', 'Writes a page.', 'pages:manage', {
    body: s.pageCreateBody,
    status: 201,
  }),
  op('patch', '/admin/pages/{id}', 'Saves, publishes or unpublishes a page.', 'pages:manage', {
    params: s.idParams,
    body: s.pagePatchBody,
  }),
]

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
})

const upload = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', contentMediaType: 'application/octet-stream' },
    alt: { type: 'string' },
    caption: { type: 'string' },
    credit: { type: 'string' },
  },
}

type Parameters = (schema: z.ZodObject | undefined, where: 'query' | 'path') => unknown[]

/** The Admin API's paths, each operation under its method. */
export function adminPaths(parametersOf: Parameters): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const operation of ADMIN_OPERATIONS) {
    const body = operation.body && z.toJSONSchema(operation.body, { io: 'input' })
    if (body) delete body.$schema
    const success = operation.status ?? 200
    ;(paths[operation.path] ??= {})[operation.method] = {
      summary: operation.summary,
      description: `Needs: ${operation.needs}.`,
      operationId: `admin${operation.method}${operation.path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      security: [{ bearer: [] }],
      parameters: [
        ...parametersOf(operation.params, 'path'),
        ...parametersOf(operation.query, 'query'),
      ],
      ...(body || operation.multipart
        ? {
            requestBody: {
              required: true,
              content: operation.multipart
                ? { 'multipart/form-data': { schema: upload } }
                : { 'application/json': { schema: body } },
            },
          }
        : {}),
      responses: {
        [success]: { description: success === 204 ? 'Done.' : 'The answer.' },
        400: error('A field or parameter not offered, or not valid (the field says which).'),
        401: error('No token, or one malformed, unknown, expired or revoked.'),
        403: error('The token’s user may not do this.'),
        404: error('No such thing.'),
        409: error('Changed since the version sent.'),
        415: error('The wrong content type.'),
        422: error('A value the newsroom refuses, with why.'),
      },
    }
  }
  return paths
}
