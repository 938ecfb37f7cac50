import { DomainError } from '../errors.js'

/**
 * A request a program sent that cannot be read as asked: a malformed cursor, a
 * filter on a field not offered, a value of the wrong type. Answered 400 (the
 * mapping's default for a domain error it does not name).
 */
export class InvalidRequestError extends DomainError {}
