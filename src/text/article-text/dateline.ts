import { isAgency, isPlaceSegment, splitNames } from './bylines.js'
import { isRegion } from './regions.js'

/** What a lead line says before its dash or colon. */
export interface DatelinePrefix {
  /** The place in capitals, then its region as written: "CLEVELAND, Ohio"; '' when none. */
  place: string[]
  /** Names after the place ("MOSCOW, RUSSIA, A and B"); a closing byline may show they are places. */
  names: string[]
  /** The agency in brackets ("WASHINGTON (AP)"); '' when none. */
  credit: string
}

/** "Nov 27", "Nov. 27", "November 27", "27 November": a date inside a dateline. */
const DATE_SEGMENT =
  /^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)$/i

/** An agency in brackets at the end of the prefix: "WASHINGTON (AP)". */
const BRACKETED_CREDIT = /\s*\(([^()]{1,40})\)$/u

/**
 * The part of a lead line before its dash, in the forms newsrooms use:
 * "MOSCOW, RUSSIA, A and B", "CLEVELAND, Ohio", "WASHINGTON (AP)", "PARIS, Nov
 * 27 (Reuters)", "LONDON". Undefined when the prefix is none of these.
 */
export function parseDatelinePrefix(prefix: string): DatelinePrefix | undefined {
  let text = prefix.trim()
  let credit = ''
  const bracketed = BRACKETED_CREDIT.exec(text)
  if (bracketed) {
    if (!isAgency(bracketed[1] ?? '')) return undefined
    credit = (bracketed[1] ?? '').trim()
    text = text.slice(0, bracketed.index)
  }
  const segments = text === '' ? [] : text.split(',').map((segment) => segment.trim())
  let index = 0
  const place: string[] = []
  while (index < segments.length && isPlaceSegment(segments[index] ?? '')) {
    place.push(segments[index++] ?? '')
  }
  const next = segments[index]
  if (place.length > 0 && next !== undefined && isRegion(next)) {
    place.push(next)
    index++
  }
  while (index < segments.length && DATE_SEGMENT.test(segments[index] ?? '')) index++
  const rest = segments.slice(index).join(', ')
  if (rest === '') {
    return place.length === 0 && credit === '' ? undefined : { place, names: [], credit }
  }
  const names = splitNames(rest)
  return names ? { place, names, credit } : undefined
}

/** Labels that end in a colon but are no dateline: "UPDATE: …". */
const NOT_PLACES = new Set([
  'ANALYSIS',
  'BREAKING',
  'CORRECTION',
  'EDITOR’S NOTE',
  "EDITOR'S NOTE",
  'EXCLUSIVE',
  'NOTE',
  'OPINION',
  'UPDATE',
  'UPDATED',
  'WATCH',
])

/** "LONDON: …": a colon closes a dateline only when the place stands alone. */
export function parseColonDateline(prefix: string): DatelinePrefix | undefined {
  const parsed = parseDatelinePrefix(prefix)
  if (!parsed || parsed.names.length > 0 || parsed.place.length === 0) return undefined
  return NOT_PLACES.has(prefix.trim()) ? undefined : parsed
}
