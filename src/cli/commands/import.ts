// `dateline import FILE|DIR…`: every input through the reader of its format
// (recognised, or forced with --format), archive articles through the article
// importer and other platforms' exports through the site import, into one
// report: an outcome per item by name, one summary, exit 1 if anything failed.
import { createReadStream } from 'node:fs'
import type { AppContext } from '../../context.js'
import { EMPTY_SECTION_MAP, type SectionMap } from '../../domain/imports/section-map.js'
import type { CalendarDate } from '../../text/dates.js'
import { importArchive } from '../import/archive-run.js'
import type { FormatReader, ImporterName } from '../import/format-reader.js'
import { resolveInputs, type ResolvedInput } from '../import/import-inputs.js'
import { createImportProgress, type ImportProgress } from '../import/import-progress.js'
import {
  addSiteToTally,
  addToTally,
  emptyTally,
  printDetail,
  printBrief,
  printFailure,
  printSummary,
  type Outcome,
  type ReportOptions,
  type Tally,
} from '../import/import-report.js'
import { importSite } from '../import/site-run.js'
import type { CliOutput } from '../io.js'

/** Above this many items the import reports failures and problems only (a dry run: a line each). */
const DETAILED_REPORT_LIMIT = 10

export interface ImportCommandOptions {
  sectionSlug: string
  draft: boolean
  tags: string[] | undefined
  /** --format: every named file is read as this format. */
  format?: FormatReader
  /** --dry-run: report what would happen and change nothing. */
  dryRun?: boolean
  mediaDir?: string
  /** --fetch-media: pictures on other hosts are fetched, through the guarded fetcher. */
  fetchMedia?: boolean
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
  const reporter = createReporter(out, report)
  const progress = createImportProgress(out.progress, ctx.clock)
  const runs = [...runsOf(inputs)]
  const archiveOnly = archiveOnlyFlags(options)
  if (archiveOnly.length > 0 && runs.some((run) => run.importer === 'site')) {
    out.log(
      `${archiveOnly.join(', ')} ${archiveOnly.length === 1 ? 'applies' : 'apply'} to archive articles only: WordPress and Ghost stories keep their own status, tags and dates.`,
    )
  }
  for (const run of runs) {
    const to = { record: reporter.record, progress }
    const summary = await importRun(ctx, run, { ...options, sectionMap }, to)
    if (summary) addSiteToTally(reporter.tally, summary)
  }
  reporter.finish()
  printSummary(out, reporter.tally, report)
  return reporter.tally.failed > 0 ? 1 : 0
}

/** The options given that only the article importer reads. */
function archiveOnlyFlags(options: ImportCommandOptions): string[] {
  return [
    ...(options.draft ? ['--draft'] : []),
    ...((options.tags?.length ?? 0) > 0 ? ['--tag'] : []),
    ...(options.fallbackDate ? ['--date'] : []),
  ]
}

/** Inputs in order, grouped: a run of archive files together; each export alone. */
function* runsOf(
  inputs: readonly ResolvedInput[],
): Iterable<{ importer: ImporterName; inputs: ResolvedInput[] }> {
  let archive: ResolvedInput[] = []
  for (const input of inputs) {
    if ('problem' in input || input.reader.importer === 'archive') {
      archive.push(input)
      continue
    }
    if (archive.length > 0) yield { importer: 'archive', inputs: archive }
    archive = []
    yield { importer: input.reader.importer, inputs: [input] }
  }
  if (archive.length > 0) yield { importer: 'archive', inputs: archive }
}

async function importRun(
  ctx: AppContext,
  run: { importer: ImporterName; inputs: ResolvedInput[] },
  options: ImportCommandOptions & { sectionMap: SectionMap },
  to: { record: (outcome: Outcome) => void; progress: ImportProgress },
) {
  const dryRun = options.dryRun === true
  const [only] = run.inputs
  if (run.importer === 'site' && only && !('problem' in only)) {
    const siteOptions = {
      sectionSlug: options.sectionSlug,
      sectionMap: options.sectionMap,
      mediaDir: options.mediaDir,
      fetchMedia: options.fetchMedia === true,
      dryRun,
    }
    return importSite(ctx, only, { options: siteOptions, progress: to.progress }, to.record)
  }
  const progress = to.progress.archive(run.inputs.length)
  const archiveOptions = {
    sectionSlug: options.sectionSlug,
    sectionMap: options.sectionMap,
    draft: options.draft,
    tags: options.tags,
    dryRun,
    ...(options.fallbackDate && { fallbackDate: options.fallbackDate }),
  }
  const context = {
    mediaDir: options.mediaDir,
    open: (path: string) => createReadStream(path),
  }
  try {
    await importArchive(ctx, run.inputs, { options: archiveOptions, context, progress }, to.record)
  } finally {
    progress.stop()
  }
  return undefined
}

/**
 * The report as outcomes come: each in detail while there are few; past
 * DETAILED_REPORT_LIMIT a line for each one with a problem (a dry run: for
 * each), failures again at the end. Outcomes are not held beyond that.
 */
function createReporter(out: CliOutput, report: ReportOptions) {
  const tally: Tally = emptyTally()
  const shown: Outcome[] = []
  const failures: (Outcome & { error: string })[] = []
  let detailed = true
  const brief = (outcome: Outcome) => {
    if (report.dryRun) printBrief(out, outcome, report)
    else if ('story' in outcome && outcome.story.problems.length > 0) {
      printBrief(out, outcome, report)
    }
  }
  return {
    tally,
    record: (outcome: Outcome) => {
      addToTally(tally, outcome)
      if ('error' in outcome) failures.push(outcome)
      if (!detailed) return brief(outcome)
      shown.push(outcome)
      if (shown.length > DETAILED_REPORT_LIMIT) {
        detailed = false
        for (const early of shown) brief(early)
      }
    },
    finish: () => {
      if (detailed) {
        for (const outcome of shown) printDetail(out, outcome, report)
      } else if (!report.dryRun) {
        for (const outcome of failures) printFailure(out, outcome)
      }
    },
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
