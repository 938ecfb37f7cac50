import type { Article } from '../../domain/articles/article.js'
import { SEO_FIELDS, type ArticleSeo } from '../../domain/articles/article-seo.js'
import type { ArticleCommentMode } from '../../domain/comments/comment-policy.js'
import type { ArticleInput } from '../../domain/articles/article-writes.js'
import type { EditorSubmission } from '../../domain/articles/editing-service.js'
import { isTransition, type Transition } from '../../domain/articles/workflow.js'
import { NotFoundError } from '../../domain/errors.js'
import { zonedParts } from '../../text/dates.js'
import { text, texts, type FormValues } from '../plugins/request-parsing.js'

/** The editor form's fields, as typed: what is shown again whenever the form comes back. */
export interface EditorValues {
  headline: string
  standfirst: string
  dateline: string
  body: string
  /** One key point per line. */
  keyPoints: string
  section: string
  bylines: string[]
  /** Comma-separated. */
  tags: string
  slug: string
  version: number
  correction: string
  /** datetime-local text in the site's time zone. */
  scheduledFor: string
  /** default, open or closed. */
  comments: string
  /** The lead image's id, '' for none; undefined when the form did not carry the field (leave it). */
  leadImage: string | undefined
  /** What the lead image chooser's search was asked for. */
  leadImageQuery: string
  /** The search and sharing words; undefined when the form did not carry them (leave them). */
  seo: ArticleSeo | undefined
  /** The social image's id, '' for the default; undefined when the form did not carry it. */
  socialImage: string | undefined
  socialImageQuery: string
}

/** The form's name for each SEO field. */
export const SEO_NAMES: Record<keyof ArticleSeo, string> = {
  metaTitle: 'meta_title',
  metaDescription: 'meta_description',
  socialTitle: 'social_title',
  socialDescription: 'social_description',
}

/** The SEO fields as the form sent them, or undefined when it sent none of them. */
function seoFromForm(form: FormValues): ArticleSeo | undefined {
  if (!SEO_FIELDS.some((field) => Object.hasOwn(form, SEO_NAMES[field]))) return undefined
  const seo = { metaTitle: '', metaDescription: '', socialTitle: '', socialDescription: '' }
  for (const field of SEO_FIELDS) seo[field] = text(form, SEO_NAMES[field])
  return seo
}

/** A new article's form: the first section, and the writer's own byline. */
export function blankValues({
  section,
  byline,
}: {
  section: string
  byline?: string
}): EditorValues {
  return {
    headline: '',
    standfirst: '',
    dateline: '',
    body: '',
    keyPoints: '',
    section,
    bylines: byline ? [byline] : [],
    tags: '',
    slug: '',
    version: 0,
    correction: '',
    scheduledFor: '',
    comments: 'default',
    leadImage: '',
    leadImageQuery: '',
    seo: { metaTitle: '', metaDescription: '', socialTitle: '', socialDescription: '' },
    socialImage: '',
    socialImageQuery: '',
  }
}

export function valuesFromForm(form: FormValues): EditorValues {
  const version = Number(text(form, 'version'))
  return {
    headline: text(form, 'headline'),
    standfirst: text(form, 'standfirst'),
    dateline: text(form, 'dateline'),
    body: text(form, 'body'),
    keyPoints: text(form, 'key_points'),
    section: text(form, 'section'),
    bylines: texts(form, 'byline'),
    tags: text(form, 'tags'),
    slug: text(form, 'slug'),
    version: Number.isInteger(version) ? version : 0,
    correction: text(form, 'correction'),
    scheduledFor: text(form, 'scheduled_for'),
    comments: text(form, 'comments') || 'default',
    leadImage: Object.hasOwn(form, 'lead_image') ? text(form, 'lead_image') : undefined,
    leadImageQuery: text(form, 'lead_image_query'),
    seo: seoFromForm(form),
    socialImage: Object.hasOwn(form, 'social_image') ? text(form, 'social_image') : undefined,
    socialImageQuery: text(form, 'social_image_query'),
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

export function valuesFromArticle(article: Article, timeZone: string): EditorValues {
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    body: article.body,
    keyPoints: article.keyPoints.join('\n'),
    section: article.section.slug,
    bylines: article.bylines.map((author) => author.name),
    tags: article.tags.map((tag) => tag.name).join(', '),
    slug: article.slug,
    version: article.version,
    correction: '',
    scheduledFor: article.scheduledFor ? toLocalInput(article.scheduledFor, timeZone) : '',
    comments: article.commentMode,
    leadImage: article.leadImage?.id ?? '',
    leadImageQuery: '',
    seo: { ...article.seo },
    socialImage: article.socialImage?.id ?? '',
    socialImageQuery: '',
  }
}

export function toLocalInput(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

export function inputFromValues(values: EditorValues): ArticleInput {
  return {
    headline: values.headline,
    standfirst: values.standfirst,
    dateline: values.dateline,
    body: values.body,
    keyPoints: values.keyPoints.split('\n'),
    sectionSlug: values.section,
    bylines: values.bylines,
    tags: values.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
    slug: values.slug,
    commentMode: values.comments as ArticleCommentMode,
    ...(values.leadImage !== undefined && { leadImageId: values.leadImage.trim() || null }),
    ...(values.seo !== undefined && { seo: values.seo }),
    ...(values.socialImage !== undefined && {
      socialImageId: values.socialImage.trim() || null,
    }),
  }
}

/** What "Suggest" did to the form: how many key points it proposed, and those it replaced. */
export interface KeyPointSuggestion {
  /** How many key points were proposed; 0 when the body had no sentences to propose. */
  count: number
  /** The key points in the field before, which the suggestion replaced. */
  previous: string[]
}

/** The form with suggested key points in place of the typed ones (unchanged when there are none). */
export function withSuggestedKeyPoints(
  values: EditorValues,
  keyPoints: readonly string[],
): { values: EditorValues; suggestion: KeyPointSuggestion } {
  if (keyPoints.length === 0) return { values, suggestion: { count: 0, previous: [] } }
  const previous = values.keyPoints
    .split('\n')
    .map((point) => point.trim())
    .filter((point) => point !== '')
  return {
    values: { ...values, keyPoints: keyPoints.join('\n') },
    suggestion: { count: keyPoints.length, previous },
  }
}

/** The buttons that show the form again without saving: Preview, Suggest and Find images. */
export type UnsavedIntent = 'preview' | 'suggest' | 'find_images'

export function isUnsavedIntent(intent: string): intent is UnsavedIntent {
  return intent === 'preview' || intent === 'suggest' || intent === 'find_images'
}

/** The button pressed: "save", or the workflow move to make after saving; nothing else. */
function moveOf(intent: string): Transition | undefined {
  if (intent === 'save') return undefined
  if (isTransition(intent)) return intent
  throw new NotFoundError('unknown_action', `"${intent}" is not something the editor can do.`)
}

/** The editor's form as the domain takes it: the fields, the version they are based on, the move. */
export function submissionOf(values: EditorValues, intent: string): EditorSubmission {
  return {
    input: inputFromValues(values),
    baseVersion: values.version,
    correction: values.correction,
    move: moveOf(intent),
    scheduledFor: values.scheduledFor,
  }
}
