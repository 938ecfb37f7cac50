import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { MediaFields } from '../../../domain/media/media.js'
import type { UploadFields } from '../../../domain/media/upload-fields.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { problemOf, sendJsonProblem, wantsJson, type Problem } from '../../plugins/problems.js'
import {
  formOf,
  idParams,
  parseOrNotFound,
  queryParam,
  text,
  type FormValues,
} from '../../plugins/request-parsing.js'
import { CSRF_PROBLEM, handleForm } from '../forms.js'
import { isCsrfValid } from '../session.js'
import { MediaItemPage, type MediaFieldsAttempt } from '../views/media-item-page.js'
import { MediaLibraryPage, type UploadOutcome } from '../views/media-library-page.js'
import { choiceOf, uploadAnswer } from '../media-json.js'

/** Images per page of the library's grid. */
const PER_PAGE = 48
/** Files in one upload: more are refused, so one request cannot hold the server for long. */
const MAX_FILES = 20

function mediaId(request: FastifyRequest): string {
  const missing = { code: 'media_not_found', message: 'There is no such image.' }
  return parseOrNotFound(idParams, request.params, missing).id
}

const NOTICES = new Map([
  ['uploaded', 'Added to the library. Now give it alt text, and check the caption and credit.'],
  ['saved', 'Saved.'],
  ['deleted', 'Image deleted, with every file made from it.'],
])

/** A percentage field as a fraction; NaN (refused by the domain) when it is not a number. */
function fractionOf(form: FormValues, name: string): number {
  const value = text(form, name).trim().replace(',', '.')
  return value === '' ? Number.NaN : Number(value) / 100
}

function fieldsOf(form: FormValues): MediaFieldsAttempt {
  const version = Number(text(form, 'version'))
  return {
    alt: text(form, 'alt'),
    decorative: text(form, 'decorative') === 'yes',
    caption: text(form, 'caption'),
    credit: text(form, 'credit'),
    copyright: text(form, 'copyright'),
    focalPoint: { x: fractionOf(form, 'focal_x'), y: fractionOf(form, 'focal_y') },
    version: Number.isInteger(version) ? version : 0,
  }
}

/** The status of an upload in which some files were refused: 413 if any was too large. */
function statusOf(outcomes: readonly UploadOutcome[]): number {
  const statuses = outcomes.flatMap((outcome) =>
    'problem' in outcome ? [outcome.problem.status] : [],
  )
  return statuses.includes(413) ? 413 : (statuses[0] ?? 200)
}

