import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { MediaStorage } from '../../domain/media/media-storage.js'
import { assertMediaKey } from './media-keys.js'

/** Flushes a folder's entries to disk, so that a rename survives power loss. */
async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * The media library in a folder (DATA_DIR/media by default). A file is
 * written under a temporary name, synced, then renamed into place: a reader
 * or a crash sees all of it or none of it.
 */
export function createFolderStorage(root: string): MediaStorage {
  const pathOf = (key: string) => {
    assertMediaKey(key)
    return join(root, key)
  }

  return {
    async put(key, bytes) {
      const path = pathOf(key)
      const folder = dirname(path)
      await mkdir(folder, { recursive: true })
      const temporary = join(folder, `.${randomBytes(8).toString('hex')}.tmp`)
      const handle = await open(temporary, 'wx', 0o644)
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      try {
        await rename(temporary, path)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
      await syncFolder(folder)
    },

    async get(key) {
      try {
        return await readFile(pathOf(key))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },

    async delete(keys) {
      await Promise.all(keys.map((key) => rm(pathOf(key), { force: true })))
    },
  }
}
