import type { ParseReport } from '../../text/article-text/article-text.js'
import { parseArticleText } from '../../text/article-text/parse-article-text.js'
import { zonedTimeToInstant } from '../../text/dates.js'
import { slugify } from '../../text/slug.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import { findOrCreateNamed } from '../find-or-create-named.js'
import type { IdGenerator } from '../ids.js'
import { MAX_AUTHOR_NAME_LENGTH } from '../people/author.js'
import { MAX_TAG_NAME_LENGTH } from '../tags/tag.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import {
  assertArticleContent,
  assertBylineCount,
  firstFreeSlug,
  type Article,
  type ArticleContent,
} from './article.js'
import type { ArticleRecord } from './article-store.js'

export interface ImportOptions {
  sectionSlug: string
  /** Import as a draft instead of publishing (applies to new articles only). */
  draft: boolean
  tags?: readonly string[]
}

export type ImportAction = 'created' | 'updated' | 'unchanged'

export interface ImportResult {
  action: ImportAction
  article: Article
  report: ParseReport
}

/** Undated text is filed at noon, site time: far from midnight, its date survives a zone change. */
const FILING_HOUR = 12

export type ArticleImporter = ReturnType<typeof createArticleImporter>

export function createArticleImporter(deps: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  timeZone: string
}) {
  const { stores, clock, newId, timeZone } = deps

  return {
    /**
     * Imports one article in the plain-text archive form. Text already
     * imported (same headline and date) updates its article instead of
     * adding another. Throws ValidationError when the text is not an article.
     */
    async importText(text: string, options: ImportOptions): Promise<ImportResult> {
      const parsed = parseArticleText(text)
      if (!parsed.ok) throw new ValidationError('unreadable_article', parsed.reason)
      const { article: source, report } = parsed
      const content: ArticleContent = {
        headline: source.headline,
        standfirst: source.standfirst,
        dateline: source.dateline,
        body: source.body,
        keyPoints: source.keyPoints,
      }
      assertArticleContent(content)
      assertBylineCount(source.bylines.length)

      const baseSlug = slugify(source.headline) || 'article'
      const date = source.publishedOn
      const importKey = `${baseSlug}/${date ? `${date.year}-${date.month}-${date.day}` : 'undated'}`
      const publishedAt = date
        ? zonedTimeToInstant({ ...date, hour: FILING_HOUR }, timeZone)
        : clock.now()

      return stores.transaction(async (tx) => {
        const section = await tx.sections.findBySlug(options.sectionSlug)
        if (!section) {
          throw new NotFoundError(
            'section_not_found',
            `There is no section "${options.sectionSlug}".`,
            {
              field: 'section',
            },
          )
        }
        const existingId = await tx.articles.findIdByImportKey(importKey)
        const existing = existingId ? await tx.articles.findById(existingId) : undefined
        const authors = await findOrCreateNamed(tx.authors, source.bylines, {
          field: 'bylines',
          maxLength: MAX_AUTHOR_NAME_LENGTH,
          create: (name, slug) => ({ id: newId(), slug, name, bio: '' }),
        })
        // Without tags of its own, a re-import keeps the tags editors gave the article.
        const tagNames = options.tags ?? existing?.tags.map((tag) => tag.name) ?? []
        const tags = await findOrCreateNamed(tx.tags, tagNames, {
          field: 'tags',
          maxLength: MAX_TAG_NAME_LENGTH,
          create: (name, slug) => ({ id: newId(), slug, name }),
        })
        const fields = {
          ...content,
          sectionId: section.id,
          authorIds: authors.map((author) => author.id),
          tagIds: tags.map((tag) => tag.id),
        }

        if (!existing) {
          const taken = new Set(await tx.articles.slugsLike(baseSlug))
          const now = clock.now()
          const status = options.draft ? 'draft' : 'published'
          const record: ArticleRecord = {
            id: newId(),
            slug: firstFreeSlug(baseSlug, (slug) => taken.has(slug)),
            ...fields,
            status,
            publishedAt: status === 'published' ? publishedAt : null,
            createdAt: now,
            // An imported story was last touched when it was published, not when it was imported.
            updatedAt: status === 'published' && date ? publishedAt : now,
            version: 1,
            importKey,
          }
          await tx.articles.insert(record)
          return { action: 'created', article: await mustFind(tx, record.id), report }
        }

        if (isSame(existing, fields, authors, tags)) {
          return { action: 'unchanged', article: existing, report }
        }
        const record: ArticleRecord = {
          ...fields,
          id: existing.id,
          slug: existing.slug,
          status: existing.status,
          publishedAt: existing.publishedAt,
          createdAt: existing.createdAt,
          updatedAt: clock.now(),
          version: existing.version + 1,
          importKey,
        }
        if (!(await tx.articles.update(record, existing.version))) {
          throw new ConflictError(
            'article_changed',
            `"${existing.headline}" was changed while it was being imported.`,
          )
        }
        return { action: 'updated', article: await mustFind(tx, record.id), report }
      })
    },
  }
}

function isSame(
  existing: Article,
  fields: ArticleContent & { sectionId: string },
  authors: readonly { slug: string }[],
  tags: readonly { slug: string }[],
): boolean {
  return (
    existing.headline === fields.headline &&
    existing.standfirst === fields.standfirst &&
    existing.dateline === fields.dateline &&
    existing.body === fields.body &&
    existing.sectionId === fields.sectionId &&
    existing.keyPoints.join('\n') === fields.keyPoints.join('\n') &&
    existing.bylines.map((a) => a.slug).join('|') === authors.map((a) => a.slug).join('|') &&
    existing.tags.map((t) => t.slug).join('|') === tags.map((t) => t.slug).join('|')
  )
}

async function mustFind(stores: Stores, id: string): Promise<Article> {
  const article = await stores.articles.findById(id)
  if (!article) throw new Error(`article ${id} vanished inside its own transaction`)
  return article
}
