// Other platforms' exports in the registry of `dateline import`: a WordPress
// WXR file and a Ghost JSON export, each recognised by its first bytes and
// read as a stream of items (the readers in text/import). A file the reader
// cannot read at all is one problem by name, and nothing comes from it.
import { readGhostExport } from '../../text/import/ghost/ghost-reader.js'
import {
  ImportSourceError,
  type ImportItem,
  type ImportReader,
} from '../../text/import/import-item.js'
import { readWordpressExport } from '../../text/import/wordpress/wxr-reader.js'
import type { FormatReader, ImportInput, InputProbe, ReaderContext } from './format-reader.js'

/** The probe's first bytes as text, without a byte-order mark (never fatal: a probe only looks). */
async function headText(probe: InputProbe): Promise<string> {
  if (probe.isDirectory) return ''
  return new TextDecoder('utf-8').decode(await probe.head()).replace(/^\uFEFF/, '')
}

/**
 * A WXR file: an XML declaration and comments at most, then an <rss> root
 * declaring the WordPress export namespace, then its <channel>.
 */
const WXR_START =
  /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<rss\b[^>]*\sxmlns:wp\s*=\s*["']https?:\/\/wordpress\.org\/export\/\d+\.\d+\/?["'][^>]*>\s*(?:<!--[\s\S]*?-->\s*)*<channel[\s>]/

/** Ghost writes {"db": [{"meta": …, "data": …}]}; some tools write {"meta", "data"} alone. */
const GHOST_DB_START = /^\s*\{\s*"db"\s*:\s*\[\s*\{\s*"(?:meta|data)"\s*:\s*\{/
const GHOST_BARE_START = /^\s*\{\s*"(?:meta|data)"\s*:\s*\{/

export function looksLikeWxr(head: string): boolean {
  return WXR_START.test(head)
}

export function looksLikeGhostExport(head: string): boolean {
  if (GHOST_DB_START.test(head)) return true
  return GHOST_BARE_START.test(head) && /"exported_on"\s*:/.test(head)
}

/** A text/import reader over one file, its fatal faults turned into one problem by name. */
function readerOver(reader: ImportReader) {
  return async function* (input: ImportInput, context: ReaderContext): AsyncIterable<ImportItem> {
    try {
      yield* reader(() => context.open(input.path))
    } catch (error) {
      if (!(error instanceof ImportSourceError)) throw error
      yield {
        kind: 'problem',
        name: input.path,
        problem: `${error.message.replace(/\.$/, '')}. Nothing was imported from it.`,
      }
    }
  }
}

export const wordpressReader: FormatReader = {
  name: 'wordpress',
  aliases: ['wxr'],
  description: 'a WordPress export (WXR 1.0–1.2: Tools → Export)',
  importer: 'site',
  recognises: async (probe) => looksLikeWxr(await headText(probe)),
  read: readerOver(readWordpressExport),
}

export const ghostReader: FormatReader = {
  name: 'ghost',
  description: 'a Ghost JSON export (Ghost 2 to 5: Settings → Labs → Export)',
  importer: 'site',
  recognises: async (probe) => looksLikeGhostExport(await headText(probe)),
  read: readerOver(readGhostExport),
}
