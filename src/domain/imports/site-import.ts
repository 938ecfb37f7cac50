// A whole site from another platform, item by item, through the domain's own
// writes: pictures into the media library, stories as articles (the same
// writes as the editor), comments past the readers' defences, and every old
// address as a redirect to the story's new one. Items go in batches: one
// transaction per batch, one savepoint per story, so a story that fails is
// undone alone and a large archive costs few syncs to disk. A dry run writes
// each batch in a transaction it then undoes (a story sees what the stories
// of its batch would have done), stores and fetches no picture, adds no
// comment, and tells no one.
import type { ImportItem, ImportStory } from '../../text/import/import-item.js'
import type { Clock } from '../clock.js'
import type { ContentChanges } from '../changes.js'
import type { CommentService } from '../comments/comment-service.js'
import type { ImportedStory } from '../articles/item-import.js'
import type { WriteDeps } from '../articles/article-writes.js'
import { knownRecords } from '../articles/article-input.js'
import type { IdGenerator } from '../ids.js'
import type { MediaService } from '../media/media-service.js'
import type { SectionService } from '../sections/section-service.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { addImportedComments } from './import-comments.js'
import { createImageImport, type FetchImage, type MediaFiles } from './import-images.js'
import { createSectionChooser } from './import-sections.js'
import { prepareStory, writeStory, type ItemOutcome, type StoryWritten } from './import-story.js'

export type { FetchImage, MediaFiles } from './import-images.js'
export type { ItemOutcome } from './import-story.js'

export interface SiteImportOptions {
  /** Source category or tag → section slug. */
  sectionMap?: ReadonlyMap<string, string>
  /** The section for stories with no category or tag to go by. */
  defaultSection: string
  /** The files under --media; without them no picture is imported. */
  media?: MediaFiles
  /** --fetch-media: pictures on other hosts are fetched (through the guarded fetcher). */
  fetchMedia?: boolean
  /** Report what would happen, and change nothing. */
  dryRun?: boolean
  /** Told of each item as it is done, for progress and per-item reports. */
  onItem?: (outcome: ItemOutcome) => void
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

/** Thrown to undo a dry run's transaction; never escapes the importer. */
class DryRunRollback extends Error {}

export type SiteImporter = ReturnType<typeof createSiteImporter>

type Prepared = [ImportStory, ImportedStory][]

/** Writes prepared stories in one transaction, a savepoint each; a dry run's is undone. */
async function writeBatch(
  deps: WriteDeps & { stores: UnitOfWork; timeZone: string; dryRun: boolean },
  prepared: Prepared,
): Promise<StoryWritten[]> {
  const results: StoryWritten[] = []
  try {
    await deps.stores.batch(async (unit) => {
      const known = knownRecords()
      for (const [item, story] of prepared) {
        results.push(await writeStory(unit, deps, item, story, known))
      }
      if (deps.dryRun) throw new DryRunRollback('a dry run changes nothing')
    })
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error
  }
  return results
}

export function createSiteImporter(deps: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  changes: ContentChanges
  media: MediaService
  comments: CommentService
  sections: SectionService
  timeZone: string
  /** How pictures on other hosts are fetched, when an import asks for it. */
  fetchImage: FetchImage
}) {
  const { stores, changes } = deps

  return {
    /** Applies a reader's items to the site; re-running the same source updates, never duplicates. */
    async importItems(
      items: AsyncIterable<ImportItem>,
      options: SiteImportOptions,
    ): Promise<SiteImportSummary> {
      const dryRun = options.dryRun === true
      const summary: SiteImportSummary = {
        ...{ created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
        ...{ comments: 0, redirects: 0, sharedNames: [] },
      }
      const images = createImageImport(deps.media, {
        files: options.media,
        fetch: options.fetchMedia === true ? deps.fetchImage : undefined,
        dryRun,
      })
      const sections = createSectionChooser({
        stores,
        sections: deps.sections,
        sectionMap: options.sectionMap ?? new Map(),
        defaultSection: options.defaultSection,
        dryRun,
      })
      const prepare = (item: ImportStory) =>
        prepareStory(item, { images, sections, defaultSection: options.defaultSection })
      const report = (written: StoryWritten) => {
        summary[written.outcome.action]++
        summary.redirects += written.redirects
        summary.comments += written.comments.length
        options.onItem?.(written.outcome)
      }
      const stories = storiesOf(items, summary, report)

      async function runBatch(batch: ImportStory[]): Promise<void> {
        // Outside the transaction, one after another: two stories of a new category must
        // not both create its section, and the library's reads must not wait on the batch.
        const prepared: Prepared = []
        for (const item of batch) prepared.push([item, await prepare(item)])
        const written = await writeBatch({ ...deps, dryRun }, prepared)
        if (!dryRun) {
          await addImportedComments(
            deps.comments,
            written.flatMap((result) => result.comments),
          )
        }
        for (const result of written) report(result)
      }

      let batch: ImportStory[] = []
      for await (const item of stories) {
        batch.push(item)
        if (batch.length >= BATCH_SIZE) {
          await runBatch(batch)
          batch = []
        }
      }
      if (batch.length > 0) await runBatch(batch)
      if (dryRun) return summary
      await changes.announce({ scope: 'site' })
      if (summary.redirects > 0) await changes.announce({ scope: 'redirects' })
      return summary
    },
  }
}

/**
 * The stories among a reader's items. Authors are counted by display name
 * (the summary names those who share one); skipped records and problems are
 * reported as they come.
 */
async function* storiesOf(
  items: AsyncIterable<ImportItem>,
  summary: SiteImportSummary,
  report: (written: StoryWritten) => void,
): AsyncIterable<ImportStory> {
  const authorsByName = new Map<string, string[]>()
  const skip = (name: string, action: 'skipped' | 'failed', problem: string) =>
    report({ outcome: { name, action, problems: [problem] }, redirects: 0, comments: [] })
  for await (const item of items) {
    switch (item.kind) {
      case 'story':
        yield item
        break
      case 'author':
        authorsByName.set(item.displayName, [
          ...(authorsByName.get(item.displayName) ?? []),
          item.sourceId,
        ])
        break
      case 'skipped':
        skip(item.name, 'skipped', item.reason)
        break
      case 'problem':
        skip(item.name, 'failed', item.problem)
        break
      case 'article':
        skip(item.name, 'failed', 'an archive article is imported by the article importer')
        break
    }
  }
  summary.sharedNames = [...authorsByName]
    .filter(([, logins]) => logins.length > 1)
    .map(([name, logins]) => `${name} (${logins.join(', ')})`)
}
