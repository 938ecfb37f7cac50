// The bad files the media library must refuse, shared by the service and HTTP tests.
import type { DomainError } from '../../src/domain/errors.js'
import { PayloadTooLargeError, ValidationError } from '../../src/domain/errors.js'
import {
  animatedGif,
  heicBytes,
  photo,
  pixelBombPng,
  SVG_WITH_SCRIPT,
  TEXT_FILE,
  truncated,
} from './images.js'

export interface BadFile {
  what: string
  bytes: Buffer
  kind: typeof DomainError
  code: string
  /** Words the refusal must contain. */
  says: RegExp
  /** The HTTP status it gets. */
  status: number
}

/** Each bad file, the error class and code it must get, and words its message must contain. */
/** Every bad file, for a library whose MEDIA_MAX_MB is 1. */
export async function badFiles(): Promise<BadFile[]> {
  const jpeg = await photo({ width: 900, height: 600 })
  const png = await photo({ width: 600, height: 400, format: 'png' })
  return [
    {
      what: 'text renamed .jpg',
      bytes: TEXT_FILE,
      kind: ValidationError,
      status: 422,
      code: 'not_an_image',
      says: /text, not an image/,
    },
    {
      what: 'a file of three bytes',
      bytes: Buffer.from('hi\n'),
      kind: ValidationError,
      status: 422,
      code: 'not_an_image',
      says: /not an image/,
    },
    {
      what: 'random bytes',
      bytes: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251)),
      kind: ValidationError,
      status: 422,
      code: 'not_an_image',
      says: /not an image/,
    },
    {
      what: 'a truncated JPEG',
      bytes: truncated(jpeg),
      kind: ValidationError,
      status: 422,
      code: 'damaged_image',
      says: /damaged or incomplete/,
    },
    {
      what: 'a truncated PNG',
      bytes: truncated(png),
      kind: ValidationError,
      status: 422,
      code: 'damaged_image',
      says: /damaged or incomplete/,
    },
    {
      what: 'an SVG with a script',
      bytes: SVG_WITH_SCRIPT,
      kind: ValidationError,
      status: 422,
      code: 'svg_refused',
      says: /can carry script/,
    },
    {
      what: 'a HEIC photo',
      bytes: heicBytes(),
      kind: ValidationError,
      status: 422,
      code: 'heic_unsupported',
      says: /Export the photo as JPEG/,
    },
    {
      what: 'a pixel bomb (a tiny PNG declaring 50,000 × 50,000)',
      bytes: await pixelBombPng(),
      kind: ValidationError,
      status: 422,
      code: 'too_many_pixels',
      says: /50000 × 50000 pixels/,
    },
    {
      what: 'an animated GIF',
      bytes: await animatedGif(),
      kind: ValidationError,
      status: 422,
      code: 'animated_image',
      says: /Animated images are refused/,
    },
    {
      what: 'an empty file',
      bytes: Buffer.alloc(0),
      kind: ValidationError,
      status: 422,
      code: 'empty_file',
      says: /empty/,
    },
    {
      what: 'a file over MEDIA_MAX_MB (1 MB here)',
      bytes: Buffer.concat([jpeg, Buffer.alloc(1024 * 1024)]),
      kind: PayloadTooLargeError,
      status: 413,
      code: 'file_too_large',
      says: /up to 1 MB/,
    },
  ]
}