/** The media library at /admin/media: every signed-in role (the service decides the rest). */
export async function mediaRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { media } = services
  // Multipart only here: the rest of the newsroom keeps refusing it.
  await app.register(multipart, {
    // A file over the limit is cut short and marked truncated; it is reported with the others.
    throwFileSizeLimit: false,
    // Fields: the token, and alt text, caption and credit typed with an upload from the editor.
    limits: { fileSize: media.maxBytes, files: MAX_FILES, fields: 10, fieldSize: 8192, parts: 40 },
  })
  const maxMegabytes = Math.round(media.maxBytes / (1024 * 1024))

  async function renderLibrary(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { problem?: Problem; outcomes?: UploadOutcome[]; status?: number } = {},
  ): Promise<FastifyReply> {
    const query = queryParam(request, 'q').trim().slice(0, 200)
    const page = Number(queryParam(request, 'page') || '1')
    const library = await media.list(actorFor(request), { query, page, perPage: PER_PAGE })
    return reply.admin(
      <MediaLibraryPage
        library={library}
        query={query}
        maxMegabytes={maxMegabytes}
        notice={NOTICES.get(queryParam(request, 'done'))}
        problem={extra.problem}
        outcomes={extra.outcomes}
      />,
      { title: 'Media', area: 'media', status: extra.status ?? extra.problem?.status },
    )
  }

  async function renderItem(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { attempt?: MediaFieldsAttempt; problem?: Problem } = {},
  ): Promise<FastifyReply> {
    const details = await media.get(actorFor(request), id)
    return reply.admin(
      <MediaItemPage
        {...details}
        attempt={extra.attempt}
        problem={extra.problem}
        notice={NOTICES.get(queryParam(request, 'done'))}
      />,
      { title: details.item.fileName, area: 'media', status: extra.problem?.status },
    )
  }

  /** Reads an upload's parts in order: the CSRF token first, then each file, added one by one. */
  async function receive(request: FastifyRequest): Promise<UploadOutcome[] | 'csrf'> {
    const actor = actorFor(request)
    const outcomes: UploadOutcome[] = []
    let trusted = false
    let refused = false
    const fields: UploadFields = {}
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          const value = typeof part.value === 'string' ? part.value : ''
          if (part.fieldname === '_csrf') trusted = isCsrfValid(request, value)
          else if (UPLOAD_FIELDS.has(part.fieldname) && value.trim() !== '') {
            fields[part.fieldname as 'alt' | 'caption' | 'credit'] = value.trim()
          }
          continue
        }
        if (!trusted) {
          // Read and dropped: a file before (or without) a valid token is never stored.
          refused = true
          part.file.resume()
          continue
        }
        const fileName = part.filename
        try {
          const bytes = await part.toBuffer()
          if (part.file.truncated) {
            outcomes.push({ fileName: fileName || 'a file', problem: tooLarge(maxMegabytes) })
            continue
          }
          if (bytes.length === 0 && fileName === '') continue
          const result = await media.upload(actor, { bytes, fileName, fields })
          outcomes.push({ fileName: result.item.fileName, ...result })
        } catch (error) {
          const problem = problemOf(error)
          if (!problem) throw error
          outcomes.push({ fileName: fileName || 'a file', problem })
        }
      }
    } catch (error) {
      const problem = tooManyFiles(error)
      if (!problem) throw error
      outcomes.push({ fileName: 'The rest', problem })
    }
    return refused || !trusted ? 'csrf' : outcomes
  }

  app.get('/media', async (request, reply) => {
    if (!wantsJson(request)) return renderLibrary(request, reply)
    // The editor's picker: the same search, as JSON; ?for=story for a story's pictures.
    const query = queryParam(request, 'q').trim().slice(0, 200)
    const library = await media.list(actorFor(request), {
      query,
      page: 1,
      perPage: PER_PAGE,
      forStories: queryParam(request, 'for') === 'story',
    })
    return reply.header('cache-control', 'private, no-store').send({
      items: library.items.map(choiceOf),
      total: library.total,
    })
  })

  app.post('/media', { config: { upload: true } }, async (request, reply) => {
    if (!request.isMultipart()) {
      const problem: Problem = {
        status: 415,
        code: 'not_multipart',
        message: 'Choose the files with the form’s file field.',
      }
      return renderLibrary(request, reply, { problem })
    }
    const outcomes = await receive(request)
    if (wantsJson(request)) {
      if (outcomes === 'csrf') return sendJsonProblem(reply, CSRF_PROBLEM)
      return reply.status(statusOf(outcomes)).send(uploadAnswer(outcomes))
    }
    if (outcomes === 'csrf') return renderLibrary(request, reply, { problem: CSRF_PROBLEM })
    if (outcomes.length === 0) {
      const problem: Problem = {
        status: 422,
        code: 'no_files',
        message: 'Choose one or more image files to upload.',
        field: 'files',
      }
      return renderLibrary(request, reply, { problem })
    }
    const status = statusOf(outcomes)
    if (status !== 200) return renderLibrary(request, reply, { outcomes, status })
    const [only] = outcomes
    if (outcomes.length === 1 && only && 'item' in only && !only.duplicate) {
      return reply.redirect(`/admin/media/${only.item.id}?done=uploaded`, 303)
    }
    return renderLibrary(request, reply, { outcomes })
  })

  app.get('/media/:id', async (request, reply) => {
    if (!wantsJson(request)) return renderItem(request, reply, mediaId(request))
    // The rich-text editor's pictures: their thumbnails and alt text.
    const { item } = await media.get(actorFor(request), mediaId(request))
    return reply.header('cache-control', 'private, no-store').send(choiceOf(item))
  })

  app.post('/media/:id', async (request, reply) => {
    const id = mediaId(request)
    const attempt = fieldsOf(formOf(request))
    return handleForm(request, reply, {
      run: async () => {
        const { version, ...fields } = attempt
        await media.update(actorFor(request), id, fields satisfies MediaFields, {
          baseVersion: version,
        })
        return reply.redirect(`/admin/media/${id}?done=saved`, 303)
      },
      render: (problem) =>
        // After a conflict the other person's version is shown; otherwise what was typed.
        renderItem(
          request,
          reply,
          id,
          problem.code === 'stale_media' ? { problem } : { attempt, problem },
        ),
    })
  })

  app.post('/media/:id/delete', async (request, reply) => {
    const id = mediaId(request)
    return handleForm(request, reply, {
      run: async () => {
        await media.remove(actorFor(request), id)
        return reply.redirect('/admin/media?done=deleted', 303)
      },
      render: (problem) => renderItem(request, reply, id, { problem }),
    })
  })
}

/** Fields an upload may carry beside its files (the editor's upload). */
const UPLOAD_FIELDS = new Set(['alt', 'caption', 'credit'])

/** A file over MEDIA_MAX_MB: multipart stopped reading it at the limit. */
function tooLarge(maxMegabytes: number): Problem {
  return {
    status: 413,
    code: 'file_too_large',
    message: `The file is larger than the library takes (${maxMegabytes} MB).`,
    field: 'files',
  }
}

function tooManyFiles(error: unknown): Problem | undefined {
  const code = (error as { code?: string }).code
  if (code !== 'FST_FILES_LIMIT' && code !== 'FST_PARTS_LIMIT') return undefined
  return {
    status: 413,
    code: 'too_many_files',
    message: `were not read: at most ${MAX_FILES} files go in one upload. Upload them separately.`,
    field: 'files',
  }
}
