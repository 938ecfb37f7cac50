// What every source reader (WordPress WXR, Ghost JSON, …) yields: items in
// the source's own words, neutral about where they came from, for the site
// import (domain/imports/site-import.ts) to apply through the domain services.

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

export interface ImportArticle {
  kind: 'article'
  /** A page in the source (about, contact…): imported as an article, reported as a page. */
  type: 'post' | 'page'
  /** Unique for this story across imports of the same source: re-imports update, never duplicate. */
  sourceKey: string
  /** The story's name for reports: its title and source id. */
  label: string
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
  label: string
  reason: string
}

export type ImportItem = ImportArticle | ImportAuthor | ImportSkipped

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
