// The Content API's shapes, in zod: the same schemas check what goes out (in
// tests) and what comes in (every query string), and make the OpenAPI document.
import { z } from 'zod'
import { API_PAGE_SIZE } from '../../domain/api/content-api-service.js'
import { SEARCH_LIMITS } from '../../domain/search/search-query.js'
import { ID_PATTERN } from '../../domain/ids.js'
import { slug } from '../plugins/request-parsing.js'

/** Every schema the OpenAPI document names as a component, by its id. */
export const apiSchemas = z.registry<{ id: string; description?: string }>()

const instant = z.iso.datetime({ offset: true })
const absoluteUrl = z.url()

export const Rendition = z
  .object({
    url: absoluteUrl,
    type: z.string().describe('Media type: image/avif, image/webp or image/jpeg.'),
    width: z.int(),
    height: z.int(),
  })
  .register(apiSchemas, { id: 'Rendition' })

export const Image = z
  .object({
    id: z.string(),
    alt: z.string().describe("A description for people who cannot see it; '' when decorative."),
    decorative: z.boolean(),
    caption: z.string(),
    credit: z.string(),
    width: z.int(),
    height: z.int(),
    renditions: z.array(Rendition).describe('Every rendition, smallest first.'),
  })
  .register(apiSchemas, { id: 'Image' })

export const SectionRef = z
  .object({ slug: z.string(), name: z.string(), url: absoluteUrl })
  .register(apiSchemas, { id: 'SectionRef' })

export const AuthorRef = z
  .object({ slug: z.string(), name: z.string(), url: absoluteUrl })
  .register(apiSchemas, { id: 'AuthorRef' })

export const TagRef = z
  .object({ slug: z.string(), name: z.string(), url: absoluteUrl })
  .register(apiSchemas, { id: 'TagRef' })

export const Article = z
  .object({
    id: z.string(),
    url: absoluteUrl,
    headline: z.string(),
    standfirst: z.string(),
    dateline: z.string().describe("Where the story was filed from; '' when none."),
    keyPoints: z.array(z.string()),
    section: SectionRef,
    bylines: z.array(AuthorRef).describe('In the order the story gives them.'),
    tags: z.array(TagRef),
    publishedAt: instant,
    updatedAt: instant,
    version: z.int(),
    body: z.object({
      html: z.string().describe('Safe HTML; the dateline opens the first paragraph.'),
      markdown: z.string(),
    }),
    leadImage: Image.nullable(),
    images: z.array(Image).describe('The pictures the body shows, in order.'),
    corrections: z.array(z.object({ note: z.string(), createdAt: instant })),
  })
  .register(apiSchemas, { id: 'Article' })

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next: z
      .string()
      .nullable()
      .describe('The cursor of the next page (pass it as `cursor`); null on the last.'),
  })

export const ArticlePage = pageOf(Article).register(apiSchemas, { id: 'ArticlePage' })

export type ArticleField = keyof z.infer<typeof Article>
export const ARTICLE_FIELDS = Object.keys(Article.shape) as ArticleField[]

export const Section = z
  .object({ slug: z.string(), name: z.string(), url: absoluteUrl })
  .register(apiSchemas, { id: 'Section' })
export const SectionList = z.object({ items: z.array(Section) }).register(apiSchemas, {
  id: 'SectionList',
})

export const Author = z
  .object({
    slug: z.string(),
    name: z.string(),
    bio: z.string(),
    url: absoluteUrl,
    photo: Image.nullable(),
  })
  .register(apiSchemas, { id: 'Author' })
export const AuthorPage = pageOf(Author).register(apiSchemas, { id: 'AuthorPage' })

export const Tag = z
  .object({ slug: z.string(), name: z.string(), url: absoluteUrl })
  .register(apiSchemas, { id: 'Tag' })
export const TagPage = pageOf(Tag).register(apiSchemas, { id: 'TagPage' })

export const Thread = z
  .object({
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    url: absoluteUrl,
    updatedAt: instant,
  })
  .register(apiSchemas, { id: 'Thread' })
