import type { MediaItem, RenditionsStatus } from './media.js'
import type { Rendition, RenditionSpec } from './rendition.js'

/** Where an image appears. Phase two fills these when articles and authors take images. */
export type MediaUsageKind =
  'article_lead' | 'article_inline' | 'article_social' | 'author_photo' | 'site_logo'

/** One place an image is used: an article or an author, named for people. */
export interface MediaUsage {
  kind: MediaUsageKind
  ownerId: string
  /** The article's headline or the author's name; '' if the owner is gone. */
  label: string
  /** Readers see it there: the article is published or scheduled, or it is an author's photo. */
  public: boolean
}

export interface MediaFilter {
  /** Leave out images used as an author's photo and nowhere else (the demo's initials, a headshot). */
  exceptAuthorPhotos?: boolean
}

export interface MediaStore {
  /**
   * Adds an item and its planned renditions (some already made). Returns
   * 'duplicate', writing nothing, when an item with the same content exists.
   */
  insert(
    item: MediaItem,
    renditions: readonly (RenditionSpec & { byteSize: number | null })[],
  ): Promise<'inserted' | 'duplicate'>
  findById(id: string): Promise<MediaItem | undefined>
  findByIds(ids: readonly string[]): Promise<MediaItem[]>
  findByHash(contentHash: string): Promise<MediaItem | undefined>
  /** Items whose caption, credit or file name contain `text` (any case), newest first. */
  search(
    text: string,
    page: { limit: number; offset: number },
    filter?: MediaFilter,
  ): Promise<MediaItem[]>
  count(text: string, filter?: MediaFilter): Promise<number>
  /** Writes an item's fields only if it is still at `expectedVersion`; false if someone saved first. */
  update(item: MediaItem, expectedVersion: number): Promise<boolean>
  delete(id: string): Promise<void>
  renditions(mediaId: string): Promise<Rendition[]>
  findRendition(name: string): Promise<Rendition | undefined>
  /** Plans more renditions of an item (new crops), unmade; names already planned are left alone. */
  addRenditions(mediaId: string, specs: readonly RenditionSpec[]): Promise<void>
  markRenditionMade(name: string, byteSize: number, madeAt: Date): Promise<void>
  /**
   * Claims the oldest item whose renditions are pending and which nobody has
   * claimed since `staleBefore`: stamps it with `now` and counts the attempt.
   * Atomic, so two processes never claim the same item at once.
   */
  claimPending(
    now: Date,
    staleBefore: Date,
  ): Promise<(MediaItem & { attempts: number }) | undefined>
  setRenditionsStatus(id: string, status: RenditionsStatus): Promise<void>
  usages(mediaId: string): Promise<MediaUsage[]>
  /** Replaces what one owner (an article's lead, an author's photo…) uses. */
  setUsages(
    owner: { kind: MediaUsageKind; ownerId: string },
    mediaIds: readonly string[],
  ): Promise<void>
}
