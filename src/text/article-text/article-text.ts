import type { CalendarDate } from '../dates.js'

/**
 * An article as the plain-text archive form carries it: headline first, then
 * dateline and bylines run into the lead, paragraphs and `- X -` subheadings,
 * a trailing date line and the site's chrome.
 */
export interface ArticleText {
  headline: string
  /** One-sentence summary under the headline; '' when the text has none. */
  standfirst: string
  /** The place the story was filed from, as written ("MOSCOW, RUSSIA"); '' when none. */
  dateline: string
  /** Author names in byline order. */
  bylines: string[]
  /** The agency or publication the byline or dateline credits ("Reuters"); '' when none. */
  credit: string
  /** The body as Markdown (literal text escaped; subheadings as `##`, quotations as `>`). */
  body: string
  /** The trailing date line, when present. */
  publishedOn: CalendarDate | undefined
  /** The "At a glance" key points. */
  keyPoints: string[]
}

/** What the parser saw, for the importer to report. */
export interface ParseReport {
  paragraphs: number
  subheadings: number
  quotations: number
  /** Site chrome and repeated lines the parser recognised and dropped. */
  dropped: string[]
  /** Things worth a reader's attention that did not stop the parse. */
  warnings: string[]
}

export type ParseResult =
  { ok: true; article: ArticleText; report: ParseReport } | { ok: false; reason: string }

/** Longest line accepted as a headline: longer first lines are prose, not headlines. */
export const MAX_HEADLINE_LENGTH = 250
