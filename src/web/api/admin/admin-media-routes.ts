import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { InvalidRequestError } from '../../../domain/api/invalid-request.js'
import { PayloadTooLargeError } from '../../../domain/errors.js'
import type { UploadFields } from '../../../domain/media/upload-fields.js'
import { parseApi } from '../api-request.js'
import type { AdminApiDeps } from './admin-deps.js'
import { adminActor } from './admin-auth.js'
import { mediaJson } from './admin-resource-json.js'
import { idParams, mediaListQuery, mediaPatchBody } from './admin-resource-schemas.js'

const PER_PAGE = 50
/** Fields an upload may carry beside its file, as in the newsroom's upload. */
const UPLOAD_FIELDS = new Set(['alt', 'caption', 'credit'])

/** The one file of an upload and its typed fields; anything else in the form is refused by name. */
async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; fileName: string; fields: UploadFields }> {
  const fields: UploadFields = {}
  let file: { bytes: Uint8Array; fileName: string } | undefined
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (!UPLOAD_FIELDS.has(part.fieldname)) {
        throw new InvalidRequestError(
          'unknown_parameter',
          `"${part.fieldname}" is not a field this accepts.`,
          {
            field: part.fieldname,
          },
        )
      }
      const value = typeof part.value === 'string' ? part.value.trim() : ''
      if (value !== '') fields[part.fieldname as 'alt' | 'caption' | 'credit'] = value
      continue
    }
    if (part.fieldname !== 'file' || file) {
      part.file.resume()
      throw new InvalidRequestError('one_file', 'Send exactly one file, as the field "file".', {
        field: part.fieldname,
      })
    }
    const bytes = await part.toBuffer()
    if (part.file.truncated) {
      const megabytes = Math.round(maxBytes / (1024 * 1024))
      throw new PayloadTooLargeError(
        'file_too_large',
        `The file is larger than the library takes (${megabytes} MB).`,
        { field: 'file' },
      )
    }
    file = { bytes, fileName: part.filename }
  }
  if (!file) {
    throw new InvalidRequestError('file_required', 'Send the image as the field "file".', {
      field: 'file',
    })
  }
  return { ...file, fields }
}

/** The media library: upload, list, get and describe images, as the newsroom's library does. */
export async function adminMediaRoutes(app: FastifyInstance, { services, site }: AdminApiDeps) {
  const { media } = services
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: media.maxBytes, files: 1, fields: 3, fieldSize: 8192, parts: 5 },
  })

  app.post('/media', { config: { multipart: true } }, async (request, reply) => {
    const actor = adminActor(request)
    const upload = await readUpload(request, media.maxBytes).catch((error: unknown) => {
      const code = (error as { code?: string }).code
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
        throw new InvalidRequestError(
          'one_file',
          'Send one file and at most alt, caption and credit.',
        )
      }
      throw error
    })
    const result = await media.upload(actor, upload)
    return reply.code(result.duplicate ? 200 : 201).send({
      ...mediaJson(site, result.item),
      duplicate: result.duplicate,
      filled: result.filled,
    })
  })

  app.get('/media', async (request) => {
    const { q = '', page = 1 } = parseApi(mediaListQuery, request.query)
    const found = await media.list(adminActor(request), { query: q, page, perPage: PER_PAGE })
    return {
      items: found.items.map((item) => mediaJson(site, item)),
      page: found.page,
      pageCount: found.pageCount,
      total: found.total,
    }
  })

  app.get('/media/:id', async (request) => {
    const { id } = parseApi(idParams, request.params)
    const { item } = await media.get(adminActor(request), id)
    return mediaJson(site, item)
  })

  app.patch('/media/:id', async (request) => {
    const { id } = parseApi(idParams, request.params)
    const { version, ...changes } = parseApi(mediaPatchBody, request.body)
    const actor = adminActor(request)
    const { item } = await media.get(actor, id)
    const updated = await media.update(actor, id, { ...item, ...changes }, { baseVersion: version })
    return mediaJson(site, updated)
  })
}
