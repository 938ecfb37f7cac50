// The one mapping from an error to what a client is told: a status, a stable
// code, words for people and the field at fault. Pages show it in their own
// layout (plugins/errors.tsx, the newsroom's error page, forms shown again);
// scripts and programs get it as JSON, always in the same shape:
//   {"error": {"code": "…", "message": "…", "field": "…"}}   (field only when there is one)
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  StorageFullError,
  StorageUnavailableError,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
} from '../../domain/errors.js'

/** What went wrong, for a page, a form shown again, or a JSON answer. */
export interface Problem {
  status: number
  /** Stable, snake_case: what scripts and tests rely on. */
  code: string
  message: string
  /** The input field at fault, when there is one. */
  field?: string
  /** For 429: when to try again. */
  retryAfterSeconds?: number
  /** The domain error itself, for a form that shows more of it (a conflict's other version). */
  error?: unknown
}

/** The one mapping from a domain error to an HTTP status. */
export function statusOfDomainError(error: DomainError): number {
  if (error instanceof NotFoundError) return 404
  if (error instanceof ValidationError) return 422
  if (error instanceof ForbiddenError) return 403
  if (error instanceof ConflictError) return 409
  if (error instanceof UnauthenticatedError) return 401
  if (error instanceof TooManyRequestsError) return 429
  if (error instanceof PayloadTooLargeError) return 413
  // The database failing is no fault of the request: said plainly, with what to do.
  if (error instanceof StorageFullError) return 507
  if (error instanceof StorageUnavailableError) return 503
  return 400
}

/** The problem a domain error describes; undefined for anything else (a bug: a 500). */
export function problemOf(error: unknown): Problem | undefined {
  if (!(error instanceof DomainError)) return undefined
  return {
    status: statusOfDomainError(error),
    code: error.code,
    message: error.message,
    error,
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(error instanceof TooManyRequestsError || error instanceof StorageUnavailableError
      ? { retryAfterSeconds: error.retryAfterSeconds }
      : {}),
  }
}

/** Codes for what Fastify itself refuses (a body too large, one that does not parse, …). */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  404: 'page_not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  431: 'headers_too_large',
}

export const NOT_FOUND: Problem = {
  status: 404,
  code: 'page_not_found',
  message: 'There is no page at this address. It may have moved, or the link may be mistyped.',
}

export const SERVER_FAULT: Problem = {
  status: 500,
  code: 'internal_error',
  message: 'The error has been logged and will be looked at. Please try again in a moment.',
}

/** The problem any error describes: a domain error, a request Fastify refused, or a fault of ours. */
export function problemFor(error: unknown): Problem {
  const known = problemOf(error)
  if (known) return known
  const { statusCode: status, code } = error as Partial<FastifyError>
  // A URL the router cannot even decode, or one too long to be ours, names no page.
  if (code === 'FST_ERR_BAD_URL' || code === 'FST_ERR_MAX_PARAM_LENGTH' || status === 404) {
    return NOT_FOUND
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      status,
      code: CODE_OF_STATUS[status] ?? 'bad_request',
      message: (error as Error).message,
    }
  }
  return SERVER_FAULT
}

/** Whether the client asked for JSON rather than a page (a script, a program). */
export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  return accept.includes('application/json') && !accept.includes('text/html')
}

/** The JSON body of a problem: the one error shape of every JSON answer. */
export function jsonErrorOf(problem: Problem): {
  error: { code: string; message: string; field?: string }
} {
  const { code, message, field } = problem
  return { error: field === undefined ? { code, message } : { code, message, field } }
}

/** Tells a client refused for going too fast, or while the database is away, when it may try again. */
export function setRetryAfter(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.retryAfterSeconds !== undefined) {
    reply.header('retry-after', String(problem.retryAfterSeconds))
  }
  return reply
}

/** Answers with a problem as JSON: its status, never cached. */
export function sendJsonProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return setRetryAfter(reply, problem)
    .code(problem.status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(jsonErrorOf(problem))
}
