import { createHash } from 'node:crypto'
import type { MediaItem } from './media.js'

/**
 * The widths renditions are made at. Phones fetch 320–960, desktops up to
 * 1600, high-density screens and social cards 2048. An image narrower than a
 * step is never enlarged: its own width ends its ladder.
 */
export const RENDITION_WIDTHS = [320, 640, 960, 1280, 1600, 2048] as const

/** Best first: a browser takes the first <source> it can show; JPEG is the fallback every browser shows. */
export const RENDITION_FORMATS = ['avif', 'webp', 'jpeg'] as const
export type RenditionFormat = (typeof RENDITION_FORMATS)[number]

export const RENDITION_MIME_TYPES: Record<RenditionFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
}

const EXTENSIONS: Record<RenditionFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' }

/** The file extension a rendition's name ends with. */
export const renditionExtension = (format: RenditionFormat): string => EXTENSIONS[format]

/**
 * Changes whenever the way renditions are made changes (quality, encoder
 * settings): new recipes give new names, so no cache ever holds a stale copy.
 */
export const RENDITION_RECIPE = 'r1'

/**
 * One rendition to make: a format at a width. The height keeps the original's
 * proportions, or the crop's when it is a part of the picture (crops.ts).
 */
export interface RenditionSpec {
  name: string
  format: RenditionFormat
  width: number
  height: number
  /** The part of the original shown, as fractions of its width and height; none: all of it. */
  crop?: { left: number; top: number; width: number; height: number }
}

/** A rendition and whether it has been made yet. */
export interface Rendition extends RenditionSpec {
  mediaId: string
  /** Null until it is made. */
  byteSize: number | null
  madeAt: Date | null
}

/**
 * Pixels in the largest rendition, at most: 2048 × 1536. A landscape photo
 * still reaches 2048 wide; a portrait one stops near 1450 (no screen shows
 * more of it at once), which keeps its largest files, and their making, in bounds.
 */
export const MAX_RENDITION_PIXELS = 2048 * 1536

/**
 * The widths of an image's ladder: the steps narrower than its largest
 * rendition, then that width. Never wider than the original.
 */
export function renditionWidths(width: number, height: number): number[] {
  const largest = RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1] ?? width
  const byArea = Math.floor(Math.sqrt((MAX_RENDITION_PIXELS * width) / height))
  const top = Math.max(1, Math.min(width, largest, byArea))
  return [...RENDITION_WIDTHS.filter((step) => step < top), top]
}

/**
 * A rendition's file name: a hash of the original's bytes and of the recipe,
 * then the width, e.g. `5c1f0e9a2b7d4c3e8f61-640.webp`. It is known before the
 * file is made, so pages can name it at once, and it never names other bytes,
 * so it can be cached for ever.
 */
export function renditionName(contentHash: string, format: RenditionFormat, width: number): string {
  const digest = createHash('sha256')
    .update(`${contentHash}\n${RENDITION_RECIPE}\n${format}\n${width}`)
    .digest('hex')
    .slice(0, 20)
  return `${digest}-${width}.${EXTENSIONS[format]}`
}

/** What a rendition name looks like; anything else under /media is not one. */
export const RENDITION_NAME = /^[0-9a-f]{20}-[1-9][0-9]{0,4}\.(avif|webp|jpg)$/

/**
 * Plans already worked out, by image: a listing shows dozens of pictures and each
 * plan costs eighteen hashes. Bounded, emptied when full (a plan is cheap to redo).
 */
const plans = new Map<string, readonly RenditionSpec[]>()
const MAX_PLANS = 5_000

/** Every rendition an image gets: each format at each width of its ladder, smallest first. */
export function plannedRenditions(
  item: Pick<MediaItem, 'contentHash' | 'width' | 'height'>,
): readonly RenditionSpec[] {
  const key = `${item.contentHash} ${item.width} ${item.height}`
  let plan = plans.get(key)
  if (!plan) {
    if (plans.size >= MAX_PLANS) plans.clear()
    plan = Object.freeze(planRenditions(item))
    plans.set(key, plan)
  }
  return plan
}

function planRenditions(
  item: Pick<MediaItem, 'contentHash' | 'width' | 'height'>,
): RenditionSpec[] {
  return renditionWidths(item.width, item.height).flatMap((width) => {
    const height = Math.max(1, Math.round((item.height * width) / item.width))
    return RENDITION_FORMATS.map((format) => ({
      name: renditionName(item.contentHash, format, width),
      format,
      width,
      height,
    }))
  })
}

/** What a page needs to show an image: a <picture> with a source per format and a JPEG <img>. */
export interface PictureModel {
  /** The original's proportions, for width and height attributes (no layout shift). */
  width: number
  height: number
  alt: string
  /** Best format first. */
  sources: { type: string; srcset: string }[]
  /** The <img>: its src is the largest JPEG, its srcset every JPEG. */
  fallback: { src: string; srcset: string }
}

/**
 * The <picture> for an image, from its planned renditions; `urlOf` turns a
 * rendition name into its address (this site's /media, or a CDN).
 */
export function pictureOf(
  item: Pick<MediaItem, 'contentHash' | 'width' | 'height' | 'alt' | 'decorative'>,
  urlOf: (name: string) => string,
): PictureModel {
  const planned = plannedRenditions(item)
  const srcset = (format: RenditionFormat) =>
    planned
      .filter((spec) => spec.format === format)
      .map((spec) => `${urlOf(spec.name)} ${spec.width}w`)
      .join(', ')
  const jpegs = planned.filter((spec) => spec.format === 'jpeg')
  const largest = jpegs[jpegs.length - 1]
  return {
    width: item.width,
    height: item.height,
    alt: item.decorative ? '' : item.alt,
    sources: RENDITION_FORMATS.filter((format) => format !== 'jpeg').map((format) => ({
      type: RENDITION_MIME_TYPES[format],
      srcset: srcset(format),
    })),
    fallback: { src: largest ? urlOf(largest.name) : '', srcset: srcset('jpeg') },
  }
}
