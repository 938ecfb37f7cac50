// `dateline import`'s action: Dateline exports (recognised by their document, or
// forced with --format dateline) restore a whole site; every other input goes to
// the format readers (plain-text archives, WordPress and Ghost exports).
import type { AppContext } from '../../context.js'
import type { SectionMap } from '../../domain/imports/section-map.js'
import type { CalendarDate } from '../../text/dates.js'
import {
  DATELINE_FORMAT,
  runDatelineImports,
  splitDatelineExports,
} from '../commands/import-dateline.js'
import { runImport } from '../commands/import.js'
import { EXIT_USAGE, type CliOutput } from '../io.js'
import type { FormatReader } from './format-reader.js'

export interface ImportFlags {
  section: string
  draft?: boolean
  tag?: string[]
  format?: FormatReader | typeof DATELINE_FORMAT
  dryRun?: boolean
  media?: string
  fetchMedia?: boolean
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
      fetchMedia: flags.fetchMedia === true,
      ...(format && { format }),
      ...(flags.media !== undefined && { mediaDir: flags.media }),
      ...(flags.sectionMap && { sectionMap: flags.sectionMap }),
      ...(flags.date && { fallbackDate: flags.date }),
    },
    out,
  )
}
