// Pieces every write to an article shares: the editor's input, relations
// resolved by name, slugs, revisions. Used by the editing, workflow and
// import use cases.
import { briefLine } from '../../text/brief.js'
import { asWrittenLine, asWrittenText } from '../../text/control-characters.js'
import { slugify, isSlug } from '../../text/slug.js'
import type { Actor } from '../access/policy.js'
import { ARTICLE_COMMENT_MODES, type ArticleCommentMode } from '../comments/comment-policy.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import { findOrCreateNamed } from '../find-or-create-named.js'
import type { IdGenerator } from '../ids.js'
import { MAX_AUTHOR_NAME_LENGTH } from '../people/author.js'
import { MAX_TAG_NAME_LENGTH } from '../tags/tag.js'
import type { Stores } from '../unit-of-work.js'
import {
  ARTICLE_LIMITS,
  assertArticleContent,
  assertBylineCount,
  firstFreeSlug,
  type Article,
  type ArticleContent,
} from './article.js'
import type { ArticleRecord } from './article-store.js'
import type { AuthorRef } from '../people/author.js'
import type { SectionRef } from '../sections/section.js'
import type { TagRef } from '../tags/tag.js'
import type { RevisionFields } from './revision.js'

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
}

export interface WriteDeps {
  clock: Clock
  newId: IdGenerator
}

/** A save started from a version that is no longer current. Carries what the editor needs to merge. */
export class StaleEditError extends ConflictError {
  constructor(
    readonly current: Article,
    readonly changedBy: string,
    readonly changedAt: Date,
    /** The fields as they were at the version the writer started from. */
    readonly base: RevisionFields | undefined,
  ) {
    super('stale_version', `${changedBy} changed this article while you were editing it.`)
  }
}

export async function getArticle(stores: Stores, id: string): Promise<Article> {
  const article = await stores.articles.findById(id)
  if (!article) throw new NotFoundError('article_not_found', 'There is no such article.')
  return article
}

/** Throws StaleEditError, naming who saved last and when, unless `baseVersion` is current. */
export async function assertCurrentVersion(
  stores: Stores,
  article: Article,
  baseVersion: number,
): Promise<void> {
  if (article.version === baseVersion) return
  const [latest, base] = await Promise.all([
    stores.revisions.find(article.id, article.version),
    stores.revisions.find(article.id, baseVersion),
  ])
  throw new StaleEditError(
    article,
    latest?.createdByName ?? 'Someone',
    latest?.createdAt ?? article.updatedAt,
    base?.fields,
  )
}

/** Validates the input and resolves section, bylines, tags and slug into record fields. */
export async function resolveInput(
  stores: Stores,
  input: ArticleInput,
  { newId, articleId }: { newId: IdGenerator; articleId: string | null },
): Promise<
  Pick<
    ArticleRecord,
    | 'slug'
    | 'headline'
    | 'standfirst'
    | 'dateline'
    | 'body'
    | 'keyPoints'
    | 'brief'
    | 'sectionId'
    | 'authorIds'
    | 'tagIds'
  > &
    Partial<Pick<ArticleRecord, 'commentMode'>> & { refs: ArticleRefs }
> {
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
  const section = await stores.sections.findBySlug(input.sectionSlug)
  if (!section) {
    throw new ValidationError('unknown_section', `There is no section "${input.sectionSlug}".`, {
      field: 'section',
    })
  }
  const authors = await findOrCreateNamed(stores.authors, input.bylines, {
    field: 'bylines',
    maxLength: MAX_AUTHOR_NAME_LENGTH,
    create: (name, slug) => ({ id: newId(), slug, name, bio: '' }),
  })
  const tags = await findOrCreateNamed(stores.tags, input.tags, {
    field: 'tags',
    maxLength: MAX_TAG_NAME_LENGTH,
    create: (name, slug) => ({ id: newId(), slug, name }),
  })
  if (input.commentMode !== undefined && !ARTICLE_COMMENT_MODES.includes(input.commentMode)) {
    throw new ValidationError(
      'invalid_comment_mode',
      'Comments are the site default, open or closed.',
      {
        field: 'commentMode',
      },
    )
  }
  const slug = await chooseSlug(stores, input.slug.trim(), content.headline, articleId)
  return {
    ...content,
    brief: briefLine(content),
    slug,
    sectionId: section.id,
    authorIds: authors.map((a) => a.id),
    tagIds: tags.map((t) => t.id),
    // Absent, not undefined: spread over a record, it must leave the article's choice alone.
    ...(input.commentMode !== undefined && { commentMode: input.commentMode }),
    refs: {
      section: { slug: section.slug, name: section.name },
      bylines: authors.map(({ slug, name }) => ({ slug, name })),
      tags: tags.map(({ slug, name }) => ({ slug, name })),
    },
  }
}

/** The names an article's ids stand for, as resolveInput found them. */
export interface ArticleRefs {
  section: SectionRef
  bylines: AuthorRef[]
  tags: TagRef[]
}

/**
 * Inserts a new article and its first revision. The article is built from
 * what was written rather than read back: a bulk import does this thousands
 * of times.
 */
