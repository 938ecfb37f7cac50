import { withoutLineControls } from '../control-characters.js'
import { escapeMarkdownText } from '../markdown.js'
import type { CalendarDate } from '../dates.js'
import {
  MAX_HEADLINE_LENGTH,
  type ArticleText,
  type ParseReport,
  type ParseResult,
} from './article-text.js'
import { parseBylineLine, type Byline } from './bylines.js'
import { parseDateLine } from './date-line.js'
import { decideAuthors } from './decide-authors.js'
import { splitLeadLine } from './lead-line.js'

const SUBHEADING = /^[-–—]\s+(.+?)\s+[-–—]$/u
const WHOLE_QUOTATION = /^["“][^"“”]+["”]$/u
const COMMENT_PROMPT = /^(?:new comment|leave a comment|add a comment|comments?)\s*:?$/i
const AT_A_GLANCE = /^at a glance\s*:?$/i
const KEY_POINT_MARK = /^(?:[-–—•*]|\d{1,2}[.)])\s+/u
const MAX_KEY_POINT_LENGTH = 400

/**
 * Parses an article in the plain-text archive form. Never throws: text that
 * cannot be read as an article gives `{ ok: false, reason }`.
 */
export function parseArticleText(input: string): ParseResult {
  const lines = normaliseLines(input)
  const report: ParseReport = {
    paragraphs: 0,
    subheadings: 0,
    quotations: 0,
    dropped: [],
    warnings: [],
  }

  const headlineIndex = lines.findIndex((line) => line !== '')
  if (headlineIndex < 0) return { ok: false, reason: 'the text is empty' }
  const headline = lines[headlineIndex] ?? ''
  if (headline.length > MAX_HEADLINE_LENGTH) {
    return {
      ok: false,
      reason: `the first line is ${headline.length} characters long; a headline has at most ${MAX_HEADLINE_LENGTH}`,
    }
  }

  const tail = readTail(lines, headlineIndex + 1, report)
  const header = readHeader(lines, headlineIndex + 1, tail.bodyEnd)
  const start = header.leadIndex
  const leadLine = lines[start]
  if (leadLine === undefined || start >= tail.bodyEnd) {
    return { ok: false, reason: 'there is no body text after the headline' }
  }
  const lead = splitLeadLine(leadLine)
  if (!lead && !header.byline) {
    report.warnings.push('no dateline or byline found before the first dash of the lead')
  }

  const bodyLines = [lead ? lead.rest : leadLine, ...lines.slice(start + 1, tail.bodyEnd)]
  const body = bodyToMarkdown(bodyLines, report)
  if (report.paragraphs === 0) return { ok: false, reason: 'the body has no paragraphs' }

  const { dateline, bylines, credit } = decideAuthors(lead, header.byline, tail.byline, report)
  const article: ArticleText = {
    headline,
    standfirst: header.standfirst,
    dateline,
    bylines,
    credit,
    body,
    publishedOn: tail.publishedOn,
    keyPoints: tail.keyPoints,
  }
  return { ok: true, article, report }
}

function normaliseLines(input: string): string[] {
  // Control characters carry no text; tabs and odd spaces become plain spaces.
  // Done once over the whole text (line feeds kept), not line by line: an
  // import reads thousands of files, and each pass costs per call as well.
  const text = withoutLineControls(
    input.replace(/^\uFEFF/, '').replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n'),
  ).replace(/[^\S\n]+/g, ' ')
  return text.split('\n').map((line) => line.trim())
}

function skipBlank(lines: string[], from: number, end: number): number {
  let index = from
  while (index < end && lines[index] === '') index++
  return index
}

interface Header {
  standfirst: string
  /** A byline on its own line above the lead ("By A", "A | Agency"). */
  byline: Byline | undefined
  /** Index of the lead line. */
  leadIndex: number
}

/** What stands between the headline and the lead: a standfirst, a byline line, either or both. */
function readHeader(lines: string[], from: number, end: number): Header {
  let start = skipBlank(lines, from, end)
  let standfirst = ''
  if (isStandfirst(lines, start, end)) {
    standfirst = lines[start] ?? ''
    start = skipBlank(lines, start + 1, end)
  }
  const byline = start + 1 < end ? parseBylineLine(lines[start] ?? '') : undefined
  if (byline) start = skipBlank(lines, start + 1, end)
  return { standfirst, byline, leadIndex: start }
}

