// Reading requests, for every area of the site: the zod schemas for URL parts
// and query strings, and the reading of urlencoded forms. The slug and id
// patterns are the domain's and text's own (text/slug.ts, domain/ids.ts), so a
// URL names an article or a user by the same rule that made its slug or id.
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { NotFoundError } from '../../domain/errors.js'
import { ID_PATTERN } from '../../domain/ids.js'
import { MAX_PAGE } from '../../domain/paging.js'
import { SLUG_PATTERN } from '../../text/slug.js'

/**
 * Parses URL parts or a query string. A malformed one names nothing, so it is
 * a 404 (NotFoundError, `page_not_found` unless the caller names what is
 * missing), never a 400 or a 500.
 */
export function parseOrNotFound<T>(
  schema: z.ZodType<T>,
  value: unknown,
  missing: { code: string; message: string } = { code: 'page_not_found', message: 'No such page' },
): T {
  const parsed = schema.safeParse(value ?? {})
  if (!parsed.success) throw new NotFoundError(missing.code, missing.message)
  return parsed.data
}

/** A slug in a URL, at most `max` characters. */
export const slug = (max = 200) => z.string().max(max).regex(SLUG_PATTERN)

/** An id in a URL or a form. */
export const id = z.string().regex(ID_PATTERN)

/** `/…/:slug` */
export const slugParams = z.object({ slug: slug() })

/** `/…/:id` */
export const idParams = z.object({ id })

/** A year in a URL: four digits. */
export const fourDigits = z.string().regex(/^\d{4}$/)

/** A month or a day in a URL: two digits. */
export const twoDigits = z.string().regex(/^\d{2}$/)

/** An article's address, `/YYYY/MM/DD/slug`: the slug names it, the date is checked after. */
export const articleParams = z.object({
  year: fourDigits,
  month: twoDigits,
  day: twoDigits,
  slug: slug(),
})

/** A page number: a whole number from 1 to MAX_PAGE. */
const pageNumber = z.coerce.number().int().min(1).max(MAX_PAGE)

/** `?page=N` on a page a reader may link to: anything but a page number names no page. */
export const pageQuery = z.object({ page: pageNumber.default(1) })

/** A page number in a newsroom filter, which a typo should not break: anything else is page 1. */
export const forgivingPage = pageNumber.catch(1)

/** A query-string parameter as a string; '' when absent or repeated. */
export function queryParam(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

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

/**
 * A field that must come once, as sent: '' if absent or repeated. For forms
 * anyone on the internet can post, where a field sent twice is no answer at all.
 */
export function onlyText(form: FormValues, name: string): string {
  const value = form[name]
  return typeof value === 'string' ? value : ''
}
