import type { MediaStorageConfig } from '../../config.js'
import type { MediaStorage } from '../../domain/media/media-storage.js'
import { createFolderStorage } from './folder-storage.js'
import { createS3Storage } from './s3-storage.js'

/** The media storage the configuration names, and how to let it go. */
export function createMediaStorage(config: MediaStorageConfig): MediaStorage & { close(): void } {
  if (config.driver === 's3') return createS3Storage(config)
  return { ...createFolderStorage(config.dir), close: () => {} }
}
