import { SingleBar } from 'cli-progress'
import type { AppContext } from '../../context.js'
import type { ImportOne, ImportOptions } from '../../domain/articles/article-import.js'
import type { ImportItem } from '../../domain/imports/import-item.js'
import { EMPTY_SECTION_MAP, sectionFor, type SectionMap } from '../../domain/imports/section-map.js'
import type { CalendarDate } from '../../text/dates.js'
import type { FormatReader, ReaderContext } from '../import/format-reader.js'
import { resolveInputs, type ResolvedInput } from '../import/import-inputs.js'
import {
  addToTally,
  emptyTally,
  printDetail,
  printBrief,
  printFailure,
  printSummary,
  type Outcome,
  type ReportOptions,
} from '../import/import-report.js'
import type { CliOutput } from '../io.js'

/** Above this many items the import shows a progress bar instead of a report per item. */
const DETAILED_REPORT_LIMIT = 10
/** Items per transaction: large enough that syncing to disk is rare, small enough to show progress. */
const BATCH_SIZE = 500

export interface ImportCommandOptions {
  sectionSlug: string
  draft: boolean
  tags: string[] | undefined
  /** --format: every named file is read as this format. */
  format?: FormatReader
  /** --dry-run: report what would happen and change nothing. */
  dryRun?: boolean
  mediaDir?: string
  sectionMap?: SectionMap
  /** --date: the day for articles whose source has none. */
  fallbackDate?: CalendarDate
}

/**
 * Imports the items of every input, each through the reader of its format;
 * one bad item never stops the rest. Exit code 1 if any failed.
 */
export async function runImport(
  ctx: AppContext,
  paths: readonly string[],
  options: ImportCommandOptions,
  out: CliOutput,
): Promise<number> {
  const sectionMap = options.sectionMap ?? EMPTY_SECTION_MAP
  const sectionProblem = await checkSections(ctx, options.sectionSlug, sectionMap)
  if (sectionProblem) {
    out.error(sectionProblem)
    return 1
  }
  const inputs: ResolvedInput[] = []
  for await (const input of resolveInputs(paths, options.format)) inputs.push(input)

  const report = reportOptions(ctx, options)
  const tally = emptyTally()
  const shown: Outcome[] = []
  const failures: (Outcome & { error: string })[] = []
  let detailed = true
  const bar = out.progress
    ? new SingleBar({
        format: 'Importing [{bar}] {value}/{total} inputs, {items} items',
        stream: out.progress,
      })
    : undefined
  bar?.start(inputs.length, 0, { items: 0 })

  const record = (outcome: Outcome) => {
    addToTally(tally, outcome)
    if ('error' in outcome) failures.push(outcome)
    if (!detailed) {
      if (options.dryRun === true) printBrief(out, outcome, report)
      return
    }
    shown.push(outcome)
    if (shown.length > DETAILED_REPORT_LIMIT) {
      // Too many for a report each: from here on, failures only (or a line each in a dry run).
      detailed = false
      if (options.dryRun === true) for (const early of shown) printBrief(out, early, report)
    }
  }
  const items = itemsOf(inputs, { mediaDir: options.mediaDir }, () =>
    bar?.increment(1, { items: tally.created + tally.updated + tally.unchanged + tally.failed }),
  )
  await importItems(ctx, items, options, sectionMap, record)
  bar?.stop()

  if (detailed) {
    for (const outcome of shown) printDetail(out, outcome, report)
  } else if (options.dryRun !== true) {
    for (const outcome of failures) printFailure(out, outcome)
  }
  printSummary(out, tally, report)
  return tally.failed > 0 ? 1 : 0
}

type Named = { name: string; item: ImportItem } | { name: string; problem: string }

/** Inputs whose reading starts before their turn: file reads overlap the database's work. */
const READ_AHEAD = 32

/** Every input's items, in order; `inputDone` after each input. */
async function* itemsOf(
  inputs: readonly ResolvedInput[],
  context: ReaderContext,
  inputDone: () => void,
): AsyncIterable<Named> {
  const started = new Map<
    number,
    { iterator: AsyncIterator<ImportItem>; first: Promise<IteratorResult<ImportItem>> }
  >()
  const start = (index: number) => {
    const resolved = inputs[index]
    if (!resolved || 'problem' in resolved || started.has(index)) return
    const iterator = resolved.reader.read(resolved.input, context)[Symbol.asyncIterator]()
    const first = iterator.next()
    // Awaited in its turn; until then a failure must not count as unhandled.
    first.catch(() => undefined)
    started.set(index, { iterator, first })
  }
  for (const [index, resolved] of inputs.entries()) {
    for (let ahead = index; ahead < index + READ_AHEAD; ahead++) start(ahead)
    const reading = started.get(index)
    if ('problem' in resolved) yield resolved
    else if (reading) {
      for (
        let next = await reading.first;
        next.done !== true;
        next = await reading.iterator.next()
      ) {
        yield { name: next.value.name, item: next.value }
      }
    }
    started.delete(index)
    inputDone()
  }
}

/**
 * Imports the stream in sessions of BATCH_SIZE items, each one transaction; a
 * dry run is one session, undone at the end, so that what an earlier item
 * would create is seen by a later one.
 */
async function importItems(
  ctx: AppContext,
  items: AsyncIterable<Named>,
  options: ImportCommandOptions,
  sectionMap: SectionMap,
  record: (outcome: Outcome) => void,
): Promise<void> {
  const iterator = items[Symbol.asyncIterator]()
  const dryRun = options.dryRun === true
  const sessionSize = dryRun ? Infinity : BATCH_SIZE
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
          record(await importNamed(one, next.value, options, sectionMap))
        }
      },
      { dryRun },
    )
  }
}

async function importNamed(
  one: ImportOne,
  named: Named,
  options: ImportCommandOptions,
  sectionMap: SectionMap,
): Promise<Outcome> {
  if ('problem' in named) return { name: named.name, error: named.problem }
  const { item } = named
  switch (item.kind) {
    case 'problem':
      return { name: item.name, error: item.problem }
    case 'article': {
      const importOptions: ImportOptions = {
        sectionSlug: sectionFor(item.categories, sectionMap, options.sectionSlug),
        draft: options.draft,
        tags: options.tags,
        ...(options.fallbackDate && { fallbackDate: options.fallbackDate }),
      }
      const result = await one(item, importOptions)
      return result instanceof Error
        ? { name: item.name, error: result.message }
        : { name: item.name, result }
    }
  }
}

/** --section and every section the map names must exist; a fresh database gets the defaults first. */
async function checkSections(
  ctx: AppContext,
  sectionSlug: string,
  sectionMap: SectionMap,
): Promise<string | undefined> {
  await ctx.services.sections.ensureDefaults()
  const known = new Set((await ctx.services.sections.list()).map((section) => section.slug))
  const list = `Sections: ${[...known].join(', ')}.`
  if (!known.has(sectionSlug)) return `There is no section "${sectionSlug}". ${list}`
  for (const [source, { slug, line }] of sectionMap.entries) {
    if (!known.has(slug)) {
      return `The section map, line ${line}: there is no section "${slug}" (for "${source}"). ${list}`
    }
  }
  return undefined
}

function reportOptions(ctx: AppContext, options: ImportCommandOptions): ReportOptions {
  return {
    dryRun: options.dryRun === true,
    dates: { timeZone: ctx.config.siteTimeZone, locale: ctx.config.siteLanguage },
    fallback: options.fallbackDate ? 'from --date' : 'the day of the import; --date sets another',
    fallbackSummary: options.fallbackDate
      ? 'from --date'
      : 'the day of the import (--date sets another)',
  }
}
