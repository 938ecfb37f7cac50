import { z } from 'zod'
import { MAX_PAGE } from '../../domain/articles/article-service.js'
import { NotFoundError } from '../../domain/errors.js'

/**
 * Parses URL parts. On a public page a malformed path or page number does not
 * name anything, so it is a 404, never a 400 or a 500.
 */
export function parseOrNotFound<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new NotFoundError('page_not_found', 'No such page')
  return parsed.data
}

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(200)

/** `?page=N`; other query parameters are ignored. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
})
