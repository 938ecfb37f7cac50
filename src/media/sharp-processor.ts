import { availableParallelism } from 'node:os'
import type sharpFunction from 'sharp'
import type { Metadata, OutputInfo, Sharp } from 'sharp'
import { ValidationError } from '../domain/errors.js'
import type { ImageProcessor, ProbedImage, RenderedImage } from '../domain/media/image-processor.js'
import { MEDIA_LIMITS, type OriginalFormat } from '../domain/media/media.js'
import type { RenditionSpec } from '../domain/media/rendition.js'
import { detectFormat } from './detect-format.js'
import { readEmbeddedFields } from './embedded-metadata.js'

/**
 * Encoder settings: the recipe. Changing them means changing
 * RENDITION_RECIPE too, so that new files get new names. Efforts are low on
 * purpose: AVIF at effort 0 with 4:2:0 chroma (as JPEG and WebP have) and WebP
 * at effort 1 are several times faster than their defaults for a few per cent
 * more bytes (AVIF's effort 1 took five times as long on a detailed photo, for
 * 0.5 % fewer bytes). That keeps a 24-megapixel photo's eighteen renditions
 * within seconds on two cores.
 */
const ENCODE = {
  avif: (image: Sharp) => image.avif({ quality: 50, effort: 0, chromaSubsampling: '4:2:0' }),
  webp: (image: Sharp) => image.webp({ quality: 78, effort: 1 }),
  jpeg: (image: Sharp) =>
    image.flatten({ background: '#ffffff' }).jpeg({ quality: 80, progressive: true }),
} as const

const HEIC_ADVICE =
  'HEIC photos (the iPhone’s format) cannot be used yet. Export the photo as JPEG first: on the iPhone, Settings → Camera → Formats → Most Compatible; on a Mac, open it in Preview and choose File → Export → JPEG.'

function refuse(code: string, message: string): never {
  throw new ValidationError(code, message, { field: 'file' })
}

/** Checks the bytes are a still image the library takes, by content; returns its format. */
function acceptedFormat(bytes: Uint8Array): OriginalFormat {
  const detected = detectFormat(bytes)
  switch (detected.kind) {
    case 'image':
      return detected.format
    case 'svg':
      return refuse(
        'svg_refused',
        'SVG files are refused: an SVG is a document that can carry script. Upload a PNG or JPEG of it instead.',
      )
    case 'heic':
      return refuse('heic_unsupported', HEIC_ADVICE)
    case 'text':
      return refuse(
        'not_an_image',
        'This file is text, not an image, whatever its name says. Upload a JPEG, PNG, WebP, AVIF, GIF or TIFF.',
      )
    case 'unknown':
      return refuse(
        'not_an_image',
        'This file is not an image the library takes. Upload a JPEG, PNG, WebP, AVIF, GIF or TIFF.',
      )
  }
}

const damaged = (cause: unknown) =>
  new ValidationError(
    'damaged_image',
    'This image is damaged or incomplete (perhaps it did not finish copying or downloading). Open it on your computer, save it again, and upload that.',
    { field: 'file', cause },
  )

/** Width and height as shown: EXIF orientations 5 to 8 turn the picture a quarter. */
function shownSize(metadata: Metadata): { width: number; height: number } {
  const { width = 0, height = 0, orientation = 1 } = metadata
  return orientation >= 5 ? { width: height, height: width } : { width, height }
}

function assertSane(metadata: Metadata): void {
  const { width = 0, height = 0, pages = 1 } = metadata
  if (width < 1 || height < 1) throw damaged(undefined)
  if (
    width * height > MEDIA_LIMITS.pixels ||
    width > MEDIA_LIMITS.side ||
    height > MEDIA_LIMITS.side
  ) {
    refuse(
      'too_many_pixels',
      `This image says it is ${width} × ${height} pixels: more than the library handles (${MEDIA_LIMITS.pixels / 1_000_000} megapixels, ${MEDIA_LIMITS.side.toLocaleString('en')} pixels a side). Make it smaller first.`,
    )
  }
  if (pages > 1 && (metadata.format === 'gif' || metadata.format === 'webp')) {
    refuse(
      'animated_image',
      'Animated images are refused: the library serves still pictures. Save the frame you want as a PNG or JPEG and upload that.',
    )
  }
}

