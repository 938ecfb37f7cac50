// The records articles refer to, restored first: sections (with their home
// page blocks), media items (their originals already stored), authors and
// tags. Each is found again by its id, else by its slug or content, so a
// second restore updates what the first made and adds nothing.
import type { Clock } from '../clock.js'
import { everyRendition } from '../media/crops.js'
import { ORIGINAL_FORMATS, type MediaItem, type OriginalFormat } from '../media/media.js'
import type { Stores } from '../unit-of-work.js'
import type { ExportDocument, ExportedMedia } from './export-document.js'

/** Each record's id in the export → its id on this site. */
export interface RestoredIds {
  sections: Map<string, string>
  /** Section slug in the export → the section's id here (articles name their section by slug). */
  sectionSlugs: Map<string, string>
  authors: Map<string, string>
  tags: Map<string, string>
  media: Map<string, string>
  articles: Map<string, string>
  pages: Map<string, string>
}

export interface RestoreDeps {
  clock: Clock
  newId: () => string
}

export function emptyIds(): RestoredIds {
  return {
    sections: new Map(),
    sectionSlugs: new Map(),
    authors: new Map(),
    tags: new Map(),
    media: new Map(),
    articles: new Map(),
    pages: new Map(),
  }
}

export async function restoreSections(
  tx: Stores,
  document: ExportDocument,
  ids: RestoredIds,
): Promise<void> {
  const existing = await tx.sections.list()
  for (const section of document.sections) {
    const same =
      existing.find((candidate) => candidate.id === section.id) ??
      existing.find((candidate) => candidate.slug === section.slug)
    if (same) {
      if (same.name !== section.name) await tx.sections.rename(same.id, section.name)
      if (same.position !== section.position) {
        await tx.sections.setPosition(same.id, section.position)
      }
    } else {
      const { id, slug, name, position } = section
      await tx.sections.insert({ id, slug, name, position })
    }
    ids.sections.set(section.id, same?.id ?? section.id)
    ids.sectionSlugs.set(section.slug, same?.id ?? section.id)
  }
  const blocks = document.sections.flatMap((section) => {
    const sectionId = ids.sections.get(section.id)
    return section.homeBlock && sectionId ? [{ sectionId, ...section.homeBlock }] : []
  })
  if (blocks.length > 0) await tx.frontPage.replaceSectionBlocks(blocks)
}

function formatOf(record: ExportedMedia): OriginalFormat {
  const format = ORIGINAL_FORMATS.find((known) => known === record.format)
  if (!format) throw new Error(`media item ${record.id}: no format "${record.format}"`)
  return format
}

function mediaItemOf(record: ExportedMedia, now: Date): MediaItem {
  return {
    id: record.id,
    contentHash: record.contentHash,
    fileName: record.fileName,
    format: formatOf(record),
    width: record.width,
    height: record.height,
    byteSize: record.byteSize,
    alt: record.alt,
    decorative: record.decorative,
    caption: record.caption,
    credit: record.credit,
    copyright: record.copyright,
    focalPoint: record.focalPoint,
    createdBy: null,
    createdByName: '',
    createdAt: new Date(record.createdAt),
    updatedAt: now,
    version: 1,
    renditionsStatus: 'pending',
  }
}

const MEDIA_FIELDS = ['alt', 'decorative', 'caption', 'credit', 'copyright'] as const

/** Media items whose originals are stored; their renditions planned, made by the background job. */
export async function restoreMedia(
  tx: Stores,
  deps: RestoreDeps,
  document: ExportDocument,
  ids: RestoredIds,
): Promise<void> {
  const now = deps.clock.now()
  for (const record of document.media) {
    const same =
      (await tx.media.findById(record.id)) ?? (await tx.media.findByHash(record.contentHash))
    if (!same) {
      const item = mediaItemOf(record, now)
      const planned = everyRendition(item).map((spec) => ({ ...spec, byteSize: null }))
      await tx.media.insert(item, planned)
      ids.media.set(record.id, record.id)
      continue
    }
    ids.media.set(record.id, same.id)
    const changed =
      MEDIA_FIELDS.some((field) => same[field] !== record[field]) ||
      same.focalPoint.x !== record.focalPoint.x ||
      same.focalPoint.y !== record.focalPoint.y
    if (changed) {
      const fields = Object.fromEntries(MEDIA_FIELDS.map((field) => [field, record[field]]))
      const next = { ...same, ...fields, focalPoint: record.focalPoint }
      await tx.media.update({ ...next, version: same.version + 1, updatedAt: now }, same.version)
    }
  }
}

export async function restoreAuthors(
  tx: Stores,
  document: ExportDocument,
  ids: RestoredIds,
): Promise<void> {
  for (const author of document.authors) {
    const same =
      (await tx.authors.findById(author.id)) ?? (await tx.authors.findBySlug(author.slug))
    const id = same?.id ?? author.id
    const links = author.links ?? same?.links ?? []
    if (same) {
      await tx.authors.updateProfile(id, { name: author.name, bio: author.bio, links })
    } else {
      await tx.authors.insert({ id, slug: author.slug, name: author.name, bio: author.bio, links })
    }
    const photo = author.photoId === null ? null : (ids.media.get(author.photoId) ?? null)
    if (same || photo !== null) {
      await tx.authors.updatePhoto(id, photo)
      await tx.media.setUsages({ kind: 'author_photo', ownerId: id }, photo ? [photo] : [])
    }
    ids.authors.set(author.id, id)
  }
}

export async function restoreTags(
  tx: Stores,
  document: ExportDocument,
  ids: RestoredIds,
): Promise<void> {
  for (const tag of document.tags) {
    const same = await tx.tags.findBySlug(tag.slug)
    if (!same) await tx.tags.insert({ id: tag.id, slug: tag.slug, name: tag.name })
    ids.tags.set(tag.id, same?.id ?? tag.id)
  }
}
