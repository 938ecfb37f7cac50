// What every write to an article shares: the version check, the stored record,
// revisions, and writing a change as one update however many steps it took.
// Used by the editing, workflow and import use cases.
import type { Actor } from '../access/policy.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { Stores } from '../unit-of-work.js'
import type { Article } from './article.js'
import type { ArticleRecord } from './article-store.js'
import type { ResolvedInput } from './article-input.js'
import type { RevisionFields } from './revision.js'
import type { WebhookOutbox } from '../webhooks/webhook-outbox.js'

export type { ArticleInput } from './article-input.js'

export interface WriteDeps {
  clock: Clock
  newId: IdGenerator
  /** Webhook events, written in the same transaction as the article (absent: none sent). */
  outbox?: WebhookOutbox
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

/** Whether the input changes anything a writer controls; a save that does not is no new version. */
export function hasWriterChanges(current: Article, next: ResolvedInput): boolean {
  const ids = (list: readonly { id: string }[]) => list.map((item) => item.id)
  const pairs: [unknown, unknown][] = [
    [current.slug, next.slug],
    [current.headline, next.headline],
    [current.standfirst, next.standfirst],
    [current.dateline, next.dateline],
    [current.body, next.body],
    [current.keyPoints, next.keyPoints],
    [current.sectionId, next.sectionId],
    [ids(current.bylines), ids(next.bylines)],
    [ids(current.tags), ids(next.tags)],
    [current.commentMode, next.commentMode ?? current.commentMode],
    [current.leadImage?.id ?? null, next.leadImage?.id ?? null],
    [ids(current.inlineImages), ids(next.inlineImages)],
    [current.seo, next.seo],
    [current.socialImage?.id ?? null, next.socialImage?.id ?? null],
  ]
  return pairs.some(([a, b]) => JSON.stringify(a) !== JSON.stringify(b))
}

/** The stored record of an article: its relations as the ids it carries. */
export function recordOf(article: Article, importKey: string | null = null): ArticleRecord {
  const {
    section: _section,
    bylines,
    tags,
    corrections: _corrections,
    leadImage,
    inlineImages,
    socialImage,
    ...fields
  } = article
  return {
    ...fields,
    authorIds: bylines.map((author) => author.id),
    tagIds: tags.map((tag) => tag.id),
    leadImageId: leadImage?.id ?? null,
    inlineImageIds: inlineImages.map((image) => image.id),
    socialImageId: socialImage?.id ?? null,
    importKey,
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
    ...article.seo,
    socialImage: article.socialImage?.id ?? '',
  }
}

/** One version a write makes: the article as it stands after it, and what the history says. */
export interface Step {
  article: Article
  note: string
}

/** What a write hands the store beyond the record, so that nothing is looked up again. */
function knownOf(article: Article, before?: Article) {
  return {
    names: {
      bylines: article.bylines.map((author) => author.name),
      tags: article.tags.map((tag) => tag.name),
    },
    previous: before && recordOf(before),
  }
}

/** Records each step as a revision, in one statement. */
async function writeRevisions(
  stores: Stores,
  { clock, newId }: WriteDeps,
  steps: readonly Step[],
  by: Actor,
): Promise<void> {
  await stores.revisions.insert(
    steps.map(({ article, note }) => ({
      id: newId(),
      articleId: article.id,
      version: article.version,
      createdAt: clock.now(),
      createdBy: by.id,
      createdByName: by.displayName,
      note,
      fields: snapshot(article),
    })),
  )
}

/**
 * Inserts a new article as its last step left it, with a revision for every
 * step (the first is version 1). Nothing is read back: a bulk import does
 * this thousands of times.
 */
export async function insertArticle(
  stores: Stores,
  deps: WriteDeps,
  { steps, by, importKey = null }: { steps: readonly Step[]; by: Actor; importKey?: string | null },
): Promise<Article> {
  const last = steps.at(-1)
  if (!last) throw new Error('insertArticle needs at least one step')
  await stores.articles.insert(recordOf(last.article, importKey), knownOf(last.article))
  await writeRevisions(stores, deps, steps, by)
  await deps.outbox?.articleChanged(stores, undefined, last.article)
  return last.article
}

/**
 * Writes an article's steps since `before` as one update over `before`'s
 * version, with a revision for each. StaleEditError (or ConflictError) when
 * another write got there first. Returns the article as the last step left it.
 */
export async function commitSteps(
  stores: Stores,
  deps: WriteDeps,
  { before, steps, by }: { before: Article; steps: readonly Step[]; by: Actor },
): Promise<Article> {
  const last = steps.at(-1)
  if (!last) return before
  const written = await stores.articles.update(
    recordOf(last.article),
    before.version,
    knownOf(last.article, before),
  )
  if (!written) {
    await assertCurrentVersion(stores, await getArticle(stores, before.id), before.version)
    throw new ConflictError('article_changed', 'The article changed while it was being saved.')
  }
  await writeRevisions(stores, deps, steps, by)
  await deps.outbox?.articleChanged(stores, before, last.article)
  return last.article
}
