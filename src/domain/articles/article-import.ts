import type { ParseReport } from '../../text/article-text/article-text.js'
import { parseArticleText } from '../../text/article-text/parse-article-text.js'
import { zonedTimeToInstant } from '../../text/dates.js'
import { slugify } from '../../text/slug.js'
import { IMPORTER, type Actor } from '../access/policy.js'
import { DomainError, ValidationError } from '../errors.js'
import type { ContentChanges } from '../changes.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import { assertPublishable, type Article } from './article.js'
import { resolveInput, type ArticleInput } from './article-input.js'
import { editStep } from './article-steps.js'
import {
  commitSteps,
  getArticle,
  hasWriterChanges,
  insertArticle,
  type WriteDeps,
} from './article-writes.js'

export interface ImportOptions {
  sectionSlug: string
  /** Import as a draft instead of publishing (applies to new articles only). */
  draft: boolean
  /** Tags for the article; without them, a re-import keeps the tags editors gave it. */
  tags?: readonly string[]
  /** Who is importing, for the revision history; the command line by default. */
  actor?: Actor
  /** A library picture to lead the story with; without it, a re-import keeps the one it has. */
  leadImageId?: string
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

export function createArticleImporter({
  stores,
  timeZone,
  changes,
  ...deps
}: {
  stores: UnitOfWork
  /** The site's zone now (an admin may change it). */
  timeZone: () => string
  changes: ContentChanges
} & WriteDeps) {
  const { clock, newId } = deps

  /** Readers see the import when it created or changed a published article. */
  async function announce(results: readonly (ImportResult | DomainError)[]): Promise<void> {
    const visible = results.some(
      (result) =>
        !(result instanceof DomainError) &&
        result.action !== 'unchanged' &&
        result.article.status === 'published',
    )
    if (visible) await changes.announce({ scope: 'site' })
  }

  /** Parses text and writes its article into the given stores (inside a transaction or savepoint). */
  async function importInto(
    tx: Stores,
    text: string,
    options: ImportOptions,
  ): Promise<ImportResult> {
    const parsed = parseArticleText(text)
    if (!parsed.ok) throw new ValidationError('unreadable_article', parsed.reason)
    const { article: source, report } = parsed
    const actor = options.actor ?? IMPORTER
    const date = source.publishedOn
    const importKey = `${slugify(source.headline) || 'article'}/${date ? `${date.year}-${date.month}-${date.day}` : 'undated'}`

    const existingId = await tx.articles.findIdByImportKey(importKey)
    const existing = existingId ? await getArticle(tx, existingId) : undefined
    const input: ArticleInput = {
      headline: source.headline,
      standfirst: source.standfirst,
      dateline: source.dateline,
      body: source.body,
      keyPoints: source.keyPoints,
      sectionSlug: options.sectionSlug,
      bylines: source.bylines,
      tags: [...(options.tags ?? existing?.tags.map((tag) => tag.name) ?? [])],
      slug: existing?.slug ?? '',
      ...(options.leadImageId !== undefined && { leadImageId: options.leadImageId }),
    }
    // Archive text is imported as it is: an image from elsewhere shows as its description.
    const resolved = await resolveInput(tx, input, {
      newId,
      current: existing,
      foreignImages: 'keep',
    })
    const publish = existing ? existing.status === 'published' : !options.draft
    if (publish) assertPublishable({ ...input, ...resolved })

    if (existing) {
      if (!hasWriterChanges(existing, resolved)) {
        return { action: 'unchanged', article: existing, report }
      }
      const step = editStep(existing, resolved, { now: clock.now(), note: 'Imported again' })
      const article = await commitSteps(tx, deps, { before: existing, steps: [step], by: actor })
      return { action: 'updated', article, report }
    }

    const now = clock.now()
    const publishedAt = date ? zonedTimeToInstant({ ...date, hour: FILING_HOUR }, timeZone()) : now
    const created: Article = {
      id: newId(),
      ...resolved,
      status: publish ? 'published' : 'draft',
      publishedAt: publish ? publishedAt : null,
      scheduledFor: null,
      createdAt: now,
      // An imported story was last touched when it was published, not when it was imported.
      updatedAt: publish && date ? publishedAt : now,
      createdBy: null,
      commentMode: 'default',
      corrections: [],
      version: 1,
    }
    const article = await insertArticle(tx, deps, {
      steps: [{ article: created, note: 'Imported' }],
      by: actor,
      importKey,
    })
    return { action: 'created', article, report }
  }

  return {
    /**
     * Imports one article in the plain-text archive form. Text already
     * imported (same headline and date) updates its article instead of
     * adding another. Throws ValidationError when the text is not an article.
     */
    async importText(text: string, options: ImportOptions): Promise<ImportResult> {
      const result = await stores.transaction((tx) => importInto(tx, text, options))
      await announce([result])
      return result
    },

    /**
     * Imports many articles in one transaction, each in its own savepoint: a
     * text that fails is reported and undone alone, the rest go in, and the
     * whole batch reaches the disk with one sync. Results come in input order.
     */
    async importBatch(
      entries: readonly { text: string; options: ImportOptions }[],
    ): Promise<(ImportResult | DomainError)[]> {
      const results = await stores.batch(async (unit) => {
        const outcomes: (ImportResult | DomainError)[] = []
        for (const { text, options } of entries) {
          try {
            outcomes.push(await unit((tx) => importInto(tx, text, options)))
          } catch (error) {
            if (!(error instanceof DomainError)) throw error
            outcomes.push(error)
          }
        }
        return outcomes
      })
      await announce(results)
      return results
    },
  }
}
