import type { FastifyReply, FastifyRequest } from 'fastify'
import { ReauthenticationRequiredError } from '../../domain/accounts/recent-auth.js'
import { TooManyRequestsError, ValidationError } from '../../domain/errors.js'
import type { Direction } from '../../domain/ordering.js'
import { problemOf, type FormProblem } from '../plugins/domain-status.js'

export { problemOf, type FormProblem }
import { isCsrfValid } from './session.js'

/** A parsed urlencoded form: repeated names give arrays. */
export type FormValues = Record<string, string | string[] | undefined>

export function formOf(request: FastifyRequest): FormValues {
  const body = request.body
  return body && typeof body === 'object' ? (body as FormValues) : {}
}

/** One field's value: the first if repeated, '' if absent. Line endings become \n. */
export function text(form: FormValues, name: string): string {
  const value = form[name]
  const first = Array.isArray(value) ? value[0] : value
  return (first ?? '').replace(/\r\n?/g, '\n')
}

/** Every value of a repeated field, blanks dropped. */
export function texts(form: FormValues, name: string): string[] {
  const value = form[name]
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.map((item) => item.replace(/\r\n?/g, '\n').trim()).filter((item) => item !== '')
}

export const CSRF_PROBLEM: FormProblem = {
  status: 403,
  message:
    'This form had expired, or was sent from another site, so nothing was saved. Everything you typed is still here: check it and send it again.',
}

/**
 * Runs a form's action after checking its CSRF token. A bad token or a domain
 * error re-renders the form, through `render`, with the user's values intact.
 */
export async function handleForm(
  request: FastifyRequest,
  reply: FastifyReply,
  {
    run,
    render,
  }: {
    run: () => Promise<FastifyReply>
    render: (problem: FormProblem) => FastifyReply | Promise<FastifyReply>
  },
): Promise<FastifyReply> {
  if (!isCsrfValid(request, formOf(request)._csrf)) return render(CSRF_PROBLEM)
  try {
    return await run()
  } catch (error) {
    // Not a problem with the form: the newsroom asks for the password, then offers to send it again.
    if (error instanceof ReauthenticationRequiredError) throw error
    const problem = problemOf(error)
    if (!problem) throw error
    if (error instanceof TooManyRequestsError) {
      reply.header('retry-after', String(error.retryAfterSeconds))
    }
    return render(problem)
  }
}

/** A safe place to go back to after signing in: a newsroom path, never another site. */
export function safeNext(value: string): string {
  return /^\/admin(?:\/[\w\-/.?=&%]*)?$/.test(value) && !value.includes('//') ? value : '/admin'
}

/** A query-string parameter as a string; '' when absent or repeated. */
export function queryParam(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

/** The "Move up" / "Move down" buttons' value; `what` names what moves, for the message. */
export function directionOf(form: FormValues, what: string): Direction {
  const value = text(form, 'direction')
  if (value === 'up' || value === 'down') return value
  throw new ValidationError('invalid_direction', `${what} moves up or down.`, {
    field: 'direction',
  })
}
