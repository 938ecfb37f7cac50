import {
  hasControlBesideSpaces,
  withoutControls,
  withoutInvisibles,
} from '../../text/control-characters.js'
import { ValidationError } from '../errors.js'

/** The kinds of file the library takes as originals, recognised by their bytes, never their name. */
export const ORIGINAL_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff'] as const
export type OriginalFormat = (typeof ORIGINAL_FORMATS)[number]

export const ORIGINAL_MIME_TYPES: Record<OriginalFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  tiff: 'image/tiff',
}

/** Where in the picture the subject is, from the left and from the top, each 0 to 1. Crops keep it in frame. */
export interface FocalPoint {
  x: number
  y: number
}

export const CENTRE: FocalPoint = { x: 0.5, y: 0.5 }

/** What the photo desk writes about an image. */
export interface MediaFields {
  /** What the picture shows, for people who cannot see it. Required to publish, unless decorative. */
  alt: string
  /** The picture adds nothing a reader would miss: screen readers skip it (alt=""). */
  decorative: boolean
  /** Shown under the picture. */
  caption: string
  /** Photographer and/or agency, shown with the caption. */
  credit: string
  copyright: string
  focalPoint: FocalPoint
}

export type RenditionsStatus = 'pending' | 'ready' | 'failed'

/** An image in the media library. */
export interface MediaItem extends MediaFields {
  id: string
  /** SHA-256 of the original file, hex: the same file is one item, and rendition names derive from it. */
  contentHash: string
  /** The uploaded file's name, cleaned, for people to recognise it; never used to name a stored file. */
  fileName: string
  format: OriginalFormat
  /** Pixel size as shown: after the camera's orientation is applied. */
  width: number
  height: number
  /** Size of the original file. */
  byteSize: number
  createdBy: string | null
  /** The uploader's name, '' for the command line. */
  createdByName: string
  createdAt: Date
  updatedAt: Date
  /** Increases by one on every change; a save names the version it started from. */
  version: number
  /** Whether every rendition has been made (the background job's progress). */
  renditionsStatus: RenditionsStatus
}

export const MEDIA_LIMITS = {
  alt: 300,
  caption: 1000,
  credit: 200,
  copyright: 200,
  fileName: 200,
  /** A search's words. */
  query: 200,
  /**
   * Largest picture decoded, in pixels (100 megapixels: more than any camera a
   * newsroom uses). Above it, a small file can still ask for gigabytes of memory.
   */
  pixels: 100_000_000,
  /** Widest or tallest side. */
  side: 30_000,
} as const

function assertText(field: keyof typeof MEDIA_LIMITS, label: string, value: string): void {
  const limit = MEDIA_LIMITS[field]
  if (value.length > limit) {
    throw new ValidationError(`${field}_too_long`, `${label} is at most ${limit} characters.`, {
      field,
    })
  }
  if (hasControlBesideSpaces(value)) {
    throw new ValidationError(`${field}_invalid`, `${label} has a control character in it.`, {
      field,
    })
  }
}

/** Throws ValidationError for a field that is too long or a focal point outside the picture. */
export function assertMediaFields(fields: MediaFields): void {
  assertText('alt', 'Alt text', fields.alt)
  assertText('caption', 'The caption', fields.caption)
  assertText('credit', 'The credit', fields.credit)
  assertText('copyright', 'The copyright line', fields.copyright)
  const { x, y } = fields.focalPoint
  for (const [name, value] of [
    ['focal_x', x],
    ['focal_y', y],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw new ValidationError(
        'invalid_focal_point',
        'The focal point is a place in the picture: 0 to 100 % from the left and from the top.',
        { field: name },
      )
    }
  }
}

/**
 * Throws unless an image can appear on a published page: it has alt text, or
 * is marked decorative. Publishing an article checks each of its images.
 */
export function assertUsableImage(item: Pick<MediaItem, 'alt' | 'decorative' | 'fileName'>): void {
  if (item.decorative || item.alt.trim() !== '') return
  throw new ValidationError(
    'image_needs_alt',
    `The image “${item.fileName}” has no alt text. Describe what it shows, or mark it decorative, before publishing.`,
    { field: 'alt' },
  )
}

/** The alt attribute a page gives an image: empty for a decorative one. */
export function altOf(item: Pick<MediaItem, 'alt' | 'decorative'>): string {
  return item.decorative ? '' : item.alt
}

/**
 * An uploaded file's name as people see it: the last part of any path, no
 * control characters, Unicode in its composed form, at most 200 characters
 * (the extension kept). It is shown, escaped, and never names a stored file.
 */
export function displayFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? ''
  const clean = withoutInvisibles(withoutControls(base.normalize('NFC')))
    .trim()
    .replace(/^\.+/, '')
  if (clean === '') return 'untitled'
  const chars = [...clean]
  if (chars.length <= MEDIA_LIMITS.fileName) return clean
  const dot = clean.lastIndexOf('.')
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : ''
  return (
    chars.slice(0, MEDIA_LIMITS.fileName - [...extension].length - 1).join('') + '…' + extension
  )
}

/** Rounds a focal point coordinate to what is stored (1/10,000). */
export function roundFocal(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

/** What a page needs of an image it shows: enough to name its renditions and to describe it. */
export type ImageRef = Pick<
  MediaItem,
  | 'id'
  | 'contentHash'
  | 'width'
  | 'height'
  | 'alt'
  | 'decorative'
  | 'caption'
  | 'credit'
  | 'focalPoint'
  | 'fileName'
>

/** An item's fields as pages need them. */
export function imageRefOf(item: MediaItem): ImageRef {
  const { id, contentHash, width, height, alt, decorative, caption, credit, focalPoint, fileName } =
    item
  return { id, contentHash, width, height, alt, decorative, caption, credit, focalPoint, fileName }
}
