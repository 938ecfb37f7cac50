import { PayloadTooLargeError, ValidationError } from '../errors.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { ImageProcessor } from './image-processor.js'
import { ORIGINAL_MIME_TYPES, type MediaItem } from './media.js'
import { originalKey, renditionKey, type MediaStorage } from './media-storage.js'
import { everyRendition } from './crops.js'
import { plannedRenditions, RENDITION_MIME_TYPES } from './rendition.js'

const megabytes = (bytes: number) =>
  (bytes / (1024 * 1024)).toLocaleString('en', { maximumFractionDigits: 1 })

/** Refuses an empty file, and one over the limit (413). */
export function assertUploadSize(bytes: Uint8Array, maxBytes: number): void {
  if (bytes.length === 0) {
    throw new ValidationError('empty_file', 'The file is empty.', { field: 'file' })
  }
  if (bytes.length > maxBytes) {
    throw new PayloadTooLargeError(
      'file_too_large',
      `The file is ${megabytes(bytes.length)} MB; the library takes files up to ${megabytes(maxBytes)} MB.`,
      { field: 'file' },
    )
  }
}

/**
 * Stores a new item: its smallest renditions (made from a decode of every
 * byte, so a damaged file is refused before anything is kept), the original,
 * then the item with all its planned renditions. On failure the files written
 * go again, unless an identical upload that committed meanwhile shares them.
 */
export async function storeUpload(
  {
    stores,
    storage,
    processor,
  }: { stores: UnitOfWork; storage: MediaStorage; processor: ImageProcessor },
  item: MediaItem,
  bytes: Uint8Array,
): Promise<'inserted' | 'duplicate'> {
  const planned = everyRendition(item)
  const ladder = plannedRenditions(item)
  const smallest = ladder.filter((spec) => spec.width === ladder[0]?.width)
  const made = new Map<string, number>()
  const keys = [originalKey(item.contentHash)]
  try {
    await processor.render(bytes, smallest, async ({ spec, bytes: out }) => {
      keys.push(renditionKey(spec.name))
      await storage.put(renditionKey(spec.name), out, {
        contentType: RENDITION_MIME_TYPES[spec.format],
      })
      made.set(spec.name, out.length)
    })
    await storage.put(originalKey(item.contentHash), bytes, {
      contentType: ORIGINAL_MIME_TYPES[item.format],
    })
    const ready = made.size === planned.length
    return await stores.media.insert(
      { ...item, renditionsStatus: ready ? 'ready' : 'pending' },
      planned.map((spec) => ({ ...spec, byteSize: made.get(spec.name) ?? null })),
    )
  } catch (error) {
    const sharing = await stores.media.findByHash(item.contentHash).catch(() => undefined)
    if (!sharing) await storage.delete(keys).catch(() => {})
    throw error
  }
}
