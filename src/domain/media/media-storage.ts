/**
 * Where the library's files live: a folder under DATA_DIR, or an S3 bucket
 * (storage/media/). Keys are made here, from hashes, never from a user's
 * file name.
 */
export interface MediaStorage {
  /**
   * Stores bytes under a key. A reader sees the whole file or none of it, and
   * writing the same key again with the same bytes is harmless, so two
   * processes making the same rendition do no damage.
   */
  put(key: string, bytes: Uint8Array, options: { contentType: string }): Promise<void>
  /** The bytes under a key, or undefined when there are none. */
  get(key: string): Promise<Uint8Array | undefined>
  /** Removes keys; missing ones are not an error. */
  delete(keys: readonly string[]): Promise<void>
}

/** Originals are kept apart from what readers are served: they still carry GPS and camera data. */
export function originalKey(contentHash: string): string {
  return `originals/${contentHash}`
}

/** Renditions: the only files anyone outside the newsroom ever gets. */
export function renditionKey(name: string): string {
  return `renditions/${name}`
}
