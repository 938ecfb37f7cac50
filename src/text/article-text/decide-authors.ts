import type { ParseReport } from './article-text.js'
import { isPlaceSegment, joinNames, type Byline } from './bylines.js'
import type { LeadLine } from './lead-line.js'

export interface Authorship {
  dateline: string
  bylines: string[]
  credit: string
}

/**
 * Who wrote the story and where it was filed, from the lead's prefix and the
 * byline lines. A byline line decides (the closing one before the one at the
 * top): names before the lead that it does not list are places ("CLEVELAND,
 * Ohio"), never authors. Without one, the lead's names are the byline.
 */
export function decideAuthors(
  lead: LeadLine | undefined,
  top: Byline | undefined,
  closing: Byline | undefined,
  report: ParseReport,
): Authorship {
  const place = [...(lead?.place ?? [])]
  let names = [...(lead?.names ?? [])]
  const decider = closing ?? top
  const credit = decider?.credit || lead?.credit || ''
  if (!decider) {
    if (names.length === 0 && credit === '') report.warnings.push('no byline found')
    return { dateline: place.join(', '), bylines: names, credit }
  }
  const listed = new Set(decider.names)
  // "MOSCOW, Zu- …" with "Zu-" closing: the one-word region was a name after all.
  const region = place.at(-1)
  if (region !== undefined && !isPlaceSegment(region) && listed.has(region)) {
    place.pop()
    names = [region, ...names]
  }
  const strangers = names.filter((name) => !listed.has(name))
  if (strangers.length > 0) {
    place.push(...strangers)
    report.warnings.push(
      `"${joinNames(strangers)}" before the lead is not in the byline; read as part of the dateline`,
    )
  }
  if (closing && top && joinNames(closing.names) !== joinNames(top.names)) {
    report.warnings.push(
      'the byline at the top differs from the closing byline; the closing one is kept',
    )
  }
  if (decider.names.length === 0 && credit === '') report.warnings.push('no byline found')
  return { dateline: place.join(', '), bylines: decider.names, credit }
}
