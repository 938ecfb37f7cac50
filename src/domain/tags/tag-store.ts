import type { Tag } from './tag.js'

export interface TagStore {
  findBySlug(slug: string): Promise<Tag | undefined>
  findBySlugs(slugs: readonly string[]): Promise<Tag[]>
  insert(tag: Tag): Promise<void>
}
