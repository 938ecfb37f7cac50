import type { FormatReader, InputProbe } from './format-reader.js'
import { ghostReader, wordpressReader } from './site-export-readers.js'
import { textArchiveReader } from './text-archive-reader.js'

/**
 * Every format `dateline import` reads, in the order they are asked to
 * recognise an input. A new format is one reader added here.
 */
export const FORMAT_READERS: readonly FormatReader[] = [
  textArchiveReader,
  wordpressReader,
  ghostReader,
]

export function formatNames(): string[] {
  return FORMAT_READERS.map((reader) => reader.name)
}

export function readerNamed(name: string): FormatReader | undefined {
  return FORMAT_READERS.find(
    (reader) => reader.name === name || (reader.aliases ?? []).includes(name),
  )
}

/**
 * The reader for an input. A file named on the command line goes to the
 * forced reader whatever it looks like; anything else (a folder, a file found
 * in a folder) only to a reader that recognises it.
 */
export async function recogniseFormat(
  probe: InputProbe,
  forced: FormatReader | undefined,
): Promise<FormatReader | undefined> {
  const named = probe.path === probe.root && !probe.isDirectory
  if (forced) return named || (await forced.recognises(probe)) ? forced : undefined
  for (const reader of FORMAT_READERS) if (await reader.recognises(probe)) return reader
  return undefined
}
