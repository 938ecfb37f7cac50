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
