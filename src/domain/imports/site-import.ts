// A whole site from another platform, item by item, through the domain's own
// writes: pictures into the media library, stories as articles (the same
// writes as the editor), comments past the readers' defences, and every old
// address as a redirect to the story's new one. Items go in batches: one
// transaction per batch, one savepoint per story, so a story that fails is
// undone alone and a large archive costs few syncs to disk.
import { articlePath } from '../../text/article-path.js'
import type { ImportArticle, ImportItem } from '../../text/import/import-item.js'
import type { Clock } from '../clock.js'
import type { ContentChanges } from '../changes.js'
import type { CommentService } from '../comments/comment-service.js'
import { DomainError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { MediaService } from '../media/media-service.js'
import type { SectionService } from '../sections/section-service.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { writeImportedStory, type ImportedStory } from '../articles/item-import.js'
import { addImportedComments, newCommentsOf, type CommentEntry } from './import-comments.js'
import { createImageImport, type MediaFiles } from './import-images.js'
import { createSectionChooser } from './import-sections.js'
import { importRedirects } from './import-redirects.js'

export type { MediaFiles } from './import-images.js'

export interface SiteImportOptions {
  /** Source category or tag → section slug. */
  sectionMap?: ReadonlyMap<string, string>
  /** The section for stories with no category or tag to go by. */
  defaultSection: string
  /** The files under --media; without them no picture is imported. */
  media?: MediaFiles
  /** Told of each item as it is done, for progress and per-item reports. */
  onItem?: (outcome: ItemOutcome) => void
}

export interface ItemOutcome {
  label: string
  action: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed'
  /** The article's id and status, for an article written. */
  article?: { id: string; slug: string; status: string; path: string }
  /** Why it failed or was skipped, or what was not kept. */
  problems: string[]
}

export interface SiteImportSummary {
  created: number
  updated: number
  unchanged: number
  skipped: number
  failed: number
  comments: number
  redirects: number
  /** Display names two source authors share: they became one author here. */
  sharedNames: string[]
}

/** Stories per transaction: large enough that syncing is rare, small enough to bound memory. */
const BATCH_SIZE = 250

export type SiteImporter = ReturnType<typeof createSiteImporter>

export function createSiteImporter(deps: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  changes: ContentChanges
  media: MediaService
  comments: CommentService
  sections: SectionService
  timeZone: string
}) {
  const { stores, changes, timeZone } = deps

  return {
    /** Applies a reader's items to the site; re-running the same source updates, never duplicates. */
    async importItems(
      items: AsyncIterable<ImportItem>,
      options: SiteImportOptions,
    ): Promise<SiteImportSummary> {
      const summary: SiteImportSummary = {
        ...{ created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
        ...{ comments: 0, redirects: 0, sharedNames: [] },
      }
      const images = createImageImport(deps.media, options.media)
      const chooser = createSectionChooser({
        stores,
        sections: deps.sections,
        sectionMap: options.sectionMap ?? new Map(),
        defaultSection: options.defaultSection,
      })
      const authorsByName = new Map<string, string[]>()
      const report = (outcome: ItemOutcome) => {
        summary[outcome.action]++
        options.onItem?.(outcome)
      }

      /** Pictures into the library, section chosen: everything a story needs before its transaction. */
      async function prepare(item: ImportArticle): Promise<ImportedStory> {
        const ids: (string | null)[] = []
        for (const image of item.images) {
          const outcome = await images.imageFor(image, item.warnings)
          ids.push('id' in outcome ? outcome.id : null)
        }
        const body = item.body.replace(/\]\(import-image:(\d+)\)/g, (_all, index: string) => {
          const at = Number(index)
          return `](${ids[at] ? `media:${ids[at]}` : (item.images[at]?.source ?? '')})`
        })
        const lead =
          item.featuredImage && (await images.imageFor(item.featuredImage, item.warnings))
        let sectionSlug = options.defaultSection
        try {
          sectionSlug = await chooser.sectionFor(item.sectionNames)
        } catch (error) {
          if (!(error instanceof DomainError)) throw error
          item.warnings.push(`Filed in ${sectionSlug}: ${error.message}`)
        }
        return {
          ...item,
          sectionSlug,
          body,
          leadImageId: lead && 'id' in lead ? lead.id : null,
        }
      }

      async function runBatch(batch: ImportArticle[]): Promise<void> {
        // One after another: two stories of a new category must not both create its section.
        const stories: ImportedStory[] = []
        for (const item of batch) stories.push(await prepare(item))
        const written = await stores.batch(async (unit) => {
          const results: (ItemOutcome & { comments: CommentEntry[] })[] = []
          for (const [index, item] of batch.entries()) {
            const story = stories[index] as ImportedStory
            try {
              results.push(
                await unit(async (tx) => {
                  const write = await writeImportedStory(tx, deps, story)
                  const problems = [...item.warnings, ...write.warnings]
                  const { article } = write
                  summary.redirects += await importRedirects(tx, deps.clock, {
                    article,
                    to: articlePath(article, timeZone),
                    oldAddresses: item.oldAddresses,
                    problems,
                  })
                  const comments = await newCommentsOf(
                    tx,
                    { sourceKey: item.sourceKey, articleId: article.id, comments: item.comments },
                    problems,
                  )
                  const path = articlePath(article, timeZone)
                  const about = { id: article.id, slug: article.slug, status: article.status, path }
                  return {
                    label: item.label,
                    action: write.action,
                    article: about,
                    problems,
                    comments,
                  }
                }),
              )
            } catch (error) {
              if (!(error instanceof DomainError)) throw error
              results.push({
                label: item.label,
                action: 'failed',
                problems: [error.message],
                comments: [],
              })
            }
          }
          return results
        })
        const comments = written.flatMap((result) => result.comments)
        await addImportedComments(deps.comments, comments)
        summary.comments += comments.length
        for (const { comments: _comments, ...outcome } of written) report(outcome)
      }

      let batch: ImportArticle[] = []
      for await (const item of items) {
        if (item.kind === 'author') {
          const logins = authorsByName.get(item.displayName) ?? []
          authorsByName.set(item.displayName, [...logins, item.sourceId])
        } else if (item.kind === 'skipped') {
          report({ label: item.label, action: 'skipped', problems: [item.reason] })
        } else {
          batch.push(item)
          if (batch.length >= BATCH_SIZE) {
            await runBatch(batch)
            batch = []
          }
        }
      }
      if (batch.length > 0) await runBatch(batch)
      summary.sharedNames = [...authorsByName]
        .filter(([, logins]) => logins.length > 1)
        .map(([name, logins]) => `${name} (${logins.join(', ')})`)
      await changes.announce({ scope: 'site' })
      if (summary.redirects > 0) await changes.announce({ scope: 'redirects' })
      return summary
    },
  }
}
