// `dateline import`'s action: each path to the importer of its format. Dateline
// exports are recognised by their document (or forced with --format dateline);
// WordPress and Ghost exports are named with --format; the rest go to the
// format readers.
import type { AppContext } from '../../context.js'
import type { SectionMap } from '../../domain/imports/section-map.js'
import type { CalendarDate } from '../../text/dates.js'
import {
  DATELINE_FORMAT,
  runDatelineImports,
  splitDatelineExports,
} from '../commands/import-dateline.js'
import { runImport } from '../commands/import.js'
import { runSiteImport, type SiteFormat } from '../commands/import-site.js'
import { EXIT_USAGE, type CliOutput } from '../io.js'
import type { FormatReader } from './format-reader.js'

export interface ImportFlags {
  section: string
  draft?: boolean
  tag?: string[]
  format?: FormatReader | SiteFormat | typeof DATELINE_FORMAT
  dryRun?: boolean
  media?: string
  sectionMap?: SectionMap
  date?: CalendarDate
}

export async function importPaths(
  ctx: AppContext,
  paths: readonly string[],
  flags: ImportFlags,
  out: CliOutput,
): Promise<number> {
  const format = flags.format
  if (format === DATELINE_FORMAT || format === undefined) {
    const split = await splitDatelineExports(paths, format === DATELINE_FORMAT)
    for (const problem of split.problems) out.error(`✗ ${problem}`)
    if (split.exports.length > 0 && flags.dryRun) {
      out.error('--dry-run is not available for Dateline exports yet; nothing was imported.')
      return EXIT_USAGE
    }
    let code = split.problems.length > 0 ? 1 : 0
    code = Math.max(code, await runDatelineImports(ctx, split.exports, out))
    if (split.others.length === 0) return code
    return Math.max(code, await runReaders(ctx, split.others, flags, undefined, out))
  }
  if (typeof format === 'string') return runSiteImports(ctx, paths, { ...flags, format }, out)
  return runReaders(ctx, paths, flags, format, out)
}

function runReaders(
  ctx: AppContext,
  paths: readonly string[],
  flags: ImportFlags,
  format: FormatReader | undefined,
  out: CliOutput,
): Promise<number> {
  return runImport(
    ctx,
    paths,
    {
      sectionSlug: flags.section,
      draft: flags.draft === true,
      tags: flags.tag,
      dryRun: flags.dryRun === true,
      ...(format && { format }),
      ...(flags.media !== undefined && { mediaDir: flags.media }),
      ...(flags.sectionMap && { sectionMap: flags.sectionMap }),
      ...(flags.date && { fallbackDate: flags.date }),
    },
    out,
  )
}

/**
 * WordPress and Ghost exports (--format wxr|ghost), each file through the site
 * import. The plain-text reader's dry run and recognition by content are not
 * theirs yet: a dry run is refused rather than ignored.
 */
async function runSiteImports(
  ctx: AppContext,
  paths: readonly string[],
  flags: ImportFlags & { format: SiteFormat },
  out: CliOutput,
): Promise<number> {
  if (flags.dryRun) {
    out.error(`--dry-run is not available for --format ${flags.format} yet; nothing was imported.`)
    return EXIT_USAGE
  }
  const sectionMap = flags.sectionMap
    ? new Map([...flags.sectionMap.entries].map(([from, { slug }]) => [from, slug]))
    : undefined
  let code = 0
  for (const file of paths) {
    const options = {
      format: flags.format,
      defaultSection: flags.section,
      ...(flags.media !== undefined && { media: flags.media }),
      ...(sectionMap && { sectionMap }),
    }
    code = Math.max(code, await runSiteImport(ctx, file, options, out))
  }
  return code
}
