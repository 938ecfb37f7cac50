// `dateline import` of a Dateline export: the whole site written back as the
// export describes it, in one transaction, so a document that fails part way
// leaves nothing behind. Everything that can be known to fail is checked
// before the first write: references inside the document, the media files.
import { createHash } from 'node:crypto'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import type { IdGenerator } from '../ids.js'
import { ORIGINAL_MIME_TYPES } from '../media/media.js'
import { originalKey, type MediaStorage } from '../media/media-storage.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { ExportDocument } from './export-document.js'
import { restoreArticle, type ArticleAction } from './restore-articles.js'
import {
  emptyIds,
  restoreAuthors,
  restoreMedia,
  restoreSections,
  restoreTags,
} from './restore-catalogue.js'
import { documentProblems } from './restore-check.js'
import {
  restoreFrontPage,
  restoreMenus,
  restorePages,
  restoreRedirects,
  restoreSettings,
  restoreThreads,
} from './restore-site.js'

/** The export folder's files by their path in the document; undefined when missing. Read by the CLI. */
export type ExportFiles = (path: string) => Promise<Uint8Array | undefined>

/** Why nothing was restored: every problem found, each naming its item. */
export class ExportRestoreError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '))
    this.name = 'ExportRestoreError'
  }
}

export interface RestoreSummary {
  articles: Record<ArticleAction, number>
  sections: number
  authors: number
  tags: number
  media: number
  pages: number
  threads: number
  redirects: number
  comments: number
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export type ExportRestorer = ReturnType<typeof createExportRestorer>

export function createExportRestorer(deps: {
  stores: UnitOfWork
  storage: MediaStorage
  changes: ContentChanges
  clock: Clock
  newId: IdGenerator
  siteKey: () => Promise<string>
}) {
  const { stores, storage, changes } = deps

  /** Each media item's file: there and the same bytes the document describes. */
  async function mediaProblems(document: ExportDocument, files: ExportFiles): Promise<string[]> {
    const problems: string[] = []
    for (const item of document.media) {
      const bytes = await files(item.file)
      const name = `media item ${item.id} (${item.fileName})`
      if (!bytes) problems.push(`${name}: the file ${item.file} is missing`)
      else if (sha256(bytes) !== item.contentHash) {
        problems.push(`${name}: the file ${item.file} is not the one exported (its hash differs)`)
      }
    }
    return problems
  }

  /** Originals not stored yet, stored; returns the keys written, to remove if the restore fails. */
  async function storeOriginals(document: ExportDocument, files: ExportFiles): Promise<string[]> {
    const written: string[] = []
    for (const item of document.media) {
      const key = originalKey(item.contentHash)
      if (await stores.media.findByHash(item.contentHash)) continue
      const bytes = await files(item.file)
      if (!bytes) throw new ExportRestoreError([`media item ${item.id}: ${item.file} went missing`])
      const format = item.format as keyof typeof ORIGINAL_MIME_TYPES
      await storage.put(key, bytes, { contentType: ORIGINAL_MIME_TYPES[format] })
      written.push(key)
    }
    return written
  }

  async function write(document: ExportDocument): Promise<RestoreSummary> {
    const siteKey = await deps.siteKey()
    const ids = emptyIds()
    const articles: Record<ArticleAction, number> = { created: 0, updated: 0, unchanged: 0 }
    await stores.transaction(async (tx) => {
      await restoreSections(tx, document, ids)
      await restoreMedia(tx, deps, document, ids)
      await restoreAuthors(tx, document, ids)
      await restoreTags(tx, document, ids)
      for (const article of document.articles) {
        articles[await restoreArticle(tx, { ...deps, siteKey }, article, ids)]++
      }
      await restoreThreads(tx, deps, document, ids)
      await restoreRedirects(tx, deps, document)
      await restorePages(tx, deps, document, ids)
      await restoreMenus(tx, document, ids)
      await restoreFrontPage(tx, document, ids)
      await restoreSettings(tx, document, ids)
    })
    return {
      articles,
      sections: document.sections.length,
      authors: document.authors.length,
      tags: document.tags.length,
      media: document.media.length,
      pages: document.pages?.length ?? 0,
      threads: document.threads.length,
      redirects: document.redirects.length,
      comments: document.articles.reduce((sum, article) => sum + article.comments.length, 0),
    }
  }

  return {
    /**
     * Restores the document; ExportRestoreError, with nothing written, when it
     * refers to something it does not hold, a media file is missing or
     * altered, or an article's address belongs to another article here.
     */
    async restore(document: ExportDocument, files: ExportFiles): Promise<RestoreSummary> {
      const problems = [...documentProblems(document), ...(await mediaProblems(document, files))]
      if (problems.length > 0) throw new ExportRestoreError(problems)
      const stored = await storeOriginals(document, files)
      let summary: RestoreSummary
      try {
        summary = await write(document)
      } catch (error) {
        await storage.delete(stored).catch(() => {})
        throw error
      }
      await changes.announce({ scope: 'site', settings: true })
      await changes.announce({ scope: 'redirects' })
      return summary
    },
  }
}
