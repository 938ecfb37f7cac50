import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { AppContext } from '../../context.js'
import { COMMAND_LINE } from '../../domain/access/policy.js'
import { DomainError } from '../../domain/errors.js'
import type { MediaItem } from '../../domain/media/media.js'
import { plannedRenditions } from '../../domain/media/rendition.js'
import type { UploadResult } from '../../domain/media/media-service.js'
import type { CliOutput as Output } from '../io.js'

export interface MediaAddOptions {
  alt?: string
  caption?: string
  credit?: string
}

const megabytes = (bytes: number) =>
  (bytes / (1024 * 1024)).toLocaleString('en', { maximumFractionDigits: 1 })

/** The image's address as readers get it: its largest JPEG, which every browser shows. */
function publicUrlOf(ctx: AppContext, item: MediaItem): string {
  const jpegs = plannedRenditions(item).filter((spec) => spec.format === 'jpeg')
  const largest = jpegs[jpegs.length - 1]
  return largest ? ctx.services.media.absoluteUrlOf(largest.name) : ''
}

function report(ctx: AppContext, out: Output, file: string, result: UploadResult): void {
  const { item, filled, duplicate } = result
  out.log(`✓ ${file}: ${duplicate ? 'already in the library as' : 'added as'} ${item.id}`)
  out.log(`    url      ${publicUrlOf(ctx, item)}`)
  out.log(`    size     ${item.width} × ${item.height} pixels`)
  if (!duplicate) {
    out.log(
      `    filled   ${filled.length > 0 ? `${filled.join(', ')} (from the file)` : 'nothing (the file has no caption, credit or copyright)'}`,
    )
  }
}

/** Reads and adds one file; the reason it failed, or undefined. */
async function addOne(
  ctx: AppContext,
  out: Output,
  file: string,
  options: MediaAddOptions,
): Promise<string | undefined> {
  const { maxBytes } = ctx.services.media
  try {
    const info = await stat(file)
    if (!info.isFile()) return 'is not a file'
    // Checked before reading, so that a huge file is never loaded into memory.
    if (info.size > maxBytes) {
      return `is ${megabytes(info.size)} MB; the library takes files up to ${megabytes(maxBytes)} MB (MEDIA_MAX_MB)`
    }
    const bytes = await readFile(file)
    const result = await ctx.services.media.upload(COMMAND_LINE, {
      bytes,
      fileName: basename(file),
      fields: options,
    })
    report(ctx, out, file, result)
    return undefined
  } catch (error) {
    if (error instanceof DomainError) return error.message
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EACCES') return `cannot be read (${code})`
    throw error
  }
}

/**
 * `dateline media add FILE…`: adds each file to the library, then makes their
 * renditions before exiting. One bad file never stops the rest; exit code 1
 * if any failed.
 */
export async function runMediaAdd(
  ctx: AppContext,
  files: readonly string[],
  options: MediaAddOptions,
  out: Output,
): Promise<number> {
  let failed = 0
  for (const file of files) {
    const reason = await addOne(ctx, out, file, options)
    if (reason) {
      failed += 1
      out.error(`✗ ${file}: ${reason}`)
    }
  }
  const made = await ctx.services.media.processPending()
  if (made > 0) out.log(`Renditions made for ${made} ${made === 1 ? 'image' : 'images'}.`)
  const added = files.length - failed
  out.log(`${added} of ${files.length} ${files.length === 1 ? 'file' : 'files'} added.`)
  return failed > 0 ? 1 : 0
}
