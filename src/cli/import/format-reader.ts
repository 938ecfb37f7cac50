import type { ImportItem } from '../../text/import/import-item.js'

/** One thing named on the command line, or a file found in a folder named there. */
export interface ImportInput {
  path: string
  /** The folder argument the file was found in; the path itself when it was named directly. */
  root: string
}

/** What a reader may look at to recognise its format, without reading the input through. */
export interface InputProbe extends ImportInput {
  isDirectory: boolean
  /** The first bytes of a file (up to PROBE_BYTES; read once, when first asked); empty for a folder. */
  head(): Promise<Uint8Array>
}

export const PROBE_BYTES = 4096

/** What every reader is given besides its input: the shared options of `dateline import`. */
export interface ReaderContext {
  /** --media: where the source's image files are. */
  mediaDir: string | undefined
  /**
   * Opens a file as a stream of chunks, counted for the progress line: the
   * way a reader of one large file reads it.
   */
  open(path: string): AsyncIterable<Uint8Array>
}

/**
 * Which importer writes a reader's items: "archive" for articles in the
 * plain-text archive form (the article importer, with --date, --draft and
 * --tag), "site" for another platform's stories, authors and comments (the
 * site import, with pictures, comments and old addresses).
 */
export type ImporterName = 'archive' | 'site'

/**
 * A source format `dateline import` can read. Each reader turns one input into
 * a stream of items (articles now; authors, comments, media and redirects as
 * readers need them), read lazily so a large export imports in bounded memory.
 * A reader never writes: the command imports what it yields, in order.
 */
export interface FormatReader {
  /** The name `--format` takes: "text", "wordpress", "ghost", later "dateline". */
  readonly name: string
  /** Other names `--format` accepts for it ("wxr" for "wordpress"). */
  readonly aliases?: readonly string[]
  /** Which importer writes its items. */
  readonly importer: ImporterName
  /** One line for the usage message. */
  readonly description: string
  /**
   * Whether the input is in this format, from its name and first bytes. A
   * reader that recognises a folder reads it whole (a Dateline export);
   * other folders are searched for files each reader is asked about.
   */
  recognises(probe: InputProbe): boolean | Promise<boolean>
  /**
   * The input's items, in order. An unreadable item is yielded as a problem,
   * never thrown; so is an input that cannot be read at all, before any other item.
   */
  read(input: ImportInput, context: ReaderContext): AsyncIterable<ImportItem>
}
