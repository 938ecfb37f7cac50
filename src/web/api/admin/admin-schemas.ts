// The Admin API's request bodies, strict: a field it does not take (role,
// status, authorId, createdBy…) is a 400 naming it, never quietly applied.
import { z } from 'zod'
import { ARTICLE_LIMITS } from '../../../domain/articles/article.js'
import { ID_PATTERN } from '../../../domain/ids.js'

const line = (max: number) => z.string().max(max)

/** The writer's fields, by the domain's names. */
const articleFields = {
  headline: line(ARTICLE_LIMITS.headline),
  standfirst: line(ARTICLE_LIMITS.standfirst),
  dateline: line(ARTICLE_LIMITS.dateline),
  body: z.string().max(ARTICLE_LIMITS.body).describe('Markdown.'),
  keyPoints: z.array(line(ARTICLE_LIMITS.keyPoint)).max(ARTICLE_LIMITS.keyPoints),
  bylines: z.array(line(100)).max(ARTICLE_LIMITS.bylines).describe('Author names, in order.'),
  section: z.string().max(60).describe('A section slug.'),
  tags: z.array(line(60)).max(ARTICLE_LIMITS.tags).describe('Tag names.'),
  slug: z.string().max(ARTICLE_LIMITS.slug),
  featuredImage: z.string().regex(ID_PATTERN).nullable().describe('A media library id.'),
}

export const createArticleBody = z.strictObject({
  ...articleFields,
  headline: articleFields.headline,
  section: articleFields.section,
  standfirst: articleFields.standfirst.optional(),
  dateline: articleFields.dateline.optional(),
  body: articleFields.body.optional(),
  keyPoints: articleFields.keyPoints.optional(),
  bylines: articleFields.bylines.optional(),
  tags: articleFields.tags.optional(),
  slug: articleFields.slug.optional(),
  featuredImage: articleFields.featuredImage.optional(),
})

export const patchArticleBody = z.strictObject({
  version: z.int().min(1).describe('The version this change was based on.'),
  headline: articleFields.headline.optional(),
  standfirst: articleFields.standfirst.optional(),
  dateline: articleFields.dateline.optional(),
  body: articleFields.body.optional(),
  keyPoints: articleFields.keyPoints.optional(),
  bylines: articleFields.bylines.optional(),
  section: articleFields.section.optional(),
  tags: articleFields.tags.optional(),
  slug: articleFields.slug.optional(),
  featuredImage: articleFields.featuredImage.optional(),
  correction: z.string().max(ARTICLE_LIMITS.correction).optional(),
})

/** Where an article may be moved, by the status it ends in. */
export const transitionBody = z.strictObject({
  version: z.int().min(1),
  to: z.enum(['in_review', 'draft', 'scheduled', 'published', 'unpublished']),
  at: z
    .string()
    .max(40)
    .optional()
    .describe('For `scheduled`: the time in the site’s zone, 2026-11-28T14:30.'),
})
