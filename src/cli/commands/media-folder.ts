import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import type { MediaFiles } from '../../domain/imports/site-import.js'

/** Files above this are no picture a story shows; the library would refuse them anyway. */
const MAX_FILE_BYTES = 100 * 1024 * 1024

/**
 * The files of --media (a copy of wp-content/uploads or content/images): a
 * path from an export is read only when it stays inside the folder.
 */
export function mediaFolder(dir: string): MediaFiles {
  const root = resolve(dir)
  return {
    async read(relativePath) {
      const path = resolve(root, relativePath.replace(/^\/+/, ''))
      const inside = relative(root, path)
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined
      try {
        const info = await stat(path)
        if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined
        return await readFile(path)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return undefined
        throw error
      }
    },
  }
}
