import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve, sep } from 'node:path'
import { articleFromText } from '../../domain/imports/article-from-text.js'
import type { ImportItem } from '../../text/import/import-item.js'
import { decodeArticleFile, sizeProblem } from '../../text/article-text/decode-article-file.js'
import type { FormatReader, ImportInput } from './format-reader.js'

/**
 * The plain-text archive form: one article per .txt file (headline, dateline
 * and bylines, paragraphs, date line). The folders between the folder named on
 * the command line and the file are its categories, nearest first, for --section-map.
 */
export const textArchiveReader: FormatReader = {
  name: 'text',
  description: 'the plain-text archive form, one article per .txt file',
  importer: 'archive',
  recognises: (probe) => !probe.isDirectory && probe.path.toLowerCase().endsWith('.txt'),
  read: readTextFile,
}

async function* readTextFile(input: ImportInput): AsyncIterable<ImportItem> {
  const name = input.path
  const read = readArticleFile(input.path)
  if ('problem' in read) {
    yield { kind: 'problem', name, problem: read.problem }
    return
  }
  yield articleFromText(read.text, {
    sourceKey: `text:${resolve(input.path)}`,
    name,
    categories: foldersBetween(input.root, input.path),
  })
}

/** The folders from `root` down to the file, nearest first. */
function foldersBetween(root: string, file: string): string[] {
  const folder = relative(root, dirname(file))
  if (folder === '' || folder.startsWith('..')) return []
  return folder.split(sep).reverse()
}

/**
 * Read synchronously: an archive file is small, the database works on this
 * thread anyway, and a promise-based open, stat, read and close costs more
 * than the read itself across ten thousand files.
 */
function readArticleFile(file: string): { text: string } | { problem: string } {
  try {
    const descriptor = openSync(file, 'r')
    try {
      // Checked before reading, so that a huge file is never loaded into memory.
      const tooLarge = sizeProblem(fstatSync(descriptor).size)
      if (tooLarge) return { problem: tooLarge }
      const decoded = decodeArticleFile(readFileSync(descriptor))
      return decoded.ok ? { text: decoded.text } : { problem: decoded.reason }
    } finally {
      closeSync(descriptor)
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'ENOENT' || code === 'EISDIR') {
      return { problem: `cannot be read (${code})` }
    }
    throw error
  }
}
