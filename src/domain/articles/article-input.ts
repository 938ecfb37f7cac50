// The editor's (and the importer's) fields, checked and resolved into what an
// article stores: a section, authors and tags by id, a free slug. What the
// article being changed already has is taken from it, not looked up again.
import { asWrittenLine, asWrittenText } from '../../text/control-characters.js'
import { briefLine } from '../../text/brief.js'
import { isSlug, slugify } from '../../text/slug.js'
import { ARTICLE_COMMENT_MODES, type ArticleCommentMode } from '../comments/comment-policy.js'
import { ValidationError } from '../errors.js'
import { findOrCreateNamed } from '../find-or-create-named.js'
import type { IdGenerator } from '../ids.js'
import { MAX_AUTHOR_NAME_LENGTH, type Author } from '../people/author.js'
import type { SectionRef } from '../sections/section.js'
import { MAX_TAG_NAME_LENGTH } from '../tags/tag.js'
import type { ImageRef } from '../media/media.js'
import type { Stores } from '../unit-of-work.js'
import { resolveImages } from './article-images.js'
import { cleanSeo, EMPTY_SEO, type ArticleSeo } from './article-seo.js'
import {
  ARTICLE_LIMITS,
  assertArticleContent,
  assertBylineCount,
  firstFreeSlug,
  type Article,
  type ArticleByline,
  type ArticleContent,
  type ArticleTag,
} from './article.js'

/** What the editor sends: the writer's fields, with relations by name. */
export interface ArticleInput extends ArticleContent {
  sectionSlug: string
  /** Byline names in order; new names become new authors. */
  bylines: string[]
  tags: string[]
  /** '' to derive one from the headline. */
  slug: string
  /** Absent: leave as it is (a new article takes the site's rule). */
  commentMode?: ArticleCommentMode
  /** The library image shown above the story; null for none; absent: leave as it is. */
  leadImageId?: string | null
  /** The search and sharing words; absent: leave as they are (a new article has none). */
  seo?: Partial<ArticleSeo>
  /** The picture shares show instead of the lead image; null for the default; absent: leave it. */
  socialImageId?: string | null
}

/** The input as an article holds it: checked, with its section, authors and tags resolved. */
export interface ResolvedInput extends ArticleContent {
  slug: string
  brief: string
  sectionId: string
  section: SectionRef
  bylines: ArticleByline[]
  tags: ArticleTag[]
  /** Absent, not undefined: spread over an article, it leaves the article's choice alone. */
  commentMode?: ArticleCommentMode
  leadImage: ImageRef | null
  inlineImages: ImageRef[]
  seo: ArticleSeo
  socialImage: ImageRef | null
}

/**
 * Sections and authors a run of imports has resolved, by slug, so that the
 * next story does not look them up again. It lives as long as the run's
 * transaction, and an article's are remembered only once its savepoint is
 * released (rememberResolved): an author made by a story that was undone is
 * never recalled.
 */
export interface KnownRecords {
  sections: Map<string, SectionRef & { id: string }>
  authors: Map<string, ArticleByline>
}

export function knownRecords(): KnownRecords {
  return { sections: new Map(), authors: new Map() }
}

/** Remembers the section and authors of an article just written (its savepoint released). */
export function rememberResolved(known: KnownRecords, article: Article): void {
  known.sections.set(article.section.slug, { id: article.sectionId, ...article.section })
  for (const author of article.bylines) known.authors.set(author.slug, author)
}

/**
 * Validates the input and resolves section, bylines, tags and slug. `current`
 * is the article being changed (none for a new one): its section, authors,
 * tags and slug are known, so only what the writer changed is looked up.
 */
