import { readFile } from 'node:fs/promises'
import type { AppContext } from '../../context.js'
import { COMMAND_LINE } from '../../domain/access/policy.js'

/** A demo picture: its file beside the manifest, and what the photo desk wrote about it. */
export interface DemoImage {
  file: string
  alt: string
  caption: string
  credit: string
  /** The focal point, from the left and the top, 0 to 1. */
  focus: readonly [number, number]
}

/**
 * Adds a demo picture to the library through the media service, as an upload
 * would, with its fields and focal point; returns its id. The same file again
 * is the same item.
 */
export async function addDemoImage(
  ctx: AppContext,
  demoDir: string,
  image: DemoImage,
): Promise<string> {
  const { media } = ctx.services
  const bytes = await readFile(`${demoDir}${image.file}`)
  const { item, duplicate } = await media.upload(COMMAND_LINE, {
    bytes,
    fileName: image.file.split('/').pop() ?? image.file,
    fields: { alt: image.alt, caption: image.caption, credit: image.credit },
  })
  if (duplicate) return item.id
  const [x, y] = image.focus
  await media.update(
    COMMAND_LINE,
    item.id,
    { ...item, focalPoint: { x, y } },
    { baseVersion: item.version },
  )
  return item.id
}

/** Alt text for an author's stand-in: the demo's authors are invented, and so have no photographs. */
export function standInAlt(name: string): string {
  return `Illustration standing in for a photo of ${name}, an invented demo author: their initials on a coloured ground.`
}