export async function insertArticle(
  stores: Stores,
  deps: WriteDeps,
  record: ArticleRecord,
  refs: ArticleRefs,
  by: { id: string | null; name: string },
  note: string,
): Promise<Article> {
  await stores.articles.insert(record)
  const article: Article = {
    id: record.id,
    slug: record.slug,
    headline: record.headline,
    standfirst: record.standfirst,
    dateline: record.dateline,
    body: record.body,
    keyPoints: record.keyPoints,
    brief: record.brief,
    sectionId: record.sectionId,
    section: refs.section,
    bylines: refs.bylines,
    tags: refs.tags,
    status: record.status,
    publishedAt: record.publishedAt,
    scheduledFor: record.scheduledFor,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    createdBy: record.createdBy,
    commentMode: record.commentMode,
    corrections: [],
    version: record.version,
  }
  await writeRevision(stores, deps, article, by, note)
  return article
}

/** The writer's slug if free and well-formed; otherwise, when none was given, one from the headline. */
async function chooseSlug(
  stores: Stores,
  wanted: string,
  headline: string,
  articleId: string | null,
): Promise<string> {
  if (wanted !== '') {
    if (!isSlug(wanted)) {
      throw new ValidationError(
        'invalid_slug',
        'A slug is lower-case letters, digits and single hyphens, at most 80 characters.',
        { field: 'slug' },
      )
    }
    const holder = await stores.articles.findBySlug(wanted)
    if (holder && holder.id !== articleId) {
      throw new ValidationError(
        'slug_taken',
        `Another article already uses the slug "${wanted}".`,
        {
          field: 'slug',
        },
      )
    }
    return wanted
  }
  const base = slugify(headline) || 'article'
  const taken = new Set(await stores.articles.slugsLike(base))
  const own = articleId ? (await stores.articles.findById(articleId))?.slug : undefined
  return firstFreeSlug(base, (slug) => taken.has(slug) && slug !== own)
}

/** The fields a save can change; a save that changes none of them is not a new version. */
const WRITER_FIELDS = [
  'slug',
  'headline',
  'standfirst',
  'dateline',
  'body',
  'keyPoints',
  'sectionId',
  'authorIds',
  'tagIds',
  'commentMode',
] as const

export function hasWriterChanges(
  current: ArticleRecord,
  next: Partial<Pick<ArticleRecord, (typeof WRITER_FIELDS)[number]>>,
): boolean {
  return WRITER_FIELDS.some(
    (key) => key in next && JSON.stringify(current[key]) !== JSON.stringify(next[key]),
  )
}

/** The stored record of an article as it stands, to change a few fields of. */
export async function recordOf(stores: Stores, article: Article): Promise<ArticleRecord> {
  const [authors, tags] = await Promise.all([
    stores.authors.findBySlugs(article.bylines.map((a) => a.slug)),
    stores.tags.findBySlugs(article.tags.map((t) => t.slug)),
  ])
  const authorId = new Map(authors.map((a) => [a.slug, a.id]))
  const tagId = new Map(tags.map((t) => [t.slug, t.id]))
  return {
    id: article.id,
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    body: article.body,
    keyPoints: article.keyPoints,
    brief: article.brief,
    sectionId: article.sectionId,
    authorIds: article.bylines.flatMap((a) => authorId.get(a.slug) ?? []),
    tagIds: article.tags.flatMap((t) => tagId.get(t.slug) ?? []),
    status: article.status,
    publishedAt: article.publishedAt,
    scheduledFor: article.scheduledFor,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    createdBy: article.createdBy,
    commentMode: article.commentMode,
    version: article.version,
    importKey: null,
  }
}

export function snapshot(article: Article): RevisionFields {
  return {
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    body: article.body,
    keyPoints: article.keyPoints,
    section: article.section.name,
    bylines: article.bylines.map((a) => a.name),
    tags: article.tags.map((t) => t.name),
    status: article.status,
  }
}

/** Stores the article as it now stands as the revision of its current version. */
export async function writeRevision(
  stores: Stores,
  { clock, newId }: WriteDeps,
  article: Article,
  by: { id: string | null; name: string },
  note: string,
): Promise<void> {
  await stores.revisions.insert({
    id: newId(),
    articleId: article.id,
    version: article.version,
    createdAt: clock.now(),
    createdBy: by.id,
    createdByName: by.name,
    note,
    fields: snapshot(article),
  })
}

/** Writes a changed record over `expected` and records the revision; StaleEditError if beaten to it. */
export async function commitChange(
  stores: Stores,
  deps: WriteDeps,
  record: ArticleRecord,
  expected: Article,
  actor: Actor,
  note: string,
): Promise<Article> {
  if (!(await stores.articles.update(record, expected.version))) {
    const fresh = await getArticle(stores, expected.id)
    await assertCurrentVersion(stores, fresh, expected.version)
    throw new ConflictError('article_changed', 'The article changed while it was being saved.')
  }
  const saved = await getArticle(stores, record.id)
  await writeRevision(stores, deps, saved, { id: actor.id, name: actor.displayName }, note)
  return saved
}
