// One export from another platform (WordPress, Ghost) through the site
// import: its items streamed from the file, pictures from --media (or, with
// --fetch-media, from their hosts through the guarded fetcher), each outcome
// to the report as it is done.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { AppContext } from '../../context.js'
import type { SectionMap } from '../../domain/imports/section-map.js'
import type { SiteImportSummary } from '../../domain/imports/site-import.js'
import { mediaFolder } from '../commands/media-folder.js'
import type { FormatReader, ImportInput } from './format-reader.js'
import type { ImportProgress } from './import-progress.js'
import { outcomeOfStory, type Outcome } from './import-report.js'

export interface SiteRunOptions {
  sectionSlug: string
  sectionMap: SectionMap
  mediaDir: string | undefined
  fetchMedia: boolean
  dryRun: boolean
}

/** Chunks of a large export: few reads, little memory. */
const CHUNK_BYTES = 256 * 1024

/** Imports one export; its stories' outcomes to `record`, its totals returned. */
export async function importSite(
  ctx: AppContext,
  { input, reader }: { input: ImportInput; reader: FormatReader },
  run: { options: SiteRunOptions; progress: ImportProgress },
  record: (outcome: Outcome) => void,
): Promise<SiteImportSummary> {
  const { options } = run
  const size = (await stat(input.path)).size
  const progress = run.progress.file(input.path, size)
  const open = (path: string): AsyncIterable<Uint8Array> => {
    progress.opened()
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES })
    stream.on('data', (chunk) => progress.read(chunk.length))
    return stream
  }
  const sectionMap = new Map(
    [...options.sectionMap.entries].map(([from, { slug }]) => [from, slug]),
  )
  try {
    return await ctx.services.siteImport.importItems(
      reader.read(input, { mediaDir: options.mediaDir, open }),
      {
        defaultSection: options.sectionSlug,
        sectionMap,
        ...(options.mediaDir !== undefined && { media: mediaFolder(options.mediaDir) }),
        fetchMedia: options.fetchMedia,
        dryRun: options.dryRun,
        onItem: (outcome) => {
          progress.item()
          record(outcomeOfStory(outcome))
        },
      },
    )
  } finally {
    progress.stop()
  }
}
