import type { Author } from './author.js'

export interface AuthorStore {
  findBySlug(slug: string): Promise<Author | undefined>
  findBySlugs(slugs: readonly string[]): Promise<Author[]>
  /** Every author's name, alphabetically: the byline suggestions in the editor. */
  listNames(limit: number): Promise<string[]>
  insert(author: Author): Promise<void>
  updateBio(id: string, bio: string): Promise<void>
}
