import type { ArticleCommentMode } from '../comments/comment-policy.js'
import { MAX_SLUG_LENGTH } from '../../text/slug.js'
import { ValidationError } from '../errors.js'
import { assertUsableImage, type ImageRef } from '../media/media.js'
import type { AuthorRef } from '../people/author.js'
import type { SectionRef } from '../sections/section.js'
import type { TagRef } from '../tags/tag.js'
import type { ArticleSeo } from './article-seo.js'

export type ArticleStatus = 'draft' | 'in_review' | 'scheduled' | 'published' | 'unpublished'

export const ARTICLE_STATUSES: readonly ArticleStatus[] = [
  'draft',
  'in_review',
  'scheduled',
  'published',
  'unpublished',
]

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
}

export function isArticleStatus(value: string): value is ArticleStatus {
  return (ARTICLE_STATUSES as readonly string[]).includes(value)
}

/** A public note that a published article was corrected. All are kept and listed. */
export interface Correction {
  id: string
  note: string
  createdAt: Date
}

/**
 * A byline of an article: what pages show (the author's photo too, when the
 * article is read whole), and the author's id, which writes carry through.
 */
export type ArticleByline = AuthorRef & { id: string; photo?: ImageRef | null }

/** A tag of an article, with its id, as for bylines. */
export type ArticleTag = TagRef & { id: string }

/** An article as stored, with its section, bylines and tags resolved. */
export interface Article {
  id: string
  slug: string
  headline: string
  standfirst: string
  /** Where the story was filed from ("MOSCOW, RUSSIA"); '' when none. */
  dateline: string
  /** Markdown. */
  body: string
  keyPoints: string[]
  /** One line for listings, made from the fields when they are saved (text/brief.ts). */
  brief: string
  sectionId: string
  section: SectionRef
  /** Bylines in order. */
  bylines: ArticleByline[]
  tags: ArticleTag[]
  /** The story thread it belongs to (domain/threads), if any: an article is in one at most. */
  threadId: string | null
  status: ArticleStatus
  /** Set when it first goes out, and kept through unpublishing and publishing again. */
  publishedAt: Date | null
  /** When a scheduled article goes out. */
  scheduledFor: Date | null
  createdAt: Date
  updatedAt: Date
  /** The user who created it; null for imported articles. */
  createdBy: string | null
  /** Whether readers may comment: the site's rule, or this article's own. */
  commentMode: ArticleCommentMode
  corrections: Correction[]
  /** The picture above the story, with its caption and credit; null for none. */
  leadImage: ImageRef | null
  /** The library images the body shows (`![…](media:ID)`), each once, in order of first use. */
  inlineImages: ImageRef[]
  /** What search results and shares say instead of the headline and standfirst ('' each: the default). */
  seo: ArticleSeo
  /** The picture shares show instead of the lead image; null for the default. */
  socialImage: ImageRef | null
  /** Increases by one on every change; a save names the version it started from. */
  version: number
}

/** An article readers can see: published, so it always has a publication time. */
export type PublishedArticle = Article & { status: 'published'; publishedAt: Date }

/** Whether readers may see the article (and so whether it has a publication time). */
export function isPublished(article: Article): article is PublishedArticle {
  return article.status === 'published' && article.publishedAt !== null
}

/** What a listing shows of a published article; it always has a publication time. */
export interface ArticleSummary {
  id: string
  slug: string
  headline: string
  standfirst: string
  dateline: string
  /** One line about the story: its standfirst, first key point or first sentence. */
  brief: string
  section: SectionRef
  bylines: AuthorRef[]
  publishedAt: Date
  updatedAt: Date
  /** The story's lead picture, for cards that show one; null for none. */
  leadImage: ImageRef | null
}

/** The fields a writer controls. */
export interface ArticleContent {
  headline: string
  standfirst: string
  dateline: string
  body: string
  keyPoints: string[]
}

export const ARTICLE_LIMITS = {
  headline: 250,
  standfirst: 500,
  dateline: 100,
  body: 200_000,
  keyPoints: 10,
  keyPoint: 400,
  bylines: 12,
  tags: 20,
  /** A correction note, which readers see with the article. */
  correction: 500,
  slug: MAX_SLUG_LENGTH,
} as const

/** Throws a ValidationError naming the first field that breaks a rule. */
export function assertArticleContent(content: ArticleContent): void {
  if (content.headline.trim() === '') {
    throw new ValidationError('headline_required', 'An article needs a headline.', {
      field: 'headline',
    })
  }
  for (const field of ['headline', 'standfirst', 'dateline', 'body'] as const) {
    if (content[field].length > ARTICLE_LIMITS[field]) {
      throw new ValidationError(
        `${field}_too_long`,
        `The ${field} is ${content[field].length} characters long; the limit is ${ARTICLE_LIMITS[field]}.`,
        { field },
      )
    }
  }
  if (content.keyPoints.length > ARTICLE_LIMITS.keyPoints) {
    throw new ValidationError(
      'too_many_key_points',
      `At a glance holds at most ${ARTICLE_LIMITS.keyPoints} key points.`,
      { field: 'keyPoints' },
    )
  }
  if (
    content.keyPoints.some((point) => point.trim() === '' || point.length > ARTICLE_LIMITS.keyPoint)
  ) {
    throw new ValidationError(
      'invalid_key_point',
      `Each key point is 1–${ARTICLE_LIMITS.keyPoint} characters.`,
      { field: 'keyPoints' },
    )
  }
}

/**
 * What publishing (or scheduling) needs beyond a valid draft: body text, a
 * byline, and a description of every picture it shows (or the picture marked
 * decorative). Imports may go out without a byline: wire copy has none, and
 * the page credits the publication instead.
 */
export function assertPublishable(
  article: {
    body: string
    bylines: readonly unknown[]
    leadImage?: ImageRef | null
    inlineImages?: readonly ImageRef[]
    socialImage?: ImageRef | null
  },
  { bylineRequired = true }: { bylineRequired?: boolean } = {},
): void {
  if (article.body.trim() === '') {
    throw new ValidationError('body_required', 'An article needs body text before it goes out.', {
      field: 'body',
    })
  }
  if (bylineRequired && article.bylines.length === 0) {
    throw new ValidationError('byline_required', 'An article needs a byline before it goes out.', {
      field: 'bylines',
    })
  }
  for (const image of [
    ...(article.leadImage ? [article.leadImage] : []),
    ...(article.inlineImages ?? []),
    ...(article.socialImage ? [article.socialImage] : []),
  ]) {
    assertUsableImage(image)
  }
}

export function assertBylineCount(count: number): void {
  if (count > ARTICLE_LIMITS.bylines) {
    throw new ValidationError(
      'too_many_bylines',
      `An article has at most ${ARTICLE_LIMITS.bylines} bylines.`,
      {
        field: 'bylines',
      },
    )
  }
}

/** Grace period in which a change still counts as part of the publication. */
const UPDATE_THRESHOLD_MS = 60_000

/** Whether a published article changed after it went out, so the page shows "Updated". */
export function isUpdatedAfterPublication(
  article: Pick<Article, 'publishedAt' | 'updatedAt'>,
): boolean {
  return (
    article.publishedAt !== null &&
    article.updatedAt.getTime() - article.publishedAt.getTime() > UPDATE_THRESHOLD_MS
  )
}

/** `base`, or `base-2`, `base-3`… — the first that `isTaken` does not claim. */
export function firstFreeSlug(base: string, isTaken: (slug: string) => boolean): string {
  if (!isTaken(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`
    if (!isTaken(candidate)) return candidate
  }
}
