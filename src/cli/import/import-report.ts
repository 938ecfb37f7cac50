import { relative } from 'node:path'
import type { ImportResult } from '../../domain/articles/article-import.js'
import type { ItemOutcome, SiteImportSummary } from '../../domain/imports/site-import.js'
import { formatLongDate, type DateFormatOptions } from '../../text/dates.js'
import type { CliOutput } from '../io.js'

/**
 * What became of one item: an archive article imported, another platform's
 * story (created, updated, unchanged or skipped), or a failure by name.
 */
export type Outcome =
  | { name: string; result: ImportResult }
  | { name: string; story: ItemOutcome }
  | { name: string; error: string }

/** A site import's outcome as the report's: a failed story is a failure by name. */
export function outcomeOfStory(story: ItemOutcome): Outcome {
  if (story.action === 'failed') {
    return { name: `${story.name}:`, error: story.problems.join('; ') || 'failed' }
  }
  return { name: story.name, story }
}

export interface ReportOptions {
  dryRun: boolean
  dates: DateFormatOptions
  /** Where the fallback date for undated sources came from, for an item's warning. */
  fallback: string
  /** The same for the summary: "from --date", "the day of the import…". */
  fallbackSummary: string
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** A file by its path from here; a story's name ("post 9 …") as it is. */
function displayName(name: string): string {
  if (!name.includes('/') && !name.includes('\\')) return name
  return relative(process.cwd(), name) || name
}

/** Why an item was left as it was, or what the import (or a dry run) did with it. */
function actionWords(result: { action: string }, dryRun: boolean): string {
  if (!dryRun) return result.action
  if (result.action === 'unchanged') return 'would skip (unchanged since the last import)'
  if (result.action === 'skipped') return 'would skip'
  return result.action === 'created' ? 'would create' : 'would update'
}

/** A story's line: what happened to it and where it is (or would be). */
function printStory(out: CliOutput, story: ItemOutcome, dryRun: boolean): void {
  const where = story.article ? ` → ${story.article.path} (${story.article.status})` : ''
  out.log(
    `${story.action === 'skipped' ? '–' : '✓'} ${story.name}: ${actionWords(story, dryRun)}${where}`,
  )
  for (const problem of story.problems) out.log(`    ${problem}`)
}

/** The warning an undated source gets: what it was dated, and how to choose another day. */
function undatedWarning(result: ImportResult, options: ReportOptions): string | undefined {
  if (!result.undated) return undefined
  const publishedAt = result.article.publishedAt
  if (result.action !== 'created' || !publishedAt) return 'no date line; the article keeps its date'
  return `no date line; dated ${formatLongDate(publishedAt, options.dates)} (${options.fallback})`
}

export function printFailure(out: CliOutput, outcome: Outcome & { error: string }): void {
  out.error(`✗ ${displayName(outcome.name)} ${outcome.error}`)
}

/** One line for an item, for long runs' dry runs. */
export function printBrief(out: CliOutput, outcome: Outcome, options: ReportOptions): void {
  if ('error' in outcome) return printFailure(out, outcome)
  if ('story' in outcome) return printStory(out, outcome.story, options.dryRun)
  const { article } = outcome.result
  out.log(
    `✓ ${displayName(outcome.name)}: ${actionWords(outcome.result, options.dryRun)} "${article.slug}"`,
  )
}

/** What the importer read in an item, field by field. */
export function printDetail(out: CliOutput, outcome: Outcome, options: ReportOptions): void {
  if ('error' in outcome) return printFailure(out, outcome)
  if ('story' in outcome) return printStory(out, outcome.story, options.dryRun)
  const { article, report } = outcome.result
  out.log(
    `✓ ${displayName(outcome.name)}: ${actionWords(outcome.result, options.dryRun)} "${article.slug}" in ${article.section.name} (${article.status})`,
  )
  const undated = undatedWarning(outcome.result, options)
  const rows: [string, string][] = [
    ['headline', article.headline],
    ['standfirst', article.standfirst || '(none)'],
    ['dateline', article.dateline || '(none)'],
    [
      'bylines',
      article.bylines.map((author) => author.name).join(', ') ||
        '(none: the publication is credited)',
    ],
    [
      'published',
      article.publishedAt ? formatLongDate(article.publishedAt, options.dates) : '(not yet)',
    ],
    [
      'body',
      `${count(report.paragraphs, 'paragraph')}, ${count(report.subheadings, 'subheading')}, ${count(report.quotations, 'quotation')}`,
    ],
    ['at a glance', count(article.keyPoints.length, 'key point')],
    ['dropped', report.dropped.join(', ') || '(nothing)'],
    ...report.warnings.map((warning): [string, string] => ['warning', warning]),
    ...(undated ? [['warning', undated] as [string, string]] : []),
  ]
  for (const [label, value] of rows) out.log(`    ${label.padEnd(12)}${value}`)
}

/** The counts a run's summary gives, kept as it goes: outcomes are not held. */
export interface Tally {
  created: number
  updated: number
  unchanged: number
  skipped: number
  failed: number
  /** New articles dated by the fallback. */
  undated: number
  /** Other platforms' exports read, with their comments, redirects and shared author names. */
  sites: number
  comments: number
  redirects: number
  sharedNames: string[]
}

export function emptyTally(): Tally {
  return {
    ...{ created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, undated: 0 },
    ...{ sites: 0, comments: 0, redirects: 0, sharedNames: [] },
  }
}

/** A site import's totals beyond its items, once it is done. */
export function addSiteToTally(tally: Tally, summary: SiteImportSummary): void {
  tally.sites++
  tally.comments += summary.comments
  tally.redirects += summary.redirects
  tally.sharedNames.push(...summary.sharedNames)
}

export function addToTally(tally: Tally, outcome: Outcome): void {
  if ('error' in outcome) {
    tally.failed++
    return
  }
  if ('story' in outcome) {
    tally[outcome.story.action]++
    return
  }
  tally[outcome.result.action]++
  if (outcome.result.undated && outcome.result.action === 'created') tally.undated++
}

export function printSummary(out: CliOutput, tally: Tally, options: ReportOptions): void {
  const total = tally.created + tally.updated + tally.unchanged + tally.skipped + tally.failed
  const skipped = tally.skipped > 0 ? `, ${tally.skipped} skipped` : ''
  const site =
    tally.sites > 0
      ? `; ${count(tally.comments, 'comment')}, ${count(tally.redirects, 'redirect')}`
      : ''
  const counts = `${tally.created} created, ${tally.updated} updated, ${tally.unchanged} unchanged${skipped}, ${tally.failed} failed${site}`
  if (options.dryRun) {
    out.log(`Dry run, nothing was changed. ${count(total, 'item')} would be: ${counts}.`)
  } else {
    out.log(`Imported ${count(total, 'item')}: ${counts}.`)
  }
  if (tally.undated > 0) {
    out.log(
      `${count(tally.undated, 'new article')} had no date line and ${tally.undated === 1 ? 'was' : 'were'} dated ${options.fallbackSummary}.`,
    )
  }
  for (const name of tally.sharedNames) {
    out.log(`Authors sharing one display name became one author: ${name}.`)
  }
}
