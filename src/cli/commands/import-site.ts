// `dateline import --format wxr|ghost FILE`: another platform's export, read
// as a stream of items and applied to the site by the site import service.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { AppContext } from '../../context.js'
import type { ItemOutcome, SiteImportSummary } from '../../domain/imports/site-import.js'
import { ImportSourceError, type ImportReader } from '../../text/import/import-item.js'
import { readGhostExport } from '../../text/import/ghost/ghost-reader.js'
import { readWordpressExport } from '../../text/import/wordpress/wxr-reader.js'
import type { CliOutput } from '../io.js'
import { mediaFolder } from './media-folder.js'

export const SITE_FORMATS = {
  wxr: readWordpressExport,
  ghost: readGhostExport,
} satisfies Record<string, ImportReader>

export type SiteFormat = keyof typeof SITE_FORMATS
export const SITE_FORMAT_NAMES = Object.keys(SITE_FORMATS) as SiteFormat[]

export function isSiteFormat(name: string): name is SiteFormat {
  return (SITE_FORMAT_NAMES as string[]).includes(name)
}

export interface SiteImportCommandOptions {
  format: SiteFormat
  media?: string
  /** Source category or tag → section slug (the --section-map file, read by the command line). */
  sectionMap?: ReadonlyMap<string, string>
  defaultSection: string
}

function printOutcome(out: CliOutput, outcome: ItemOutcome): void {
  const where = outcome.article ? ` → ${outcome.article.path} (${outcome.article.status})` : ''
  const line = `${outcome.action === 'failed' ? '✗' : '✓'} ${outcome.label}: ${outcome.action}${where}`
  if (outcome.action === 'failed') out.error(line)
  else out.log(line)
  for (const problem of outcome.problems) out.log(`    ${problem}`)
}

function printSummary(out: CliOutput, summary: SiteImportSummary): void {
  out.log(
    `Imported: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped} skipped, ${summary.failed} failed; ${summary.comments} comments, ${summary.redirects} redirects.`,
  )
  for (const name of summary.sharedNames) {
    out.log(`Authors sharing one display name became one author: ${name}.`)
  }
}

/** Imports one export file; exit code 1 when the file cannot be read or any item failed. */
export async function runSiteImport(
  ctx: AppContext,
  file: string,
  options: SiteImportCommandOptions,
  out: CliOutput,
): Promise<number> {
  const reader = SITE_FORMATS[options.format]
  if (!(await stat(file).catch(() => undefined))?.isFile()) {
    out.error(`✗ ${file} does not exist or is not a file.`)
    return 1
  }
  await ctx.services.sections.ensureDefaults()
  try {
    const summary = await ctx.services.siteImport.importItems(
      reader(() => createReadStream(file, { highWaterMark: 256 * 1024 })),
      {
        defaultSection: options.defaultSection,
        ...(options.sectionMap && { sectionMap: options.sectionMap }),
        ...(options.media && { media: mediaFolder(options.media) }),
        onItem: (outcome) => printOutcome(out, outcome),
      },
    )
    printSummary(out, summary)
    return summary.failed > 0 ? 1 : 0
  } catch (error) {
    if (!(error instanceof ImportSourceError)) throw error
    out.error(`✗ ${file}: ${error.message}. Nothing was imported from it.`)
    return 1
  }
}
