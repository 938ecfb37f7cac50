import type { ArticleCommentMode } from '../comments/comment-policy.js'

/**
 * How often what an article's story shows has changed: the article's own
 * count (it, its bylines, tags, corrections and pictures) and the whole
 * site's (sections, authors, tags, settings). Moved by the database itself,
 * in the writer's transaction.
 */
export interface StoryGenerations {
  article: number
  site: number
}

/** A story as rendered and kept: what rendered it, its parts' HTML and what the page needs besides. */
export interface KeptStory {
  /** What rendered it (and the boxes beside the lists): the code and the site's settings. */
  stamp: string
  /** JSON: the page's meta and the article's fields its page reads (web/public/story-parts.tsx). */
  meta: string
  top: string
  footer: string
}

/** An article page's related coverage box as rendered and kept beside its list. */
export interface KeptRelatedBox {
  /** The stories it shows, which the page's other lists leave out. */
  ids: string[]
  html: string
}

/**
 * What an article's related coverage box is rendered from: its kept list, and
 * what says the box is still true, read before the listed stories are.
 */
export interface RelatedBoxSource {
  articleId: string
  /** The list as kept: the box is kept only while the list is still this. */
  list: string
  relatedIds: string[]
  /** The whole site's generation. */
  site: number
  /** The listed stories' generations, as the database spells them. */
  listed: string
}

/** A story to keep: its parts, and the generations read before its article was. */
export type StoryToKeep = KeptStory & { articleId: string; generations: StoryGenerations }

/** A related coverage box to keep: what it was rendered from, and what rendered it. */
export type BoxToKeep = RelatedBoxSource & KeptRelatedBox & { stamp: string }

/** A published article as its page reads it: a few columns, and its story if kept and current. */
export interface StoryPageRow {
  id: string
  slug: string
  publishedAt: Date
  sectionId: string
  section: { slug: string; name: string }
  threadId: string | null
  commentMode: ArticleCommentMode
  /** The generations now: a story rendered from what is read after this is kept at them. */
  generations: StoryGenerations
  /** Its kept story, when rendered at these generations with this stamp. */
  kept: KeptStory | undefined
  /** Its kept related coverage box, when still true (never for an article in a thread). */
  relatedBox: KeptRelatedBox | undefined
}

export interface StoryStore {
  /** The published article under this slug, with its story and box if kept for `stamp`. */
  pageBySlug(slug: string, stamp: string): Promise<StoryPageRow | undefined>
  /** The generations now of these articles' stories: read before the articles are. */
  generations(ids: readonly string[]): Promise<Map<string, StoryGenerations>>
  /**
   * Published articles whose story is not kept, or kept by another renderer
   * (not `stamp`), by id from just after `after`, at most `limit`.
   */
  missing(after: string, stamp: string, limit: number): Promise<string[]>
  /** What the boxes of these articles are rendered from: the published ones not in a thread with a list. */
  boxSources(ids: readonly string[]): Promise<RelatedBoxSource[]>
  /**
   * Published articles not in a thread whose kept list has no box, or one by
   * another renderer (not `stamp`), by id from just after `after`, at most `limit`.
   */
  missingBoxes(after: string, stamp: string, limit: number): Promise<string[]>
  /** Keeps these boxes, each beside its list while the list is still the one it was rendered from. */
  saveBoxes(boxes: readonly BoxToKeep[]): Promise<void>
  /** Keeps these stories, each at its generations; one kept at later generations stays. */
  save(stories: readonly StoryToKeep[]): Promise<void>
}
