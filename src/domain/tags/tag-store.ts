import type { Tag } from './tag.js'

export interface TagStore {
  findBySlug(slug: string): Promise<Tag | undefined>
  findBySlugs(slugs: readonly string[]): Promise<Tag[]>
  /** Tags by slug, a window at a time. */
  list(window: { limit: number; offset: number }): Promise<Tag[]>
  insert(tag: Tag): Promise<void>
  /** A new name; the slug, and so the tag's address, stays. */
  rename(id: string, name: string): Promise<void>
  articleIds(tagId: string): Promise<string[]>
  /** The search documents of these articles, with their tags' names as they are now. */
  refreshSearchTags(articleIds: readonly string[]): Promise<void>
}
