import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { SingleBar } from 'cli-progress'
import type { AppContext } from '../../context.js'
import type { CliOutput } from '../io.js'
import type { ImportResult } from '../../domain/articles/article-import.js'
import { DomainError } from '../../domain/errors.js'
import { decodeArticleFile, sizeProblem } from '../../text/article-text/decode-article-file.js'
import { formatLongDate } from '../../text/dates.js'

/** Above this many files the import shows a progress bar instead of a report per file. */
const DETAILED_REPORT_LIMIT = 10
/** Files per transaction: large enough that syncing to disk is rare, small enough to show progress. */
const BATCH_SIZE = 200

export interface ImportCommandOptions {
  sectionSlug: string
  draft: boolean
  tags: string[] | undefined
}

type Outcome = { file: string; result: ImportResult } | { file: string; error: string }

/** Imports files and folders of article text; one bad file never stops the rest. Exit code 1 if any failed. */
export async function runImport(
  ctx: AppContext,
  paths: readonly string[],
  options: ImportCommandOptions,
  out: CliOutput,
): Promise<number> {
  // A fresh database has no sections yet; `serve` and `demo` create the defaults too.
  await ctx.services.sections.ensureDefaults()
  const sections = await ctx.services.sections.list()
  if (!sections.some((section) => section.slug === options.sectionSlug)) {
    out.error(
      `There is no section "${options.sectionSlug}". Sections: ${sections.map((s) => s.slug).join(', ')}.`,
    )
    return 1
  }
  const { files, missing } = await collectFiles(paths)
  const outcomes: Outcome[] = missing.map((file) => ({
    file,
    error: 'does not exist or cannot be read',
  }))
  const detailed = files.length <= DETAILED_REPORT_LIMIT
  // In a detailed report failures are printed as they happen; paths that do not exist come first.
  if (detailed) for (const outcome of outcomes) printOutcome(ctx, out, outcome)
  const bar =
    !detailed && out.progress
      ? new SingleBar({ format: 'Importing [{bar}] {value}/{total} files', stream: out.progress })
      : undefined
  bar?.start(files.length, 0)

  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    const batch = await importBatch(ctx, files.slice(start, start + BATCH_SIZE), options)
    outcomes.push(...batch)
    bar?.increment(batch.length)
    if (detailed) for (const outcome of batch) printOutcome(ctx, out, outcome)
  }
  bar?.stop()

  const failed = outcomes.filter((outcome) => 'error' in outcome)
  if (!detailed) for (const outcome of failed) printOutcome(ctx, out, outcome)
  printSummary(out, outcomes)
  return failed.length > 0 ? 1 : 0
}

type ReadFile = { file: string; text: string } | { file: string; error: string }

async function readArticleFile(file: string): Promise<ReadFile> {
  try {
    // Checked before reading, so that a huge file is never loaded into memory.
    const tooLarge = sizeProblem((await stat(file)).size)
    if (tooLarge) return { file, error: tooLarge }
    const decoded = decodeArticleFile(await readFile(file))
    return decoded.ok ? { file, text: decoded.text } : { file, error: decoded.reason }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'ENOENT' || code === 'EISDIR') {
      return { file, error: `cannot be read (${code})` }
    }
    throw error
  }
}

/**
 * Imports files as one batch: one transaction, one savepoint per file, so a
 * file that fails is undone alone and the batch costs one sync to disk.
 */
async function importBatch(
  ctx: AppContext,
  files: readonly string[],
  options: ImportCommandOptions,
): Promise<Outcome[]> {
  const read = await Promise.all(files.map(readArticleFile))
  const readable = read.filter((entry): entry is { file: string; text: string } => 'text' in entry)
  const results = await ctx.services.importer.importBatch(
    readable.map(({ text }) => ({ text, options })),
  )
  const byFile = new Map(readable.map(({ file }, index) => [file, results[index]]))
  return read.map((entry): Outcome => {
    if ('error' in entry) return entry
    const result = byFile.get(entry.file)
    if (!result) return { file: entry.file, error: 'was not imported' }
    return result instanceof DomainError
      ? { file: entry.file, error: result.message }
      : { file: entry.file, result }
  })
}

/** Expands folders into the .txt files inside them, sorted; reports paths that do not exist. */
async function collectFiles(
  paths: readonly string[],
): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = []
  const missing: string[] = []
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined)
    if (!info) missing.push(path)
    else if (info.isDirectory()) {
      const entries = await readdir(path, { recursive: true })
      files.push(
        ...entries
          .filter((entry) => entry.endsWith('.txt'))
          .sort()
          .map((entry) => join(path, entry)),
      )
    } else files.push(path)
  }
  return { files, missing }
}

function printOutcome(ctx: AppContext, out: CliOutput, outcome: Outcome): void {
  const name = relative(process.cwd(), outcome.file) || outcome.file
  if ('error' in outcome) {
    out.error(`✗ ${name} ${outcome.error}`)
    return
  }
  const { action, article, report } = outcome.result
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const dateOptions = { timeZone: ctx.config.siteTimeZone, locale: ctx.config.siteLanguage }
  out.log(`✓ ${name}: ${action} "${article.slug}" in ${article.section.name} (${article.status})`)
  const rows: [string, string][] = [
    ['headline', article.headline],
    ['standfirst', article.standfirst || '(none)'],
    ['dateline', article.dateline || '(none)'],
    ['bylines', article.bylines.map((author) => author.name).join(', ') || '(none)'],
    [
      'published',
      article.publishedAt ? formatLongDate(article.publishedAt, dateOptions) : '(not yet)',
    ],
    [
      'body',
      `${count(report.paragraphs, 'paragraph')}, ${count(report.subheadings, 'subheading')}, ${count(report.quotations, 'quotation')}`,
    ],
    ['at a glance', count(article.keyPoints.length, 'key point')],
    ['dropped', report.dropped.join(', ') || '(nothing)'],
    ...report.warnings.map((warning): [string, string] => ['warning', warning]),
  ]
  for (const [label, value] of rows) out.log(`    ${label.padEnd(12)}${value}`)
}

function printSummary(out: CliOutput, outcomes: readonly Outcome[]): void {
  const tally = { created: 0, updated: 0, unchanged: 0, failed: 0 }
  for (const outcome of outcomes) {
    if ('error' in outcome) tally.failed++
    else tally[outcome.result.action]++
  }
  const total = outcomes.length
  out.log(
    `Imported ${total} file${total === 1 ? '' : 's'}: ${tally.created} created, ${tally.updated} updated, ${tally.unchanged} unchanged, ${tally.failed} failed.`,
  )
}
