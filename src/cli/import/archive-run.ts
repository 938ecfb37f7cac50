// A run of plain-text archive inputs through the article importer: sessions of BATCH_SIZE items, each one
// transaction; a dry run is one session, undone at the end.
import type { AppContext } from '../../context.js'
import type { ImportOne, ImportOptions } from '../../domain/articles/article-import.js'
import { sectionFor, type SectionMap } from '../../domain/imports/section-map.js'
import type { ImportItem } from '../../text/import/import-item.js'
import type { CalendarDate } from '../../text/dates.js'
import type { ReaderContext } from './format-reader.js'
import type { ResolvedInput } from './import-inputs.js'
import type { ArchiveProgress } from './import-progress.js'
import type { Outcome } from './import-report.js'

/** Items per transaction: large enough that syncing to disk is rare, small enough to show progress. */
const BATCH_SIZE = 500

export interface ArchiveOptions {
  sectionSlug: string
  sectionMap: SectionMap
  draft: boolean
  tags: string[] | undefined
  dryRun: boolean
  fallbackDate?: CalendarDate
}

type Named = { name: string; item: ImportItem } | { name: string; problem: string }

/** Imports the items of `inputs`, each outcome to `record`. */
export async function importArchive(
  ctx: AppContext,
  inputs: readonly ResolvedInput[],
  run: { options: ArchiveOptions; context: ReaderContext; progress: ArchiveProgress },
  record: (outcome: Outcome) => void,
): Promise<void> {
  const iterator = itemsOf(inputs, run.context, run.progress)[Symbol.asyncIterator]()
  const { options } = run
  const sessionSize = options.dryRun ? Infinity : BATCH_SIZE
  let finished = false
  while (!finished) {
    await ctx.services.importer.session(
      async (one) => {
        for (let n = 0; n < sessionSize; n++) {
          const next = await iterator.next()
          if (next.done === true) {
            finished = true
            return
          }
          record(await importNamed(one, next.value, options))
          run.progress.item()
        }
      },
      { dryRun: options.dryRun },
    )
  }
}

/**
 * Every input's items, in order; the progress told after each input. Inputs
 * are read one at a time: the text reader reads a file synchronously, which
 * costs less than overlapping reads with the database's (synchronous) work.
 */
async function* itemsOf(
  inputs: readonly ResolvedInput[],
  context: ReaderContext,
  progress: ArchiveProgress,
): AsyncIterable<Named> {
  for (const resolved of inputs) {
    if ('problem' in resolved) yield resolved
    else {
      for await (const item of resolved.reader.read(resolved.input, context)) {
        yield { name: item.kind === 'author' ? resolved.input.path : item.name, item }
      }
    }
    progress.fileDone()
  }
}

async function importNamed(
  one: ImportOne,
  named: Named,
  options: ArchiveOptions,
): Promise<Outcome> {
  if ('problem' in named) return { name: named.name, error: named.problem }
  const { item } = named
  switch (item.kind) {
    case 'problem':
      return { name: item.name, error: item.problem }
    case 'article': {
      const importOptions: ImportOptions = {
        sectionSlug: sectionFor(item.categories, options.sectionMap, options.sectionSlug),
        draft: options.draft,
        tags: options.tags,
        ...(options.fallbackDate && { fallbackDate: options.fallbackDate }),
      }
      const result = await one(item, importOptions)
      return result instanceof Error
        ? { name: item.name, error: result.message }
        : { name: item.name, result }
    }
    default:
      // Another platform's records belong to the site import; an archive reader yields none.
      return { name: named.name, error: `is not an archive article (${item.kind})` }
  }
}
