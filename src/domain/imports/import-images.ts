// The pictures of imported stories, brought into the media library from the
// files the newsroom copied (--media). A picture on another host is fetched
// only when the newsroom asks (--fetch-media), and then only through the
// fetcher the composition root hands in (which refuses private addresses). A
// file that is missing or refused is reported, and the story comes in without it.
import type { ImportImage } from '../../text/import/import-item.js'
import { IMPORTER } from '../access/policy.js'
import { DomainError } from '../errors.js'
import type { MediaService } from '../media/media-service.js'

/** The files under --media, read by the caller (the CLI); the domain does no I/O. */
export interface MediaFiles {
  /** The file's bytes, or undefined when there is no such file. */
  read(relativePath: string): Promise<Uint8Array | undefined>
}

/**
 * Fetches a picture from another host (the port the composition root fills
 * with its guarded fetcher): the bytes, or why they were not fetched.
 */
export type FetchImage = (url: string) => Promise<{ bytes: Uint8Array } | { problem: string }>

/** Where an imported image went: its library id, why it is not in the library, or (dry run) that it would be. */
export type ImageOutcome = { id: string } | { problem: string } | { wouldImport: true }

export interface ImageSources {
  /** The files under --media. */
  files: MediaFiles | undefined
  /** Set (--fetch-media) when pictures on other hosts may be fetched. */
  fetch: FetchImage | undefined
  /** A dry run finds the files but neither fetches nor stores anything. */
  dryRun: boolean
}

const isWebAddress = (source: string) => /^https?:\/\//i.test(source)

function fileNameOf(image: ImportImage): string {
  const path = image.file ?? new URL(image.source).pathname
  return decodeURIComponent(path.split('/').pop() ?? '') || 'image'
}

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
export function createImageImport(media: MediaService, sources: ImageSources) {
  const known = new Map<string, ImageOutcome>()
  const { files, fetch, dryRun } = sources

  /** The picture's bytes, from --media or (when allowed) its host. */
  async function bytesOf(image: ImportImage): Promise<{ bytes: Uint8Array } | ImageOutcome> {
    if (image.file === null) {
      if (!fetch || !isWebAddress(image.source)) {
        const how = isWebAddress(image.source) ? ' (--fetch-media fetches it)' : ''
        return { problem: `${image.source} is on another site; it was not fetched${how}` }
      }
      if (dryRun) return { wouldImport: true }
      const fetched = await fetch(image.source)
      return 'bytes' in fetched
        ? fetched
        : { problem: `${image.source} was not fetched: ${fetched.problem}` }
    }
    if (!files) return { problem: `${image.source}: no --media folder was given` }
    const bytes = await files.read(image.file)
    if (!bytes) {
      return { problem: `${image.source}: there is no file ${image.file} in the media folder` }
    }
    if (!dryRun) return { bytes }
    // A dry run stores nothing; a file the library already holds is that item.
    const existing = await media.findByContent(bytes)
    return existing ? { id: existing.id } : { wouldImport: true }
  }

  async function bring(image: ImportImage): Promise<ImageOutcome> {
    const found = await bytesOf(image)
    if (!('bytes' in found)) return found
    const { alt } = describe(image)
    try {
      const { item } = await media.upload(IMPORTER, {
        bytes: found.bytes,
        fileName: fileNameOf(image),
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
