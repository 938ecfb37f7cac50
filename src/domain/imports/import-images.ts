// The pictures of imported stories, brought into the media library from the
// files the newsroom copied (--media): never fetched from anywhere. A file
// that is missing is reported, and the story comes in without it.
import type { ImportImage } from '../../text/import/import-item.js'
import { IMPORTER } from '../access/policy.js'
import { DomainError } from '../errors.js'
import type { MediaService } from '../media/media-service.js'

/** The files under --media, read by the caller (the CLI); the domain does no I/O. */
export interface MediaFiles {
  /** The file's bytes, or undefined when there is no such file. */
  read(relativePath: string): Promise<Uint8Array | undefined>
}

/** Where an imported image went: its library id, or why it is not in the library. */
export type ImageOutcome = { id: string } | { problem: string }

/** The words that describe a picture: its alt text, else its caption, else its title. */
function describe(image: ImportImage): { alt: string; guessed: boolean } {
  const alt = image.alt.trim()
  if (alt) return { alt, guessed: false }
  const fallback = image.caption.trim() || image.title.trim().replace(/[-_]+/g, ' ')
  return { alt: fallback.slice(0, 500), guessed: true }
}

/**
 * Brings pictures into the library, each file once however many stories
 * show it (the library knows a file by its content). Remembers outcomes by
 * source address across the whole import.
 */
export function createImageImport(media: MediaService, files: MediaFiles | undefined) {
  const known = new Map<string, ImageOutcome>()

  async function bring(image: ImportImage): Promise<ImageOutcome> {
    if (image.file === null) {
      return { problem: `${image.source} is on another site; it was not fetched` }
    }
    if (!files) return { problem: `${image.source}: no --media folder was given` }
    const bytes = await files.read(image.file)
    if (!bytes) {
      return { problem: `${image.source}: there is no file ${image.file} in the media folder` }
    }
    const { alt } = describe(image)
    try {
      const { item } = await media.upload(IMPORTER, {
        bytes,
        fileName: image.file.split('/').pop() ?? image.file,
        fields: { alt, caption: image.caption.slice(0, 1000) },
      })
      return { id: item.id }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      return { problem: `${image.source}: ${error.message}` }
    }
  }

  return {
    /** The library item for a picture, or the problem; warns when its description was guessed. */
    async imageFor(image: ImportImage, warnings: string[]): Promise<ImageOutcome> {
      let outcome = known.get(image.source)
      if (!outcome) {
        outcome = await bring(image)
        known.set(image.source, outcome)
        const { alt, guessed } = describe(image)
        if ('id' in outcome && guessed) {
          const by = image.caption.trim()
            ? 'its caption describes it for now'
            : 'its title describes it for now'
          warnings.push(`${image.source} had no alt text${alt ? `; ${by}` : ''}.`)
        }
      }
      if ('problem' in outcome) warnings.push(`Image not imported: ${outcome.problem}.`)
      return outcome
    },
  }
}

export type ImageImport = ReturnType<typeof createImageImport>
