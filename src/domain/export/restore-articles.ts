// Articles from an export, as they were: every revision, status, dates,
// bylines in order, corrections, SEO fields, images and comments (their
// statuses kept). Written straight through the stores, not through the
// editor's steps: the history is the export's, not a new one.
import { briefLine } from '../../text/brief.js'
import { imageReferences } from '../../text/markdown.js'
import type { ArticleRecord } from '../articles/article-store.js'
import { bodyHashOf } from '../comments/comment-posting.js'
import { keyedHash } from '../comments/reader-identity.js'
import { ConflictError } from '../errors.js'
import type { Stores } from '../unit-of-work.js'
import type { ExportedArticle, ExportedComment } from './export-document.js'
import type { RestoreDeps, RestoredIds } from './restore-catalogue.js'

/** The import_sources key of an exported article: its id on the site it came from. */
export const sourceKeyOf = (article: Pick<ExportedArticle, 'id'>) => `dateline:${article.id}`

/** `media:ID` pictures pointed at the item each became here (the same, unless found by content). */
function remapPictures(body: string, media: ReadonlyMap<string, string>): string {
  return body.replace(/media:([0-9a-f-]{36})/g, (whole, id: string) => {
    const local = media.get(id)
    return local ? `media:${local}` : whole
  })
}

const mapped = (ids: ReadonlyMap<string, string>, id: string | null) =>
  id === null ? null : (ids.get(id) ?? null)

function recordOf(article: ExportedArticle, id: string, ids: RestoredIds): ArticleRecord {
  const body = remapPictures(article.body, ids.media)
  const date = (value: string | null) => (value === null ? null : new Date(value))
  return {
    id,
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    body,
    keyPoints: article.keyPoints,
    brief: briefLine({ standfirst: article.standfirst, keyPoints: article.keyPoints, body }),
    sectionId: ids.sectionSlugs.get(article.section) ?? '',
    authorIds: article.bylines.map((author) => ids.authors.get(author) ?? author),
    tagIds: article.tags.map((tag) => ids.tags.get(tag) ?? tag),
    status: article.status,
    publishedAt: date(article.publishedAt),
    scheduledFor: date(article.scheduledFor),
    createdAt: new Date(article.createdAt),
    updatedAt: new Date(article.updatedAt),
    createdBy: null,
    commentMode: article.commentMode,
    version: article.version,
    leadImageId: mapped(ids.media, article.leadImageId),
    inlineImageIds: [...new Set(imageReferences(body).library)],
    seo: article.seo,
    socialImageId: mapped(ids.media, article.socialImageId),
    importKey: null,
  }
}

/** The article's id here: the one an earlier restore made, else the export's own. */
async function localIdOf(tx: Stores, article: ExportedArticle): Promise<string> {
  const recorded = await tx.importSources.findArticleId(sourceKeyOf(article))
  const slugOwner = await tx.articles.findIdBySlug(article.slug)
  const id = recorded ?? article.id
  if (slugOwner !== undefined && slugOwner !== id) {
    throw new ConflictError(
      'slug_taken',
      `article "${article.slug}": another article on this site already has that address`,
    )
  }
  return id
}

export type ArticleAction = 'created' | 'updated' | 'unchanged'

export async function restoreArticle(
  tx: Stores,
  deps: RestoreDeps & { siteKey: string },
  article: ExportedArticle,
  ids: RestoredIds,
): Promise<ArticleAction> {
  const id = await localIdOf(tx, article)
  const record = recordOf(article, id, ids)
  const existing = await tx.articles.findById(id)
  let action: ArticleAction = 'created'
  if (!existing) {
    await tx.articles.insert(record)
  } else if (
    existing.version === record.version &&
    existing.updatedAt.getTime() === record.updatedAt.getTime()
  ) {
    action = 'unchanged'
  } else {
    await tx.articles.update(record, existing.version)
    action = 'updated'
  }
  await tx.importSources.record(sourceKeyOf(article), id)
  ids.articles.set(article.id, id)
  await restoreHistory(tx, deps, article, id, ids)
  await restoreComments(tx, deps, article.comments, id)
  return action
}

/** Revisions and corrections the site does not have yet. */
async function restoreHistory(
  tx: Stores,
  deps: RestoreDeps,
  article: ExportedArticle,
  id: string,
  ids: RestoredIds,
): Promise<void> {
  const have = new Set((await tx.revisions.list(id)).map((revision) => revision.version))
  const missing = article.revisions.filter((revision) => !have.has(revision.version))
  if (missing.length > 0) {
    await tx.revisions.insert(
      missing.map((revision) => ({
        id: deps.newId(),
        articleId: id,
        version: revision.version,
        createdAt: new Date(revision.createdAt),
        createdByName: revision.createdByName,
        note: revision.note,
        fields: { ...revision.fields, body: remapPictures(revision.fields.body, ids.media) },
        createdBy: null,
      })),
    )
  }
  const current = await tx.articles.findById(id)
  const known = new Set((current?.corrections ?? []).map((correction) => correction.id))
  for (const correction of article.corrections) {
    if (known.has(correction.id)) continue
    await tx.articles.insertCorrection(id, {
      id: correction.id,
      note: correction.note,
      createdAt: new Date(correction.createdAt),
      createdBy: null,
    })
  }
}

/** Comments ordered so that each comes after the one it answers (ties in time can come either way). */
function parentsFirst(comments: readonly ExportedComment[]): ExportedComment[] {
  const ordered: ExportedComment[] = []
  const placed = new Set<string>()
  let waiting = [...comments]
  while (waiting.length > 0) {
    const ready = waiting.filter((c) => c.parentId === null || placed.has(c.parentId))
    // The check before writing found every parent; a cycle is all that can be left.
    if (ready.length === 0) throw new Error(`comments ${waiting[0]?.id ?? ''} answer each other`)
    for (const comment of ready) placed.add(comment.id)
    ordered.push(...ready)
    waiting = waiting.filter((c) => !placed.has(c.id))
  }
  return ordered
}

/** Comments with their statuses: new ones added as they were, known ones moved to the export's status. */
async function restoreComments(
  tx: Stores,
  deps: RestoreDeps & { siteKey: string },
  comments: readonly ExportedComment[],
  articleId: string,
): Promise<void> {
  for (const comment of parentsFirst(comments)) {
    const createdAt = new Date(comment.createdAt)
    const existing = await tx.comments.findById(comment.id)
    if (existing) {
      if (existing.status !== comment.status) {
        await tx.comments.setStatus([comment.id], comment.status, deps.clock.now(), 'Import')
      }
      continue
    }
    const moderated = comment.status !== 'pending'
    const moderatedAt = comment.moderatedAt ? new Date(comment.moderatedAt) : createdAt
    await tx.comments.insert({
      id: comment.id,
      articleId,
      parentId: comment.parentId,
      authorName: comment.name,
      body: comment.body,
      status: comment.status,
      createdAt,
      moderatedAt: moderated ? moderatedAt : null,
      moderatedBy: moderated ? (comment.moderatedBy ?? 'Import') : null,
      emailHash: null,
      networkHash: keyedHash(deps.siteKey, `direct:${comment.id}`),
      bodyHash: bodyHashOf(comment.body),
      commenterHash: null,
      duplicateBuckets: null,
    })
  }
}