export const ThreadPage = pageOf(Thread).register(apiSchemas, { id: 'ThreadPage' })

export const SitePage = z
  .object({
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    url: absoluteUrl,
    updatedAt: instant,
    body: z.object({ html: z.string().describe('Safe HTML.'), markdown: z.string() }),
  })
  .register(apiSchemas, { id: 'Page' })
export const SitePageList = z
  .object({ items: z.array(SitePage).describe('Published pages, by title.') })
  .register(apiSchemas, { id: 'PageList' })

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable, snake_case: what programs rely on.'),
      message: z.string(),
      field: z.string().optional().describe('The parameter or field at fault.'),
    }),
  })
  .register(apiSchemas, { id: 'Error' })

// Queries: strict, so a parameter not offered is a 400 naming it, never ignored.
const cursor = z.string().min(1).max(200).describe('From `next` of the page before.')
const limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(API_PAGE_SIZE.max)
  .describe(`Items per page (default ${API_PAGE_SIZE.default}).`)
const instantParam = z.iso
  .datetime({ offset: true })
  .transform((text) => new Date(text))
  .describe('ISO 8601 with an offset: 2026-11-20T09:00:00Z.')
const format = z
  .enum(['json', 'ninjs'])
  .describe('`ninjs`: IPTC ninjs 3.1 instead of this API’s own shape.')

// Sparse fieldsets, as WordPress's `_fields` and Ghost's `fields`: a list of
// headlines need not carry twenty bodies. Kept in the shape's order, so the
// same choice in any order is one answer.
const fields = z
  .string()
  .max(400)
  .transform((text, context) => {
    const named = new Set(text.split(',').map((name) => name.trim()))
    for (const name of named) {
      if (!(ARTICLE_FIELDS as string[]).includes(name)) {
        context.addIssue({
          code: 'custom',
          message: `"${name}" is not a field of an article; choose from ${ARTICLE_FIELDS.join(', ')}`,
        })
        return z.NEVER
      }
    }
    return ARTICLE_FIELDS.filter((name) => named.has(name))
  })
  .describe(
    'Only these fields of each article, comma-separated (JSON shape only): `id,url,headline,publishedAt`.',
  )

/** `fields` shapes this API's JSON; ninjs has its own shape. */
function fieldsNeedJson(query: { fields?: unknown; format?: string }, context: z.RefinementCtx) {
  if (query.fields !== undefined && query.format === 'ninjs') {
    context.addIssue({
      code: 'custom',
      path: ['fields'],
      message: 'fields applies to the JSON shape, not to ninjs',
    })
  }
}

export const articleListQuery = z
  .strictObject({
    section: slug().optional().describe('A section slug.'),
    tag: slug().optional().describe('A tag slug.'),
    author: slug().optional().describe('An author slug.'),
    thread: slug().optional().describe('A story thread slug.'),
    since: instantParam.optional().describe('Published at or after this instant.'),
    until: instantParam.optional().describe('Published before this instant.'),
    query: z.string().min(1).max(SEARCH_LIMITS.length).optional().describe('Words to search for.'),
    cursor: cursor.optional(),
    limit: limit.optional(),
    format: format.optional(),
    fields: fields.optional(),
  })
  .superRefine(fieldsNeedJson)

export const articleQuery = z
  .strictObject({ format: format.optional(), fields: fields.optional() })
  .superRefine(fieldsNeedJson)
export const pathQuery = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .max(400)
      .describe('The article’s address on the site: /YYYY/MM/DD/slug.'),
    format: format.optional(),
    fields: fields.optional(),
  })
  .superRefine(fieldsNeedJson)
export const noQuery = z.strictObject({})
export const slugListQuery = z.strictObject({ cursor: cursor.optional(), limit: limit.optional() })
export const pageSlugParams = z.strictObject({ slug: slug(80) })
export const articleIdParams = z.strictObject({ id: z.string().regex(ID_PATTERN) })
