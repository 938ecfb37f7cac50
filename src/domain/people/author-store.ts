import type { Author } from './author.js'

export interface AuthorStore {
  /** The author with their photo. */
  findBySlug(slug: string): Promise<Author | undefined>
  findBySlugs(slugs: readonly string[]): Promise<Author[]>
  /** Every author's name, alphabetically: the byline suggestions in the editor. */
  listNames(limit: number): Promise<string[]>
  /** Authors alphabetically, with their photos: the newsroom's list. */
  list(page: { limit: number; offset: number }): Promise<Author[]>
  count(): Promise<number>
  insert(author: Author): Promise<void>
  updateBio(id: string, bio: string): Promise<void>
  /** Sets (or, with null, removes) the author's photo. */
  updatePhoto(id: string, mediaId: string | null): Promise<void>
}
