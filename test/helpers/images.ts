// Test photos, made at test time: sharp draws them, Debian's exiftool writes
// IPTC, XMP, EXIF and GPS into them, and a few are damaged or hostile on purpose.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import sharp from 'sharp'

/** A photo-like picture: smooth noise over colour, so encoders have real work. */
export async function photo({
  width = 1200,
  height = 800,
  format = 'jpeg',
  seed = 128,
}: {
  width?: number
  height?: number
  format?: 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif' | 'gif'
  seed?: number
} = {}): Promise<Buffer> {
  const small = await sharp({
    create: {
      width: Math.max(8, Math.round(width / 8)),
      height: Math.max(8, Math.round(height / 8)),
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: seed, sigma: 50 },
    },
  })
    .png()
    .toBuffer()
  const image = sharp(small).resize(width, height, { fit: 'fill', kernel: 'cubic' })
  return image.toFormat(format, format === 'jpeg' ? { quality: 90 } : {}).toBuffer()
}

/** A picture in CMYK, as print desks send them. */
export async function cmykJpeg(width = 900, height = 600): Promise<Buffer> {
  return sharp(await photo({ width, height, format: 'png' }))
    .toColourspace('cmyk')
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** A 16-bit-per-channel PNG. */
export async function sixteenBitPng(width = 700, height = 500): Promise<Buffer> {
  return sharp(await photo({ width, height, format: 'png' }))
    .toColourspace('rgb16')
    .png()
    .toBuffer()
}

/** A two-frame animated GIF. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (background: string) =>
    sharp({ create: { width: 40, height: 30, channels: 3, background } })
      .png()
      .toBuffer()
  return sharp([await frame('red'), await frame('blue')], { join: { animated: true } })
    .gif()
    .toBuffer()
}

/**
 * A pixel bomb: a real, tiny PNG whose header then claims `width` × `height`
 * pixels (the header's checksum put right, so it looks genuine).
 */
export async function pixelBombPng(width = 50_000, height = 50_000): Promise<Buffer> {
  const png = Buffer.from(await photo({ width: 16, height: 16, format: 'png' }))
  // IHDR: length (4) at 8, type at 12, width at 16, height at 20, CRC after its 13 data bytes.
  png.writeUInt32BE(width, 16)
  png.writeUInt32BE(height, 20)
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29)
  return png
}

/** The start of an iPhone HEIC file: an ISO media `ftyp` box naming the heic brand. */
export function heicBytes(): Buffer {
  const box = Buffer.alloc(24)
  box.writeUInt32BE(24, 0)
  box.write('ftypheic', 4, 'latin1')
  box.write('mif1heic', 16, 'latin1')
  return Buffer.concat([box, Buffer.alloc(2000, 7)])
}

export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>\n',
)

export const TEXT_FILE = Buffer.from(
  'Minutes of the harbour council, 17 November.\nPresent: all members.\n',
)

/** The first part of a file, as an interrupted copy leaves it. */
export function truncated(bytes: Buffer, keep = 0.6): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length * keep))
}

/** Whether Debian's exiftool is installed (`apt-get install libimage-exiftool-perl`). */
export function hasExiftool(): boolean {
  return spawnSync('exiftool', ['-ver'], { encoding: 'utf8' }).status === 0
}

/**
 * Writes tags into a copy of the file with exiftool, e.g.
 * `{ 'IPTC:Caption-Abstract': 'Boats', GPSLatitude: '69.65' }`.
 */
export function withTags(
  bytes: Buffer,
  tags: Record<string, string>,
  {
    extension = 'jpg',
    iptcCharset = 'UTF8',
  }: { extension?: string; iptcCharset?: 'UTF8' | 'Latin' } = {},
): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-exif-'))
  try {
    const file = join(dir, `photo.${extension}`)
    writeFileSync(file, bytes)
    const args = [
      '-q',
      '-overwrite_original',
      '-charset',
      `iptc=${iptcCharset}`,
      ...(iptcCharset === 'UTF8' ? ['-IPTC:CodedCharacterSet=UTF8'] : []),
      ...Object.entries(tags).map(([tag, value]) => `-${tag}=${value}`),
      file,
    ]
    const result = spawnSync('exiftool', args, { encoding: 'utf8' })
    if (result.error || result.status !== 0) {
      throw new Error(
        `exiftool failed (${result.error?.message ?? result.stderr}); install it with apt-get install libimage-exiftool-perl`,
      )
    }
    return readFileSync(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** An agency photo: IPTC and XMP fields, a camera orientation, and the GPS position it was taken at. */
export const AGENCY_TAGS = {
  'IPTC:Caption-Abstract': 'Fishing boats wait out the storm in Tromsø harbour',
  'IPTC:By-line': 'Sigrid Lunde',
  'IPTC:Credit': 'Nordic Wire',
  'IPTC:CopyrightNotice': '© 2026 Nordic Wire',
  GPSLatitude: '69.6496',
  GPSLatitudeRef: 'N',
  GPSLongitude: '18.9560',
  GPSLongitudeRef: 'E',
  'EXIF:Make': 'TestCam',
  'EXIF:Model': 'Model 7',
  'EXIF:SerialNumber': 'SN-0042',
} as const
