import exifr from 'exifr'
import type { EmbeddedFields } from '../domain/media/image-processor.js'

/**
 * What exifr gives back with mergeOutput off: one object per block. XMP
 * values come as text, as { lang, value } (alternative languages), or as
 * lists of either.
 */
type Block = Record<string, unknown> | undefined
interface Parsed {
  iptc?: Block
  dc?: Block
  photoshop?: Block
  ifd0?: Block
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * exifr reads IPTC text as Latin-1, but agencies write UTF-8 (and say so in
 * the record's character set). Bytes that make valid UTF-8 with accented
 * letters are read again as UTF-8; real Latin-1 text is almost never valid UTF-8.
 */
function iptcText(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value) || /[\u0100-\u{10ffff}]/u.test(value)) return value
  try {
    return UTF8.decode(Buffer.from(value, 'latin1'))
  } catch {
    return value
  }
}

/** A field's text, whatever shape the block gave it; undefined when empty. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    const parts = value.map(textOf).filter((part): part is string => part !== undefined)
    return parts.length > 0 ? parts.join(', ') : undefined
  }
  if (value && typeof value === 'object' && 'value' in value) return textOf(value.value)
  return undefined
}

const iptc = (block: Block, key: string) => {
  const text = textOf(block?.[key])
  return text && iptcText(text)
}

/** "Sigrid Lunde / Nordic Wire": the photographer and the agency, once each. */
function creditOf(byline: string | undefined, agency: string | undefined): string | undefined {
  if (byline && agency && byline.toLowerCase() !== agency.toLowerCase()) {
    return `${byline} / ${agency}`
  }
  return byline ?? agency
}

/**
 * The caption, credit and copyright a photo carries, as agencies write them:
 * XMP first (always Unicode), then IPTC, then EXIF. A file whose metadata
 * cannot be read gives none: metadata never decides whether a photo is taken.
 */
export async function readEmbeddedFields(bytes: Uint8Array): Promise<EmbeddedFields> {
  let parsed: Parsed | undefined
  try {
    parsed = (await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), {
      tiff: true,
      ifd1: false,
      exif: false,
      gps: false,
      interop: false,
      makerNote: false,
      userComment: false,
      icc: false,
      jfif: false,
      ihdr: false,
      iptc: true,
      xmp: true,
      mergeOutput: false,
    })) as Parsed | undefined
  } catch {
    return {}
  }
  if (!parsed) return {}
  const { dc, photoshop, ifd0 } = parsed
  const block = parsed.iptc
  const fields: EmbeddedFields = {}
  const caption =
    textOf(dc?.description) ?? iptc(block, 'Caption') ?? textOf(ifd0?.ImageDescription)
  const byline = textOf(dc?.creator) ?? iptc(block, 'Byline') ?? textOf(ifd0?.Artist)
  const agency = textOf(photoshop?.Credit) ?? iptc(block, 'Credit')
  const credit = creditOf(byline, agency)
  const copyright = textOf(dc?.rights) ?? iptc(block, 'CopyrightNotice') ?? textOf(ifd0?.Copyright)
  if (caption) fields.caption = caption
  if (credit) fields.credit = credit
  if (copyright) fields.copyright = copyright
  return fields
}
