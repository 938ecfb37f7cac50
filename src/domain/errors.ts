/**
 * Errors the domain raises. Each carries a stable snake_case `code` that
 * clients and tests rely on; messages are for people and may change. HTTP
 * statuses are the web layer's business (web/plugins/errors.ts).
 */
export class DomainError extends Error {
  readonly code: string
  /** The input field at fault, when there is one. */
  readonly field: string | undefined

  constructor(code: string, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.field = options.field
  }
}

export class NotFoundError extends DomainError {}

export class ValidationError extends DomainError {}

export class ConflictError extends DomainError {}

export class ForbiddenError extends DomainError {}

/** What was sent is larger than the limit for it (a file over MEDIA_MAX_MB). */
export class PayloadTooLargeError extends DomainError {}

/** The request needs a signed-in user, and there is none (or the session has expired). */
export class UnauthenticatedError extends DomainError {}

/** Too many attempts in too short a time; `retryAfterSeconds` says when to try again. */
export class TooManyRequestsError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message)
  }
}

/**
 * The database has no room left (a full disk, or the database's own limit):
 * nothing was written. Raised by storage/, in the domain's words, so that
 * every caller answers it alike (web/plugins/problems.ts: 507).
 */
export class StorageFullError extends DomainError {
  constructor(options: { cause?: unknown } = {}) {
    super(
      'storage_full',
      'Nothing was saved: the site’s storage is full. What you wrote is still here; keep a copy and try again later. The error has been logged.',
      options,
    )
  }
}

/**
 * The database cannot be reached (stopped, restarting, unreachable): nothing
 * was read or written. Raised by storage/ (web/plugins/problems.ts: 503).
 */
export class StorageUnavailableError extends DomainError {
  readonly retryAfterSeconds = 30

  constructor(options: { cause?: unknown } = {}) {
    super(
      'service_unavailable',
      'The site’s database cannot be reached just now, so nothing was saved. Please try again in a minute.',
      options,
    )
  }
}