/** A lone line followed by a byline line or a dateline line is the standfirst. */
function isStandfirst(lines: string[], start: number, end: number): boolean {
  const candidate = lines[start]
  if (candidate === undefined || start + 1 >= end || lines[start + 1] !== '') return false
  if (splitLeadLine(candidate) || parseBylineLine(candidate)) return false
  const nextIndex = skipBlank(lines, start + 1, end)
  const next = lines[nextIndex]
  if (next === undefined || nextIndex >= end) return false
  return splitLeadLine(next) !== undefined || parseBylineLine(next) !== undefined
}

interface Tail {
  /** Index of the first line after the body. */
  bodyEnd: number
  publishedOn: CalendarDate | undefined
  byline: Byline | undefined
  keyPoints: string[]
}

/**
 * Reads the trailing date line, repeated byline and site chrome (comment
 * prompt, section navigation, "At a glance" and its key points) from the end.
 */
function readTail(lines: string[], from: number, report: ParseReport): Tail {
  const tail: Tail = {
    bodyEnd: lines.length,
    publishedOn: undefined,
    byline: undefined,
    keyPoints: [],
  }
  let end = lines.length
  const glance = findAtAGlance(lines, from)
  if (glance !== undefined) {
    tail.keyPoints = glance.keyPoints
    report.dropped.push('"At a glance" header')
    end = glance.index
  }
  let index = end - 1
  for (; index >= from; index--) {
    const line = lines[index] ?? ''
    if (line === '') continue
    if (COMMENT_PROMPT.test(line)) {
      report.dropped.push('comment prompt')
    } else if (tail.byline === undefined && parseBylineLine(line)) {
      // Before navigation: "Claire Fontaine | Reuters" is a byline, "News | Sport" is not.
      tail.byline = parseBylineLine(line)
      report.dropped.push('closing byline')
    } else if (isSectionNavigation(line)) {
      report.dropped.push('section navigation')
    } else {
      const dateLine = parseDateLine(line)
      if (!dateLine || tail.publishedOn) break
      if (dateLine.kind === 'invalid') {
        report.warnings.push(`${dateLine.reason}; the article is left undated`)
      } else {
        tail.publishedOn = dateLine.date
        if (dateLine.weekdayMismatch) {
          report.warnings.push(`the weekday in "${line}" does not match the date`)
        }
      }
      report.dropped.push('date line')
    }
  }
  tail.bodyEnd = index + 1
  report.dropped.reverse()
  return tail
}

/** The last "At a glance" line, when only short key points follow it. */
function findAtAGlance(
  lines: string[],
  from: number,
): { index: number; keyPoints: string[] } | undefined {
  for (let index = lines.length - 1; index >= from; index--) {
    if (!AT_A_GLANCE.test(lines[index] ?? '')) continue
    // A point's length is measured without its "- " mark, as the article limit counts it.
    const keyPoints = lines
      .slice(index + 1)
      .map((line) => line.replace(KEY_POINT_MARK, ''))
      .filter((point) => point !== '')
    if (keyPoints.some((point) => point.length > MAX_KEY_POINT_LENGTH)) return undefined
    return { index, keyPoints }
  }
  return undefined
}

/** "News | Politics | Sport": two or more short capitalised items between bars. */
function isSectionNavigation(line: string): boolean {
  const items = line.split('|').map((item) => item.trim())
  return items.length >= 2 && items.every((item) => /^\p{Lu}[\p{L}&' -]{0,30}$/u.test(item))
}

function bodyToMarkdown(lines: string[], report: ParseReport): string {
  const blocks: string[] = []
  for (const line of lines) {
    if (line === '') continue
    const subheading = SUBHEADING.exec(line)
    if (subheading) {
      blocks.push(`## ${escapeMarkdownText(subheading[1] ?? '')}`)
      report.subheadings++
    } else if (WHOLE_QUOTATION.test(line)) {
      blocks.push(`> ${escapeMarkdownText(line)}`)
      report.quotations++
      report.paragraphs++
    } else {
      blocks.push(escapeMarkdownText(line))
      report.paragraphs++
    }
  }
  return blocks.join('\n\n')
}