/** A crop's box in the decoded picture's pixels, kept inside it. */
function cropArea(
  crop: NonNullable<RenditionSpec['crop']>,
  size: { width: number; height: number },
): { left: number; top: number; width: number; height: number } {
  const left = Math.min(size.width - 1, Math.max(0, Math.round(crop.left * size.width)))
  const top = Math.min(size.height - 1, Math.max(0, Math.round(crop.top * size.height)))
  return {
    left,
    top,
    width: Math.max(1, Math.min(size.width - left, Math.round(crop.width * size.width))),
    height: Math.max(1, Math.min(size.height - top, Math.round(crop.height * size.height))),
  }
}

/** Runs `work` over the items, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]
      if (item !== undefined) await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

type SharpModule = typeof sharpFunction

let loading: Promise<SharpModule> | undefined

/**
 * sharp, loaded when the first image is processed: libvips adds some 27 MB to
 * a process, which commands that touch no image (an import without pictures,
 * an export) should not carry.
 */
function loadSharp(): Promise<SharpModule> {
  const pending = loading ?? import('sharp').then((module) => module.default)
  loading = pending
  return pending
}

/**
 * The image processor over sharp (libvips) and exifr. Decodes are capped at
 * MEDIA_LIMITS.pixels, so a small file that declares a huge canvas never
 * allocates it; renditions are oriented, converted to sRGB, and carry no
 * metadata at all (sharp writes none unless asked).
 */
export function createSharpProcessor({
  encoders = Math.min(2, availableParallelism()),
}: { encoders?: number } = {}): ImageProcessor {
  return {
    async probe(bytes): Promise<ProbedImage> {
      const format = acceptedFormat(bytes)
      const sharp = await loadSharp()
      let metadata: Metadata
      try {
        // The header alone: no pixel is decoded, so the size it declares can be judged first.
        metadata = await sharp(bytes, { limitInputPixels: false }).metadata()
      } catch (error) {
        throw damaged(error)
      }
      assertSane(metadata)
      return { format, ...shownSize(metadata), embedded: await readEmbeddedFields(bytes) }
    },

    async render(original, specs, each): Promise<void> {
      if (specs.length === 0) return
      const sharp = await loadSharp()
      // A crop needs its part of the picture at its own width: decode wide enough for every one.
      const widest = Math.max(
        ...specs.map((spec) => (spec.crop ? Math.ceil(spec.width / spec.crop.width) : spec.width)),
      )
      // One decode for every rendition: oriented, sRGB, 8-bit, at the widest size wanted.
      let decoded: { data: Buffer; info: OutputInfo }
      try {
        decoded = await sharp(original, {
          limitInputPixels: MEDIA_LIMITS.pixels,
          failOn: 'truncated',
        })
          .rotate()
          .resize({ width: widest, withoutEnlargement: true })
          .toColourspace('srgb')
          .raw()
          .toBuffer({ resolveWithObject: true })
      } catch (error) {
        throw damaged(error)
      }
      const { info } = decoded
      const raw = { width: info.width, height: info.height, channels: info.channels }
      const make = async (spec: RenditionSpec): Promise<RenderedImage> => {
        let image = sharp(decoded.data, { raw })
        if (spec.crop) image = image.extract(cropArea(spec.crop, raw))
        const resized = image.resize({ width: spec.width, height: spec.height, fit: 'fill' })
        return { spec, bytes: await ENCODE[spec.format](resized).toBuffer() }
      }
      // Largest first: the long encodes start early and the two cores stay busy.
      const order = [...specs].sort((a, b) => b.width - a.width)
      await inParallel(order, encoders, async (spec) => each(await make(spec)))
    },
  }
}
