import { open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import {
  PROBE_BYTES,
  type FormatReader,
  type ImportInput,
  type InputProbe,
} from './format-reader.js'
import { formatNames, recogniseFormat } from './formats.js'

/** An input and the reader that reads it, or why it cannot be read at all. */
export type ResolvedInput =
  { input: ImportInput; reader: FormatReader } | { name: string; problem: string }

/**
 * The command line's paths → inputs, each with its reader. A folder no reader
 * takes whole is searched (sorted, recursively) for files a reader
 * recognises; other files in it are left alone. A named path that does not
 * exist, or whose format is unknown, is a problem by name.
 */
export async function* resolveInputs(
  paths: readonly string[],
  forced: FormatReader | undefined,
): AsyncIterable<ResolvedInput> {
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined)
    if (!info) {
      yield { name: path, problem: 'does not exist or cannot be read' }
      continue
    }
    const reader = await recogniseFormat(probeOf({ path, root: path }, info.isDirectory()), forced)
    if (reader) yield { input: { path, root: path }, reader }
    else if (!info.isDirectory()) yield { name: path, problem: unknownFormat() }
    else yield* filesIn(path, forced)
  }
}

async function* filesIn(
  root: string,
  forced: FormatReader | undefined,
): AsyncIterable<ResolvedInput> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
  for (const path of files) {
    const input = { path, root }
    // Most readers know their files by name: the first bytes are read only when one asks.
    const reader = await recogniseFormat(probeOf(input, false), forced)
    if (reader) yield { input, reader }
  }
}

function probeOf(input: ImportInput, isDirectory: boolean): InputProbe {
  let head: Promise<Uint8Array> | undefined
  return {
    ...input,
    isDirectory,
    head: () => (head ??= isDirectory ? Promise.resolve(new Uint8Array(0)) : readHead(input.path)),
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r')
  try {
    const buffer = new Uint8Array(PROBE_BYTES)
    const { bytesRead } = await file.read(buffer, 0, PROBE_BYTES, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

function unknownFormat(): string {
  return `is in no format dateline import reads (${formatNames().join(', ')}); --format names one`
}
