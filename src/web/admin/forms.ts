import type { FastifyReply, FastifyRequest } from 'fastify'
import { ReauthenticationRequiredError } from '../../domain/accounts/recent-auth.js'
import { ValidationError } from '../../domain/errors.js'
import type { Direction } from '../../domain/ordering.js'
import { problemOf, setRetryAfter, type Problem } from '../plugins/problems.js'
import { formOf, text, type FormValues } from '../plugins/request-parsing.js'
import { isCsrfValid } from './session.js'

export const CSRF_PROBLEM: Problem = {
  status: 403,
  code: 'bad_csrf_token',
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
    render: (problem: Problem) => FastifyReply | Promise<FastifyReply>
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
    setRetryAfter(reply, problem)
    return render(problem)
  }
}

/** A safe place to go back to after signing in: a newsroom path, never another site. */
export function safeNext(value: string): string {
  return /^\/admin(?:\/[\w\-/.?=&%]*)?$/.test(value) && !value.includes('//') ? value : '/admin'
}

/** The "Move up" / "Move down" buttons' value; `what` names what moves, for the message. */
export function directionOf(form: FormValues, what: string): Direction {
  const value = text(form, 'direction')
  if (value === 'up' || value === 'down') return value
  throw new ValidationError('invalid_direction', `${what} moves up or down.`, {
    field: 'direction',
  })
}

/** The field a confirmation page (or the desk's dialog) adds; without it a risky POST only asks. */
export const CONFIRM_FIELD = 'confirm'

/** Whether the form carries the confirmation: a stray POST without it changes nothing. */
export const isConfirmed = (form: FormValues): boolean => text(form, CONFIRM_FIELD) === 'yes'
