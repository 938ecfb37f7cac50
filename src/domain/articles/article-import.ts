import type { ParseReport } from '../../text/article-text/article-text.js'
import { zonedTimeToInstant, type CalendarDate } from '../../text/dates.js'
import { IMPORTER, type Actor } from '../access/policy.js'
import { DomainError, ValidationError } from '../errors.js'
import type { ContentChanges } from '../changes.js'
import { articleFromText } from '../imports/article-from-text.js'
import type { ImportedArticle } from '../../text/import/import-item.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import { assertPublishable, type Article } from './article.js'
import {
  knownRecords,
  rememberResolved,
  resolveInput,
  type ArticleInput,
  type KnownRecords,
} from './article-input.js'
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
  /** The day new articles are dated when their source gives none; the import's day without it. */
  fallbackDate?: CalendarDate
}

export type ImportAction = 'created' | 'updated' | 'unchanged'

export interface ImportResult {
  action: ImportAction
  article: Article
  report: ParseReport
  /** The source gave no date: a new article took the fallback, an existing one kept its date. */
  undated: boolean
}

/** Imports one article inside a session; a DomainError is the item's failure, the rest go on. */
export type ImportOne = (
  article: ImportedArticle,
  options: ImportOptions,
) => Promise<ImportResult | DomainError>

/** Undated text is filed at noon, site time: far from midnight, its date survives a zone change. */
const FILING_HOUR = 12

/** Thrown to undo a dry run's transaction; never escapes the importer. */
class DryRunRollback extends Error {}

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
    const visible = results.flatMap((result) =>
      !(result instanceof DomainError) &&
      result.action !== 'unchanged' &&
      result.article.status === 'published'
        ? [result.article.id]
        : [],
    )
    if (visible.length > 0) await changes.announce({ scope: 'site', articles: visible })
  }

  /** The article this source made before: by its source key, else by its content. */
  async function findExisting(
    tx: Stores,
    source: ImportedArticle,
  ): Promise<{ id: string | undefined; recorded: boolean }> {
    const id = await tx.importSources.findArticleId(source.sourceKey)
    if (id) return { id, recorded: true }
    if (source.contentKey === undefined) return { id: undefined, recorded: false }
    return { id: await tx.articles.findIdByImportKey(source.contentKey), recorded: false }
  }

  /** Writes an imported article into the given stores (inside a transaction or savepoint). */
  async function importInto(
    tx: Stores,
    source: ImportedArticle,
    options: ImportOptions,
    known?: KnownRecords,
  ): Promise<ImportResult> {
    const result = await writeArticle(tx, source, options, known)
    if (!result.recorded && source.sourceKey !== source.contentKey) {
      await tx.importSources.record(source.sourceKey, result.article.id)
    }
    return result
  }

  async function writeArticle(
    tx: Stores,
    source: ImportedArticle,
    options: ImportOptions,
    known: KnownRecords | undefined,
  ): Promise<ImportResult & { recorded: boolean }> {
    const { report } = source
    const actor = options.actor ?? IMPORTER
    const date = source.publishedOn
    const undated = date === undefined
    const found = await findExisting(tx, source)
    const existing = found.id ? await getArticle(tx, found.id) : undefined
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
      known,
    })
    const publish = existing ? existing.status === 'published' : !options.draft
    if (publish) assertPublishable({ ...input, ...resolved }, { bylineRequired: false })

    if (existing) {
      const base = { report, undated, recorded: found.recorded }
      if (!hasWriterChanges(existing, resolved)) {
        return { action: 'unchanged', article: existing, ...base }
      }
      const step = editStep(existing, resolved, { now: clock.now(), note: 'Imported again' })
      const article = await commitSteps(tx, deps, { before: existing, steps: [step], by: actor })
      return { action: 'updated', article, ...base }
    }

    const now = clock.now()
    const day = date ?? options.fallbackDate
    const publishedAt = day ? zonedTimeToInstant({ ...day, hour: FILING_HOUR }, timeZone()) : now
    const created: Article = {
      id: newId(),
      ...resolved,
      status: publish ? 'published' : 'draft',
      publishedAt: publish ? publishedAt : null,
      scheduledFor: null,
      createdAt: now,
      // An imported story was last touched when it was published, not when it was imported.
      updatedAt: publish && day ? publishedAt : now,
      createdBy: null,
      commentMode: 'default',
      corrections: [],
      // New: in no thread until an editor adds it to one.
      threadId: null,
      version: 1,
    }
    const article = await insertArticle(tx, deps, {
      steps: [{ article: created, note: 'Imported' }],
      by: actor,
      importKey: source.contentKey ?? null,
    })
    return { action: 'created', article, report, undated, recorded: false }
  }

  /**
   * Runs `work` in one transaction, importing each article it hands to `one`
   * in its own savepoint: an article that fails is reported and undone alone,
   * and the lot reaches the disk with one sync. A dry run does every write,
   * reports what happened, and then undoes the whole transaction.
   */
  async function session<T>(
    work: (one: ImportOne) => Promise<T>,
    { dryRun = false }: { dryRun?: boolean } = {},
  ): Promise<T> {
    const results: (ImportResult | DomainError)[] = []
    let value: { done: T } | undefined
    try {
      await stores.batch(async (unit) => {
        // Sections and authors resolved by this transaction's stories, for the next ones.
        const known = knownRecords()
        const one: ImportOne = async (article, options) => {
          try {
            const result = await unit((tx) => importInto(tx, article, options, known))
            rememberResolved(known, result.article)
            results.push(result)
            return result
          } catch (error) {
            if (!(error instanceof DomainError)) throw error
            return error
          }
        }
        value = { done: await work(one) }
        if (dryRun) throw new DryRunRollback('a dry run changes nothing')
      })
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error
    }
    if (!value) throw new Error('the import session ended without a result')
    if (!dryRun) await announce(results)
    return value.done
  }

  function fromText(text: string): ImportedArticle {
    const item = articleFromText(text, { name: 'text' })
    if (item.kind === 'problem') throw new ValidationError('unreadable_article', item.problem)
    return item
  }

  return {
    session,

    /**
     * Imports one article in the plain-text archive form. Text already
     * imported (same headline and date) updates its article instead of
     * adding another. Throws ValidationError when the text is not an article.
     */
    async importText(text: string, options: ImportOptions): Promise<ImportResult> {
      const result = await stores.transaction((tx) => importInto(tx, fromText(text), options))
      await announce([result])
      return result
    },

    /** Imports many texts in one session (see `session`); results come in input order. */
    importBatch(
      entries: readonly { text: string; options: ImportOptions }[],
    ): Promise<(ImportResult | DomainError)[]> {
      return session(async (one) => {
        const outcomes: (ImportResult | DomainError)[] = []
        for (const { text, options } of entries) {
          const item = articleFromText(text, { name: 'text' })
          outcomes.push(
            item.kind === 'problem'
              ? new ValidationError('unreadable_article', item.problem)
              : await one(item, options),
          )
        }
        return outcomes
      })
    },
  }
}
