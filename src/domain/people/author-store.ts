import type { Author, AuthorLink } from './author.js'

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
  findById(id: string): Promise<Author | undefined>
  updateProfile(
    id: string,
    profile: { name: string; bio: string; links: AuthorLink[] },
  ): Promise<void>
  /**
   * Moves every byline of one author to another (an article that had both
   * keeps one), points their staff account at the other, and deletes the
   * first. Returns the ids of the articles whose bylines changed.
   */
  mergeInto(fromId: string, intoId: string): Promise<string[]>
  /** The articles with this author in their bylines. */
  articleIds(authorId: string): Promise<string[]>
  /** The search index's byline text for these articles, written again from their authors' names. */
  refreshSearchBylines(articleIds: readonly string[]): Promise<void>
  /** Sets (or, with null, removes) the author's photo. */
  updatePhoto(id: string, mediaId: string | null): Promise<void>
}
