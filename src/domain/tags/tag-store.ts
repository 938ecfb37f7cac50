import type { PageWindow } from '../paging.js'
import type { Tag } from './tag.js'

export interface TagStore {
  findBySlug(slug: string): Promise<Tag | undefined>
  findBySlugs(slugs: readonly string[]): Promise<Tag[]>
  /** Tags by slug, a window at a time. */
  list(window: { limit: number; offset: number }): Promise<Tag[]>
  /** Tags whose slug starts with the prefix ('' for all), by slug, with how many articles carry each. */
  listCounted(window: { slugPrefix: string } & PageWindow): Promise<(Tag & { articles: number })[]>
  findCounted(slug: string): Promise<(Tag & { articles: number }) | undefined>
  /** How many tags' slugs start with the prefix. */
  count(slugPrefix: string): Promise<number>
  insert(tag: Tag): Promise<void>
  /** A new name; the slug, and so the tag's address, stays. */
  rename(id: string, name: string): Promise<void>
  articleIds(tagId: string): Promise<string[]>
  /**
   * Moves every article from one tag to another (an article carrying both
   * keeps the one, where it already was) and deletes the first; returns the
   * articles it was on.
   */
  mergeInto(fromId: string, intoId: string): Promise<string[]>
  /** The search documents of these articles, with their tags' names as they are now. */
  refreshSearchTags(articleIds: readonly string[]): Promise<void>
}
