import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
} from '../../domain/errors.js'

/** The one mapping from a domain error to an HTTP status. */
export function statusOfDomainError(error: DomainError): number {
  if (error instanceof NotFoundError) return 404
  if (error instanceof ValidationError) return 422
  if (error instanceof ForbiddenError) return 403
  if (error instanceof ConflictError) return 409
  if (error instanceof UnauthenticatedError) return 401
  if (error instanceof TooManyRequestsError) return 429
  if (error instanceof PayloadTooLargeError) return 413
  return 400
}

/** What went wrong with a form, for showing it again with the user's values. */
export interface FormProblem {
  status: number
  message: string
  field?: string
  code?: string
  error?: unknown
}

/** The status and words for a domain error; undefined for anything else (a bug: a 500). */
export function problemOf(error: unknown): FormProblem | undefined {
  if (!(error instanceof DomainError)) return undefined
  return {
    status: statusOfDomainError(error),
    message: error.message,
    field: error.field,
    code: error.code,
    error,
  }
}
