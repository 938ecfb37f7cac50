import type { Page, PageRevision } from './page.js'

export interface PageStore {
  /** Every page, by title: the newsroom's list and the menus' choices. */
  list(): Promise<Page[]>
  /** Published pages, by title: the sitemap. */
  listPublished(): Promise<Page[]>
  findById(id: string): Promise<Page | undefined>
  findBySlug(slug: string): Promise<Page | undefined>
  insert(page: Page): Promise<void>
  /** Writes the page if it is still at `expectedVersion`; false when someone saved first. */
  update(page: Page, expectedVersion: number): Promise<boolean>
  remove(id: string): Promise<void>
  insertRevision(revision: PageRevision & { createdBy: string | null }): Promise<void>
  /** Newest first. */
  revisions(pageId: string): Promise<PageRevision[]>
  findRevision(pageId: string, version: number): Promise<PageRevision | undefined>
}
