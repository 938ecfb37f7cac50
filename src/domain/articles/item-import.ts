// One story from another platform (a WordPress post, a Ghost page…) written
// as an article through the same writes as the editor and the text import:
// resolved input, revisions, search row. The source's key finds it again, so
// a second import updates it and never adds another.
import { slugify } from '../../text/slug.js'
import { IMPORTER } from '../access/policy.js'
import { ValidationError } from '../errors.js'
import type { Stores } from '../unit-of-work.js'
import type { ArticleSeo } from './article-seo.js'
import { SEO_LIMITS, SEO_FIELDS } from './article-seo.js'
import { ARTICLE_LIMITS, assertPublishable, firstFreeSlug, type Article } from './article.js'
import { resolveInput, type ArticleInput, type KnownRecords } from './article-input.js'
import { editStep } from './article-steps.js'
import {
  commitSteps,
  getArticle,
  hasWriterChanges,
  insertArticle,
  type WriteDeps,
} from './article-writes.js'

/** A story as the site import hands it over: the source's words, images already in the library. */
export interface ImportedStory {
  sourceKey: string
  title: string
  slug: string
  status: 'published' | 'scheduled' | 'draft' | 'in_review'
  publishedAt: Date | null
  bylines: readonly string[]
  sectionSlug: string
  tags: readonly string[]
  standfirst: string
  /** Markdown, its pictures `media:ID` (or their source address, shown as their description). */
  body: string
  leadImageId: string | null
  seo: ArticleSeo
}

export interface StoryWrite {
  action: 'created' | 'updated' | 'unchanged'
  article: Article
  warnings: string[]
}

/** Text cut at a word before `limit` characters, with an ellipsis. */
function shortened(text: string, limit: number): string {
  if (text.length <= limit) return text
  const cut = text.slice(0, limit - 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), limit / 2)).trimEnd()}…`
}

/** Fields the source let grow beyond Dateline's limits, cut to fit with a warning each. */
function fitted(story: ImportedStory, warnings: string[]) {
  const fit = (label: string, text: string, limit: number): string => {
    if (text.length > limit) warnings.push(`The ${label} was cut to ${limit} characters.`)
    return shortened(text, limit)
  }
  const seo = Object.fromEntries(
    SEO_FIELDS.map((field) => [field, fit(field, story.seo[field], SEO_LIMITS[field].max)]),
  ) as unknown as ArticleSeo
  if (story.bylines.length > ARTICLE_LIMITS.bylines) {
    warnings.push(`Only the first ${ARTICLE_LIMITS.bylines} bylines were kept.`)
  }
  if (story.tags.length > ARTICLE_LIMITS.tags) {
    warnings.push(`Only the first ${ARTICLE_LIMITS.tags} tags were kept.`)
  }
  return {
    standfirst: fit('standfirst', story.standfirst.replace(/\s+/g, ' '), ARTICLE_LIMITS.standfirst),
    seo,
    bylines: story.bylines.slice(0, ARTICLE_LIMITS.bylines),
    tags: story.tags.slice(0, ARTICLE_LIMITS.tags),
  }
}

/** The source's slug when it is free; otherwise the first free one after it, with a warning. */
async function freeSlug(tx: Stores, story: ImportedStory, warnings: string[]): Promise<string> {
  const base = slugify(story.slug) || slugify(story.title) || 'article'
  const taken = new Set(await tx.articles.slugsLike(base))
  const slug = firstFreeSlug(base, (candidate) => taken.has(candidate))
  if (slug !== base) warnings.push(`The slug "${base}" is taken; this story is at "${slug}".`)
  return slug
}

/**
 * Writes one story inside the caller's transaction. A published or scheduled
 * story that cannot go out (no body text, no byline, a picture without a
 * description) comes in as a draft, with the reason among the warnings.
 */
export async function writeImportedStory(
  tx: Stores,
  deps: WriteDeps,
  story: ImportedStory,
  /** What the run's earlier stories resolved (article-input.ts). */
  known?: KnownRecords,
): Promise<StoryWrite> {
  const warnings: string[] = []
  const existingId = await tx.articles.findIdByImportKey(story.sourceKey)
  const existing = existingId ? await getArticle(tx, existingId) : undefined
  const fields = fitted(story, warnings)
  const input: ArticleInput = {
    headline: story.title,
    standfirst: fields.standfirst,
    dateline: '',
    body: story.body,
    keyPoints: existing?.keyPoints ?? [],
    sectionSlug: story.sectionSlug,
    bylines: fields.bylines,
    tags: fields.tags,
    slug: existing?.slug ?? (await freeSlug(tx, story, warnings)),
    leadImageId: story.leadImageId,
    seo: fields.seo,
  }
  const resolved = await resolveInput(tx, input, {
    newId: deps.newId,
    current: existing,
    foreignImages: 'keep',
    known,
  })
  if (existing) {
    if (!hasWriterChanges(existing, resolved)) {
      return { action: 'unchanged', article: existing, warnings }
    }
    const step = editStep(existing, resolved, { now: deps.clock.now(), note: 'Imported again' })
    const article = await commitSteps(tx, deps, { before: existing, steps: [step], by: IMPORTER })
    return { action: 'updated', article, warnings }
  }

  let status = story.status
  if (status === 'published' || status === 'scheduled') {
    try {
      assertPublishable(resolved)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      warnings.push(`Imported as a draft: ${error.message}`)
      status = 'draft'
    }
  }
  const now = deps.clock.now()
  const publishedAt = status === 'published' ? (story.publishedAt ?? now) : null
  const created: Article = {
    id: deps.newId(),
    ...resolved,
    status,
    publishedAt,
    scheduledFor: status === 'scheduled' ? (story.publishedAt ?? now) : null,
    createdAt: now,
    // A story from an archive was last touched when it was published, not when it was imported.
    updatedAt: publishedAt ?? now,
    createdBy: null,
    commentMode: 'default',
    corrections: [],
    // New: in no thread until an editor adds it to one.
    threadId: null,
    version: 1,
  }
  const article = await insertArticle(tx, deps, {
    steps: [{ article: created, note: 'Imported' }],
    by: IMPORTER,
    importKey: story.sourceKey,
  })
  return { action: 'created', article, warnings }
}
