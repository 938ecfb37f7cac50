import type { OriginalFormat } from './media.js'
import type { RenditionSpec } from './rendition.js'

/** Fields a file's own metadata (IPTC, XMP, EXIF) offered; absent when it had none. */
export interface EmbeddedFields {
  caption?: string
  credit?: string
  copyright?: string
}

/** What a file turned out to be. */
export interface ProbedImage {
  format: OriginalFormat
  /** As shown, after the camera's orientation. */
  width: number
  height: number
  embedded: EmbeddedFields
}

export interface RenderedImage {
  spec: RenditionSpec
  bytes: Uint8Array
}

/**
 * Image decoding and encoding (src/media/ implements it with sharp and exifr).
 * Every refusal is a ValidationError whose message says what to do.
 */
export interface ImageProcessor {
  /** Recognises the file by its bytes, checks it is a still image of sane size, reads its fields. */
  probe(bytes: Uint8Array): Promise<ProbedImage>
  /**
   * Makes renditions: oriented, in sRGB, with no metadata. The original is
   * decoded once for all of them, every byte of it (so a damaged file is
   * refused here), and `each` is awaited as each is made.
   */
  render(
    original: Uint8Array,
    specs: readonly RenditionSpec[],
    each: (image: RenderedImage) => Promise<void>,
  ): Promise<void>
}
