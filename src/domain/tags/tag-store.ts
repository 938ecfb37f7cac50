import type { Tag } from './tag.js'

export interface TagStore {
  findBySlug(slug: string): Promise<Tag | undefined>
  findBySlugs(slugs: readonly string[]): Promise<Tag[]>
  /** Tags by slug, a window at a time. */
  list(window: { limit: number; offset: number }): Promise<Tag[]>
  insert(tag: Tag): Promise<void>
}
