import type { OriginalFormat } from '../domain/media/media.js'

/** What a file's first bytes say it is, whatever its name says. */
export type DetectedFormat =
  | { kind: 'image'; format: OriginalFormat }
  /** Refused: SVG is a document that can carry script. */
  | { kind: 'svg' }
  /** Refused: HEIC/HEIF (iPhones) needs a decoder sharp does not ship. */
  | { kind: 'heic' }
  | { kind: 'text' }
  | { kind: 'unknown' }

/** Bytes start to end as Latin-1 text; past the end of the file is simply shorter. */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  const from = Math.min(start, bytes.length)
  const to = Math.min(Math.max(end, from), bytes.length)
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1')
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  signature.every((byte, index) => bytes[at + index] === byte)

const HEIC_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'hevm',
  'hevs',
  'mif1',
  'msf1',
])
const AVIF_BRANDS = new Set(['avif', 'avis'])

/** ISO base media files (AVIF, HEIC) name their kind in the `ftyp` box's brands. */
function isoBrand(bytes: Uint8Array): DetectedFormat | undefined {
  if (ascii(bytes, 4, 8) !== 'ftyp') return undefined
  const boxSize = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.length, 4),
  ).readUInt32BE(0)
  const end = Math.min(bytes.length, Math.max(16, Math.min(boxSize, 256)))
  const brands = [ascii(bytes, 8, 12)]
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4))
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return { kind: 'image', format: 'avif' }
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return { kind: 'heic' }
  return { kind: 'unknown' }
}

/** Text, by its look: no NUL bytes and mostly printable in its first kilobytes. */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096)
  if (sample.length === 0) return false
  let printable = 0
  for (const byte of sample) {
    if (byte === 0) return false
    if (byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) printable += 1
  }
  return printable / sample.length > 0.95
}

/** SVG is XML text with an <svg> element near the start (after a declaration, comments, a doctype). */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, 65_536)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
  return head.startsWith('<') && /<svg[\s>:]/i.test(head)
}

/** Recognises a file by its content (magic bytes), never its name. */
export function detectFormat(bytes: Uint8Array): DetectedFormat {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { kind: 'image', format: 'png' }
  }
  const six = ascii(bytes, 0, 6)
  if (six === 'GIF87a' || six === 'GIF89a') return { kind: 'image', format: 'gif' }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
    return { kind: 'image', format: 'webp' }
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: 'image', format: 'tiff' }
  }
  const iso = isoBrand(bytes)
  if (iso) return iso
  if (looksLikeSvg(bytes)) return { kind: 'svg' }
  if (looksLikeText(bytes)) return { kind: 'text' }
  return { kind: 'unknown' }
}
