import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { InvalidRequestError } from '../../domain/api/invalid-request.js'
import { cacheKeyOf } from '../page-cache/cache-key.js'
import { isNotModified, weakEtagOf } from '../plugins/etag.js'

/** Reads a request's query, parameters or body by a schema; 400 naming the first problem. */
export function parseApi<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]
  if (issue?.code === 'unrecognized_keys') {
    const name = String(issue.keys[0])
    throw new InvalidRequestError(
      'unknown_parameter',
      `"${name}" is not a parameter this accepts.`,
      {
        field: [...issue.path, name].join('.'),
      },
    )
  }
  const field = issue?.path.join('.') ?? ''
  throw new InvalidRequestError(
    'invalid_parameter',
    `${field === '' ? 'The request' : `"${field}"`}: ${issue?.message ?? 'not valid'}.`,
    field === '' ? {} : { field },
  )
}

/**
 * Sends a public JSON answer with its ETag (304 when the client has it), and
 * offers it to the page cache: every parameter was checked, so the URL as
 * asked is the answer's identity.
 */
export function sendPublicJson(
  request: FastifyRequest,
  reply: FastifyReply,
  body: unknown,
  contentType?: string,
): FastifyReply {
  // Encoded once: the entity tag and the response are the same bytes.
  return sendPublicJsonBytes(request, reply, Buffer.from(JSON.stringify(body), 'utf8'), contentType)
}

/** sendPublicJson for a body already encoded as JSON (and its entity tag, when known). */
export function sendPublicJsonBytes(
  request: FastifyRequest,
  reply: FastifyReply,
  bytes: Buffer,
  contentType = 'application/json; charset=utf-8',
  etag = weakEtagOf(bytes),
): FastifyReply {
  reply.header('etag', etag)
  if (isNotModified(request.headers, { etag, lastModified: undefined })) {
    return reply.code(304).send()
  }
  const key = cacheKeyOf(request.url)
  if (key !== undefined) reply.cacheable = { key, tags: [] }
  return reply.type(contentType).send(bytes)
}
