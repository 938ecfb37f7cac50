import type { StoryThread, StoryThreadMember, StoryThreadSummary } from './thread.js'

export interface ThreadStore {
  /** Every thread, most recently changed first, with its number of articles. */
  list(): Promise<StoryThreadSummary[]>
  findBySlug(slug: string): Promise<StoryThread | undefined>
  insert(thread: StoryThread & { createdBy: string | null }): Promise<void>
  /**
   * Changes a thread's title, description and update time. Services call it
   * first in every change to a thread: on PostgreSQL it locks the thread's
   * row, so two changes to one thread's articles happen one after the other.
   */
  update(id: string, fields: { title: string; description: string; updatedAt: Date }): Promise<void>
  /** Deletes a thread; its articles are not touched. */
  delete(id: string): Promise<void>
  /** The thread's article ids, in order. */
  articleIds(threadId: string): Promise<string[]>
  /** Replaces the thread's articles with these, in this order. */
  setArticleIds(threadId: string, articleIds: readonly string[]): Promise<void>
  /** The thread's articles in order, any status, for the newsroom. */
  members(threadId: string): Promise<StoryThreadMember[]>
  /** The ids of the thread's published articles, in order. */
  publishedArticleIds(threadId: string): Promise<string[]>
  /** The thread an article belongs to, if any (an article is in at most one). */
  findByArticle(articleId: string): Promise<StoryThread | undefined>
  /** For each of these articles that is in a thread, that thread. */
  findByArticles(articleIds: readonly string[]): Promise<Map<string, StoryThread>>
}
