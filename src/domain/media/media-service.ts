import { createHash } from 'node:crypto'
import { authorize, can, canEditMedia, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { ImageProcessor } from './image-processor.js'
import {
  assertMediaFields,
  displayFileName,
  MEDIA_LIMITS,
  roundFocal,
  type MediaFields,
  type MediaItem,
} from './media.js'
import { originalKey, renditionKey, type MediaStorage } from './media-storage.js'
import type { MediaUsage } from './media-store.js'
import type { Rendition } from './rendition.js'
import { createRenditions } from './renditions.js'
import { fieldsForUpload, type FillableField, type UploadFields } from './upload-fields.js'
import { assertStillUsable, describeUsages } from './usage-words.js'
import { plannedCrops } from './crops.js'
import { assertUploadSize, storeUpload } from './store-upload.js'

export interface UploadInput {
  bytes: Uint8Array
  /** The name the file had on the uploader's computer: shown, never used to store it. */
  fileName: string
  fields?: UploadFields
}

export interface UploadResult {
  item: MediaItem
  /** Fields filled from the file's own metadata. */
  filled: FillableField[]
  /** The same file was in the library already: this is that item, unchanged. */
  duplicate: boolean
}

export interface MediaPage {
  items: MediaItem[]
  page: number
  perPage: number
  total: number
  pageCount: number
}

/** An image as its page in the newsroom shows it. */
export interface MediaDetails {
  item: MediaItem
  renditions: Rendition[]
  usages: MediaUsage[]
  canEdit: boolean
  canDelete: boolean
}

export type MediaService = ReturnType<typeof createMediaService>

/**
 * The media library: uploads, the newsroom's list and search, fields, deletion,
 * and (through `renditions`) the files readers get.
 */
export function createMediaService({
  stores,
  storage,
  processor,
  clock,
  newId,
  changes,
  maxBytes,
  publicUrl,
  siteUrl,
}: {
  stores: UnitOfWork
  storage: MediaStorage
  processor: ImageProcessor
  clock: Clock
  newId: IdGenerator
  changes: ContentChanges
  /** Largest original accepted (MEDIA_MAX_MB). */
  maxBytes: number
  /** Where readers' pages fetch renditions (MEDIA_PUBLIC_URL: a CDN or the bucket); undefined: /media here. */
  publicUrl: string | undefined
  /** The site's own address, for absolute URLs (feeds, the command line). */
  siteUrl: string
}) {
  const deps = { clock, newId }
  const renditions = createRenditions({ stores, storage, processor, clock })
  const listeners = new Set<() => void>()

  async function itemOrNotFound(id: string): Promise<MediaItem> {
    const item = await stores.media.findById(id)
    if (!item) throw new NotFoundError('media_not_found', 'There is no such image.')
    return item
  }

  return {
    /** Largest original accepted, in bytes. */
    maxBytes,

    /** A rendition's bytes by name, made now if it is not yet (see renditions.ts). */
    readRendition: (name: string) => renditions.read(name),
    /** The background job: makes every pending rendition, in any number of processes. */
    processPending: (options?: { until?: () => boolean }) => renditions.processPending(options),

    /** Calls `listener` when renditions are waiting to be made (the background worker listens). */
    onPending(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    /** Where a page links a rendition: the CDN's URL, or a path on this site. */
    urlOf(name: string): string {
      return `${publicUrl ?? '/media'}/${name}`
    },

    /** A rendition's absolute URL, for feeds, structured data and the command line. */
    absoluteUrlOf(name: string): string {
      return `${publicUrl ?? `${siteUrl}/media`}/${name}`
    },

    /** The library's item holding exactly these bytes, if any; nothing is stored (an import's dry run). */
    findByContent(bytes: Uint8Array): Promise<MediaItem | undefined> {
      return stores.media.findByHash(createHash('sha256').update(bytes).digest('hex'))
    },

    /**
     * Adds a file to the library: checked by its content, its metadata read
     * into the fields, stored with its smallest renditions; the rest are made
     * in the background. The same file twice is one item.
     */
    async upload(actor: Actor, input: UploadInput): Promise<UploadResult> {
      authorize(actor, 'media:upload')
      assertUploadSize(input.bytes, maxBytes)
      const contentHash = createHash('sha256').update(input.bytes).digest('hex')
      const existing = await stores.media.findByHash(contentHash)
      if (existing) return { item: existing, filled: [], duplicate: true }
      const probed = await processor.probe(input.bytes)
      const { fields, filled } = fieldsForUpload(input.fields ?? {}, probed.embedded)
      assertMediaFields(fields)
      const now = clock.now()
      const item: MediaItem = {
        ...fields,
        id: newId(),
        contentHash,
        fileName: displayFileName(input.fileName),
        format: probed.format,
        width: probed.width,
        height: probed.height,
        byteSize: input.bytes.length,
        createdBy: actor.id,
        createdByName: actor.id ? actor.displayName : '',
        createdAt: now,
        updatedAt: now,
        version: 1,
        renditionsStatus: 'pending',
      }
      if ((await storeUpload({ stores, storage, processor }, item, input.bytes)) === 'duplicate') {
        // Someone uploaded the same file a moment ago: theirs is the item.
        const theirs = await stores.media.findByHash(contentHash)
        if (theirs) return { item: theirs, filled: [], duplicate: true }
      }
      for (const listener of listeners) listener()
      return { item: (await stores.media.findById(item.id)) ?? item, filled, duplicate: false }
    },

    /**
     * The newsroom's library, newest first; `query` searches captions, credits
     * and file names. `forStories`: what a story's pictures are chosen from, so
     * images used only as authors' photos are left out.
     */
    async list(
      actor: Actor,
      {
        query,
        page,
        perPage,
        forStories = false,
      }: { query: string; page: number; perPage: number; forStories?: boolean },
    ): Promise<MediaPage> {
      authorize(actor, 'media:upload')
      const text = query.trim().slice(0, MEDIA_LIMITS.query)
      const filter = { exceptAuthorPhotos: forStories }
      const total = await stores.media.count(text, filter)
      const pageCount = Math.max(1, Math.ceil(total / perPage))
      if (!Number.isInteger(page) || page < 1 || page > pageCount) {
        throw new NotFoundError('page_not_found', `There is no page ${page}.`)
      }
      const items = await stores.media.search(
        text,
        { limit: perPage, offset: (page - 1) * perPage },
        filter,
      )
      return { items, page, perPage, total, pageCount }
    },

    /** One image with its renditions, where it is used, and what the actor may do with it. */
    async get(actor: Actor, id: string): Promise<MediaDetails> {
      authorize(actor, 'media:upload')
      const item = await itemOrNotFound(id)
      const [list, usages] = await Promise.all([
        stores.media.renditions(id),
        stores.media.usages(id),
      ])
      return {
        item,
        renditions: list,
        usages,
        canEdit: canEditMedia(actor, item),
        canDelete: can(actor, 'media:delete'),
      }
    },

    /** Images by id, for pages that show them (phase two: articles, authors). */
    async getMany(ids: readonly string[]): Promise<MediaItem[]> {
      return ids.length === 0 ? [] : stores.media.findByIds(ids)
    },

    /** Changes an image's fields; ConflictError if someone saved it since `baseVersion`. */
    async update(
      actor: Actor,
      id: string,
      input: MediaFields,
      { baseVersion }: { baseVersion: number },
    ): Promise<MediaItem> {
      authorize(actor, 'media:upload')
      const fields: MediaFields = {
        alt: input.alt.trim(),
        decorative: input.decorative,
        caption: input.caption.trim(),
        credit: input.credit.trim(),
        copyright: input.copyright.trim(),
        focalPoint: { x: roundFocal(input.focalPoint.x), y: roundFocal(input.focalPoint.y) },
      }
      assertMediaFields(fields)
      const { updated, used, recrop } = await stores.transaction(async (tx) => {
        const item = await tx.media.findById(id)
        if (!item) throw new NotFoundError('media_not_found', 'There is no such image.')
        if (!canEditMedia(actor, item)) {
          throw new ForbiddenError('forbidden', 'Contributors edit only the images they uploaded.')
        }
        const next = { ...item, ...fields, updatedAt: clock.now(), version: item.version + 1 }
        if (item.version !== baseVersion || !(await tx.media.update(next, baseVersion))) {
          throw new ConflictError(
            'stale_media',
            'Someone else saved this image since you opened it. Their version is shown now: make your change again.',
          )
        }
        const usages = await tx.media.usages(id)
        assertStillUsable(next, usages)
        // A new focal point: new crops, planned now so that pages can name them at once.
        const moved =
          next.focalPoint.x !== item.focalPoint.x || next.focalPoint.y !== item.focalPoint.y
        if (moved) {
          await tx.media.addRenditions(id, plannedCrops(next))
          await tx.media.setRenditionsStatus(id, 'pending')
        }
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'media_updated',
          subject: item.fileName,
        })
        return { updated: next, used: usages.length > 0, recrop: moved }
      })
      if (recrop) for (const listener of listeners) listener()
      // Alt text and captions are on the pages that show the image.
      if (used) await changes.announce({ scope: 'site' })
      return updated
    },

    /** Deletes an image and its files; refused, naming where, while anything uses it. */
    async remove(actor: Actor, id: string): Promise<void> {
      authorize(actor, 'media:delete')
      const { item, names } = await stores.transaction(async (tx) => {
        const found = await tx.media.findById(id)
        if (!found) throw new NotFoundError('media_not_found', 'There is no such image.')
        const usages = await tx.media.usages(id)
        if (usages.length > 0) {
          throw new ConflictError(
            'media_in_use',
            `This image cannot be deleted while it is used: ${describeUsages(usages)}. Take it out of those first.`,
          )
        }
        const list = await tx.media.renditions(id)
        await tx.media.delete(id)
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'media_deleted',
          subject: found.fileName,
        })
        return { item: found, names: list.map((rendition) => rendition.name) }
      })
      // After the commit: a file left behind by a failure here is unreachable, never a broken image.
      await storage.delete([originalKey(item.contentHash), ...names.map(renditionKey)])
    },
  }
}