export async function resolveInput(
  stores: Stores,
  input: ArticleInput,
  {
    newId,
    current,
    foreignImages = 'refuse',
    known,
  }: {
    newId: IdGenerator
    current: Article | undefined
    /** What this run has already resolved (imports); looked up in the stores without it. */
    known?: KnownRecords
    /**
     * A Markdown image that is not from the library: refused when a person
     * writes it; kept (shown as its description) in imported or restored text.
     */
    foreignImages?: 'refuse' | 'keep'
  },
): Promise<ResolvedInput> {
  // What cannot be seen (control characters, noncharacters) never gets in (text/control-characters.ts).
  const line = (text: string) => asWrittenLine(text).trim()
  const content: ArticleContent = {
    headline: line(input.headline),
    standfirst: line(input.standfirst),
    dateline: line(input.dateline),
    body: asWrittenText(input.body),
    keyPoints: input.keyPoints.map(line).filter((point) => point !== ''),
  }
  assertArticleContent(content)
  assertBylineCount(input.bylines.length)
  if (input.tags.length > ARTICLE_LIMITS.tags) {
    throw new ValidationError(
      'too_many_tags',
      `An article has at most ${ARTICLE_LIMITS.tags} tags.`,
      {
        field: 'tags',
      },
    )
  }
  const section =
    known?.sections.get(input.sectionSlug) ?? (await sectionOf(stores, input.sectionSlug, current))
  const authors = await findOrCreateNamed(stores.authors, input.bylines, {
    field: 'bylines',
    maxLength: MAX_AUTHOR_NAME_LENGTH,
    create: (name, slug) => ({ id: newId(), slug, name, bio: '' }),
    known: current?.bylines,
    recall: known && ((slug) => known.authors.get(slug)),
  })
  const tags = await findOrCreateNamed(stores.tags, input.tags, {
    field: 'tags',
    maxLength: MAX_TAG_NAME_LENGTH,
    create: (name, slug) => ({ id: newId(), slug, name }),
    known: current?.tags,
  })
  if (input.commentMode !== undefined && !ARTICLE_COMMENT_MODES.includes(input.commentMode)) {
    throw new ValidationError(
      'invalid_comment_mode',
      'Comments are the site default, open or closed.',
      { field: 'commentMode' },
    )
  }
  const seo = input.seo ? cleanSeo(input.seo) : (current?.seo ?? EMPTY_SEO)
  const images = await resolveImages(stores, input, { current, foreignImages })
  return {
    ...content,
    ...images,
    seo,
    brief: briefLine(content),
    slug: await chooseSlug(stores, input.slug.trim(), content.headline, current),
    sectionId: section.id,
    section: { slug: section.slug, name: section.name },
    // Authors come from the article, the store or a new record: each keeps its photo, if it has one.
    bylines: authors.map((author) => ({
      id: author.id,
      slug: author.slug,
      name: author.name,
      photo: (author as Pick<Author, 'photo'>).photo ?? null,
    })),
    tags: tags.map(({ id, slug, name }) => ({ id, slug, name })),
    ...(input.commentMode !== undefined && { commentMode: input.commentMode }),
  }
}

async function sectionOf(
  stores: Stores,
  slug: string,
  current: Article | undefined,
): Promise<SectionRef & { id: string }> {
  if (current && current.section.slug === slug) return { id: current.sectionId, ...current.section }
  const section = await stores.sections.findBySlug(slug)
  if (!section) {
    throw new ValidationError('unknown_section', `There is no section "${slug}".`, {
      field: 'section',
    })
  }
  return section
}

/** The writer's slug if free and well-formed; otherwise, when none was given, one from the headline. */
async function chooseSlug(
  stores: Stores,
  wanted: string,
  headline: string,
  current: Article | undefined,
): Promise<string> {
  if (wanted !== '') {
    if (!isSlug(wanted)) {
      throw new ValidationError(
        'invalid_slug',
        `A slug is lower-case letters, digits and single hyphens, at most ${ARTICLE_LIMITS.slug} characters.`,
        { field: 'slug' },
      )
    }
    if (wanted === current?.slug) return wanted
    const holder = await stores.articles.findIdBySlug(wanted)
    if (holder !== undefined && holder !== current?.id) {
      throw new ValidationError(
        'slug_taken',
        `Another article already uses the slug "${wanted}".`,
        { field: 'slug' },
      )
    }
    return wanted
  }
  const base = slugify(headline) || 'article'
  const taken = new Set(await stores.articles.slugsLike(base))
  return firstFreeSlug(base, (slug) => taken.has(slug) && slug !== current?.slug)
}
