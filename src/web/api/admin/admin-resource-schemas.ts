// The Admin API's bodies and queries beyond articles, strict like theirs: a
// field a route does not take is a 400 naming it. Lengths here only bound
// what is read; the domain's own checks say what a value must be (422).
import { z } from 'zod'
import { MAX_PAGE } from '../../../domain/paging.js'
import { ID_PATTERN } from '../../../domain/ids.js'
import { slug } from '../../plugins/request-parsing.js'

const line = (max: number) => z.string().max(max)
const page = z.coerce.number().int().min(1).max(MAX_PAGE).optional().describe('From 1.')

export const slugParams = z.strictObject({ slug: slug(80) })
export const idParams = z.strictObject({ id: z.string().regex(ID_PATTERN) })
export const pageQuery = z.strictObject({ page })

export const mediaListQuery = z.strictObject({
  q: line(200).optional().describe('Words in captions, credits and file names.'),
  page,
})
export const mediaPatchBody = z.strictObject({
  version: z.int().min(1).describe('The version this change was based on.'),
  alt: line(1000).optional(),
  decorative: z.boolean().optional(),
  caption: line(5000).optional(),
  credit: line(1000).optional(),
})

export const sectionCreateBody = z.strictObject({ name: line(200), slug: line(80).optional() })
export const sectionRenameBody = z.strictObject({ name: line(200) })
export const sectionMoveBody = z.strictObject({ direction: z.enum(['up', 'down']) })
export const noBody = z.strictObject({})
export const sectionDeleteQuery = z.strictObject({
  into: slug(80).describe('The section its articles move to.'),
})

export const tagRenameBody = z.strictObject({ name: line(200) })

const authorLink = z.strictObject({ label: line(200), url: line(2000) })
export const authorPatchBody = z.strictObject({
  name: line(200).optional(),
  bio: line(10_000).optional(),
  links: z.array(authorLink).max(20).optional(),
})
export const mergeBody = z.strictObject({ into: slug(80).describe('The slug that remains.') })

export const threadCreateBody = z.strictObject({
  title: line(500),
  slug: line(120).optional(),
  description: line(5000).optional(),
})
export const threadPatchBody = z.strictObject({
  title: line(500).optional(),
  description: line(5000).optional(),
})

export const commentListQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected', 'spam']).default('pending'),
  page,
})
export const moderationBody = z.strictObject({
  ids: z.array(z.string().regex(ID_PATTERN)).min(1).max(100),
  action: z
    .enum(['approve', 'hold', 'reject', 'spam'])
    .describe('hold: back to the pending queue; reject takes a comment down.'),
})

export const redirectListQuery = z.strictObject({ q: line(200).optional(), page })
export const redirectBody = z.strictObject({ from: line(2000), to: line(2000) })
export const redirectDeleteQuery = z.strictObject({ from: line(2000) })

export const pageCreateBody = z.strictObject({
  title: line(1000),
  slug: line(200).optional(),
  description: line(2000).optional(),
  body: line(200_000).optional().describe('Markdown.'),
  published: z.boolean().optional(),
})
export const pagePatchBody = z.strictObject({
  version: z.int().min(1).describe('The version this change was based on.'),
  title: line(1000).optional(),
  description: line(2000).optional(),
  body: line(200_000).optional(),
  published: z.boolean().optional().describe('true publishes the page, false takes it down.'),
})
