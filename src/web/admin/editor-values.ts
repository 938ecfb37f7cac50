import type { Article } from '../../domain/articles/article.js'
import type { ArticleCommentMode } from '../../domain/comments/comment-policy.js'
import type { ArticleInput } from '../../domain/articles/article-writes.js'
import { ValidationError } from '../../domain/errors.js'
import { zonedParts, zonedTimeToInstant } from '../../text/dates.js'
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
  }
}

/** "2026-11-28T14:30" in the site's zone → an instant; ValidationError when it is not a time. */
export function parseLocalTime(value: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim())
  if (!match) {
    throw new ValidationError('invalid_schedule_time', 'Choose a date and time for publication.', {
      field: 'scheduledFor',
    })
  }
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  return zonedTimeToInstant({ year, month, day, hour, minute }, timeZone)
}
