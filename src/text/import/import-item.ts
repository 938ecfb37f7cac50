// What every format reader of `dateline import` yields, one item at a time:
// the one stream every source (the plain-text archive, a WordPress or Ghost
// export, a Dateline export) becomes. Archive articles go through the article
// importer (domain/articles/article-import.ts); stories, authors and skipped
// records from other platforms through the site import
// (domain/imports/site-import.ts). A kind without a handler does not compile.
import type { ParseReport } from '../article-text/article-text.js'
import type { CalendarDate } from '../dates.js'

/** Where a story stands in the source, in Dateline's words. */
export type ImportStatus = 'published' | 'scheduled' | 'draft' | 'in_review'

/** An image a story shows, as the source names it. */
export interface ImportImage {
  /** Its address in the export (absolute URL or site path); the file is looked for under --media. */
  source: string
  /**
   * Its path inside the media folder (a copy of wp-content/uploads or
   * content/images), or null when it is on another site: never fetched.
   */
  file: string | null
  alt: string
  caption: string
  /** The source's own title for it (WordPress makes one from the file name); '' when none. */
  title: string
}

export interface ImportComment {
  /** The comment's id in the source, unique within its story. */
  sourceId: string
  /** The source id of the comment it replies to; null for a top-level comment. */
  parentSourceId: string | null
  authorName: string
  /** Plain text. */
  body: string
  status: 'approved' | 'pending'
  createdAt: Date
}

/** A story from another platform's export, in the source's own words (the body in Markdown). */
export interface ImportStory {
  kind: 'story'
  /** A page in the source (about, contact…): imported as an article, reported as a page. */
  type: 'post' | 'page'
  /** Unique for this story across imports of the same source: re-imports update, never duplicate. */
  sourceKey: string
  /** The story's name for reports: its title and source id. */
  name: string
  title: string
  /** The source's slug; '' when it had none. */
  slug: string
  status: ImportStatus
  /** First publication (or the scheduled time), in UTC; null when the source gives none. */
  publishedAt: Date | null
  /** Display names, in byline order. */
  bylines: string[]
  /** Candidates for the section, best first (the primary tag, or categories in order). */
  sectionNames: string[]
  tags: string[]
  standfirst: string
  /**
   * Markdown. Each image is `![alt](import-image:N)`, N indexing `images`;
   * embeds are their link alone on a line.
   */
  body: string
  images: ImportImage[]
  featuredImage: ImportImage | null
  seo: {
    metaTitle: string
    metaDescription: string
    socialTitle: string
    socialDescription: string
  }
  /** Addresses the story had (paths with their query), each to answer 301 with the new one. */
  oldAddresses: string[]
  comments: ImportComment[]
  /** What the reader noticed and could not keep (a shortcode it does not know…). */
  warnings: string[]
}

/** A source author, so that reports can name those who share a display name. */
export interface ImportAuthor {
  kind: 'author'
  /** The source's login or id. */
  sourceId: string
  displayName: string
}

/** Something the reader skipped, with the reason: reported by name, nothing imported from it. */
export interface ImportSkipped {
  kind: 'skipped'
  name: string
  reason: string
}

/** An article in the plain-text archive form, read into Dateline's terms (the body in Markdown). */
export interface ImportedArticle {
  kind: 'article'
  /**
   * The source's identity across runs: the same key imports into the same
   * article ("text:/archive/2015/putin.txt").
   */
  sourceKey: string
  /**
   * A second identity that survives moving the source (the plain-text form:
   * headline and date); also how articles imported before sources were recorded are found.
   */
  contentKey?: string
  /** What reports call it: a file's path. */
  name: string
  headline: string
  standfirst: string
  dateline: string
  /** Author names in byline order; none for wire copy, credited to the publication. */
  bylines: string[]
  body: string
  keyPoints: string[]
  /** The day the source says it was published; undefined when it says none (the fallback applies). */
  publishedOn: CalendarDate | undefined
  /** The source's categories and tags, most telling first: the section map reads them. */
  categories: string[]
  /** What the reader recognised and dropped, and warnings. */
  report: ParseReport
}

/** An input or item that could not be read: reported by name as failed, the rest goes on. */
export interface ImportProblem {
  kind: 'problem'
  name: string
  problem: string
}

export type ImportItem =
  ImportedArticle | ImportStory | ImportAuthor | ImportSkipped | ImportProblem

/** A source the reader cannot read at all: nothing is imported from it. */
export class ImportSourceError extends Error {
  constructor(
    message: string,
    readonly position?: { line: number; column: number },
  ) {
    super(position ? `${message} (line ${position.line}, column ${position.column})` : message)
    this.name = 'ImportSourceError'
  }
}

/** A file's content, as chunks: read twice when a reader needs two passes. */
export type OpenSource = () => AsyncIterable<string | Uint8Array>

/** A reader: one source in, its items out, in source order. Throws ImportSourceError. */
export type ImportReader = (open: OpenSource) => AsyncIterable<ImportItem>

/** The import-image placeholder of image N in an item's body. */
export const importImageAddress = (index: number): string => `import-image:${index}`
