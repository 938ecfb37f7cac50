import { parseColonDateline, parseDatelinePrefix, type DatelinePrefix } from './dateline.js'

/** How far into a lead line the dateline and byline may run before the dash. */
const MAX_PREFIX_LENGTH = 300
/** How far into a lead line a dateline closed by a colon may run ("LONDON: "). */
const MAX_COLON_PREFIX_LENGTH = 60

export type LeadLine = DatelinePrefix & { rest: string }

/**
 * "MOSCOW, RUSSIA, A and B- The lead…", "WASHINGTON (AP) — …", "LONDON: …"
 * → the dateline's parts and the rest of the line; undefined when it has none.
 */
export function splitLeadLine(line: string): LeadLine | undefined {
  const dash = /\s*[-–—]\s+(?=\S)/gu
  for (let match = dash.exec(line); match; match = dash.exec(line)) {
    if (match.index > MAX_PREFIX_LENGTH) break
    const prefix = parseDatelinePrefix(line.slice(0, match.index))
    if (prefix) return { ...prefix, rest: line.slice(match.index + match[0].length) }
  }
  const colon = /^([^:]{1,60}):\s+(?=\S)/u.exec(line)
  if (colon && (colon[1] ?? '').length <= MAX_COLON_PREFIX_LENGTH) {
    const prefix = parseColonDateline(colon[1] ?? '')
    if (prefix) return { ...prefix, rest: line.slice(colon[0].length) }
  }
  return undefined
}
