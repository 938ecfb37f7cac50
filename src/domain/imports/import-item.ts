import type { ParseReport } from '../../text/article-text/article-text.js'
import type { CalendarDate } from '../../text/dates.js'

/**
 * What a format reader yields, one item at a time: the stream every source
 * (the plain-text archive, a WordPress or Ghost export, a Dateline export)
 * becomes. Readers add kinds here (authors, comments, media, redirects); the
 * importer has one handler per kind, so a kind without one does not compile.
 */
export type ImportItem = ImportedArticle | ImportProblem

/** An article as a source gives it, in Dateline's terms (the body in Markdown). */
export interface ImportedArticle {
  kind: 'article'
  /**
   * The source's identity across runs: the same key imports into the same
   * article ("text:/archive/2015/putin.txt", "wxr:https://example.org/?p=12").
   */
  sourceKey: string
  /**
   * A second identity that survives moving the source (the plain-text form:
   * headline and date); also how articles imported before sources were recorded are found.
   */
  contentKey?: string
  /** What reports call it: a file's path, "post 12 (Title)". */
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

/** An item of the source that could not be read: reported by name, the rest goes on. */
export interface ImportProblem {
  kind: 'problem'
  name: string
  problem: string
}
