import { createHash } from 'node:crypto'
import type { FocalPoint, MediaItem } from './media.js'
import {
  RENDITION_FORMATS,
  RENDITION_MIME_TYPES,
  RENDITION_RECIPE,
  renditionExtension,
  plannedRenditions,
  type PictureModel,
  type RenditionFormat,
  type RenditionSpec,
} from './rendition.js'

/**
 * The crops an image gets, around its focal point. Search engines and social
 * cards ask for 16:9, 4:3 and 1:1 pictures at least 1200 pixels wide (Google's
 * article guidelines; OpenGraph's large card); author photos are small squares.
 */
export const CROP_ASPECTS = { '16:9': [16, 9], '4:3': [4, 3], '1:1': [1, 1] } as const
export type CropAspect = keyof typeof CROP_ASPECTS

/** The width machine-read crops are made at: what Google and the social cards ask for. */
export const SHARE_WIDTH = 1200

/** The square ladder for author photos: a byline's 40 px to a profile's 160 px, at 1× to 3×. */
export const SQUARE_WIDTHS = [120, 240, 480] as const

/** A part of the picture, each side as a fraction (0 to 1) of its width or height. */
export interface CropBox {
  left: number
  top: number
  width: number
  height: number
}

/**
 * The largest box of the given proportions inside a `width` × `height`
 * picture, centred on the focal point as far as the edges allow.
 */
export function cropBox(
  { width, height }: { width: number; height: number },
  aspect: CropAspect,
  focal: FocalPoint,
): CropBox {
  const [across, down] = CROP_ASPECTS[aspect]
  const boxWidth = Math.min(width, (height * across) / down)
  const boxHeight = Math.min(height, (width * down) / across)
  const place = (centre: number, size: number, whole: number) =>
    Math.min(Math.max(centre * whole - size / 2, 0), whole - size) / whole
  return {
    left: place(focal.x, boxWidth, width),
    top: place(focal.y, boxHeight, height),
    width: boxWidth / width,
    height: boxHeight / height,
  }
}

/** A cropped rendition's name: the crop and the focal point are part of its hash. */
export function cropName(
  contentHash: string,
  aspect: CropAspect,
  focal: FocalPoint,
  format: RenditionFormat,
  width: number,
): string {
  const digest = createHash('sha256')
    .update(
      `${contentHash}\n${RENDITION_RECIPE}\ncrop ${aspect} ${focal.x.toFixed(4)} ${focal.y.toFixed(4)}\n${format}\n${width}`,
    )
    .digest('hex')
    .slice(0, 20)
  return `${digest}-${width}.${renditionExtension(format)}`
}

type Croppable = Pick<MediaItem, 'contentHash' | 'width' | 'height' | 'focalPoint'>

function cropSpec(
  item: Croppable,
  aspect: CropAspect,
  format: RenditionFormat,
  wanted: number,
): RenditionSpec {
  const crop = cropBox(item, aspect, item.focalPoint)
  const [across, down] = CROP_ASPECTS[aspect]
  // Never wider than the part of the original it comes from.
  const width = Math.max(1, Math.min(wanted, Math.floor(crop.width * item.width)))
  return {
    name: cropName(item.contentHash, aspect, item.focalPoint, format, width),
    format,
    width,
    height: Math.max(1, Math.round((width * down) / across)),
    crop,
  }
}

/** The square ladder (every format) and the three JPEG crops for machines, smallest first. */
export function plannedCrops(item: Croppable): RenditionSpec[] {
  const squares = SQUARE_WIDTHS.flatMap((width) =>
    RENDITION_FORMATS.map((format) => cropSpec(item, '1:1', format, width)),
  )
  const shares = (Object.keys(CROP_ASPECTS) as CropAspect[]).map((aspect) =>
    cropSpec(item, aspect, 'jpeg', SHARE_WIDTH),
  )
  const unique = new Map([...squares, ...shares].map((spec) => [spec.name, spec]))
  return [...unique.values()]
}

/** A crop for machines (structured data, social cards): a JPEG at SHARE_WIDTH, or smaller. */
export function shareCrop(item: Croppable, aspect: CropAspect): RenditionSpec {
  return cropSpec(item, aspect, 'jpeg', SHARE_WIDTH)
}

/** A square <picture> of the image (author photos), from the square ladder. */
export function squarePictureOf(
  item: Croppable & Pick<MediaItem, 'alt' | 'decorative'>,
  urlOf: (name: string) => string,
): PictureModel {
  const specs = SQUARE_WIDTHS.flatMap((width) =>
    RENDITION_FORMATS.map((format) => cropSpec(item, '1:1', format, width)),
  )
  const srcset = (format: RenditionFormat) =>
    [
      ...new Map(
        specs.filter((spec) => spec.format === format).map((spec) => [spec.width, spec]),
      ).values(),
    ]
      .map((spec) => `${urlOf(spec.name)} ${spec.width}w`)
      .join(', ')
  const largest = specs.filter((spec) => spec.format === 'jpeg').at(-1)
  const side = largest?.width ?? 1
  return {
    width: side,
    height: side,
    alt: item.decorative ? '' : item.alt,
    sources: RENDITION_FORMATS.filter((format) => format !== 'jpeg').map((format) => ({
      type: RENDITION_MIME_TYPES[format],
      srcset: srcset(format),
    })),
    fallback: { src: largest ? urlOf(largest.name) : '', srcset: srcset('jpeg') },
  }
}

/** Every rendition an image gets: its ladder, then its crops around the focal point. */
export function everyRendition(item: Croppable): RenditionSpec[] {
  return [...plannedRenditions(item), ...plannedCrops(item)]
}
