import { asWrittenLine } from '../../text/control-characters.js'
import type { EmbeddedFields } from './image-processor.js'
import { CENTRE, MEDIA_LIMITS, type MediaFields } from './media.js'

/** Fields typed with an upload (the command's --alt, --caption, --credit); any may be left out. */
export interface UploadFields {
  alt?: string
  caption?: string
  credit?: string
  copyright?: string
  decorative?: boolean
}

/** The fields a file's metadata can fill. Alt text is never one: a caption does not describe a picture. */
export type FillableField = keyof EmbeddedFields

/** Metadata is someone else's text: one line per field, no control characters, cut to our limits. */
function cleanEmbedded(value: string | undefined, limit: number): string {
  if (value === undefined) return ''
  const clean = asWrittenLine(value).replace(/\s+/g, ' ').trim()
  return [...clean].length <= limit ? clean : `${[...clean].slice(0, limit - 1).join('')}…`
}

/**
 * A new image's fields: what was typed wins, then what the file's IPTC/XMP/EXIF
 * says. `filled` names the fields that came from the file.
 */
export function fieldsForUpload(
  typed: UploadFields,
  embedded: EmbeddedFields,
): { fields: MediaFields; filled: FillableField[] } {
  const filled: FillableField[] = []
  const pick = (name: FillableField): string => {
    const own = typed[name]?.trim()
    if (own) return own
    const found = cleanEmbedded(embedded[name], MEDIA_LIMITS[name])
    if (found) filled.push(name)
    return found
  }
  const fields: MediaFields = {
    alt: typed.alt?.trim() ?? '',
    decorative: typed.decorative ?? false,
    caption: pick('caption'),
    credit: pick('credit'),
    copyright: pick('copyright'),
    focalPoint: CENTRE,
  }
  return { fields, filled }
}
