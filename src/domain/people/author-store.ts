import type { Author } from './author.js'

export interface AuthorStore {
  findBySlug(slug: string): Promise<Author | undefined>
  findBySlugs(slugs: readonly string[]): Promise<Author[]>
  insert(author: Author): Promise<void>
  updateBio(id: string, bio: string): Promise<void>
}
