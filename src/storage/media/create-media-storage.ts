import type { MediaStorageConfig } from '../../config.js'
import type { MediaStorage } from '../../domain/media/media-storage.js'
import { createFolderStorage } from './folder-storage.js'

/**
 * The media storage the configuration names, and how to let it go. The AWS
 * SDK is loaded only when S3 is configured: a site on a folder never pays
 * for it at start-up.
 */
export async function createMediaStorage(
  config: MediaStorageConfig,
): Promise<MediaStorage & { close(): void }> {
  if (config.driver === 's3') {
    const { createS3Storage } = await import('./s3-storage.js')
    return createS3Storage(config)
  }
  return { ...createFolderStorage(config.dir), close: () => {} }
}
