// Byline and dateline grammar shared by the parser and the exporter.

const PARTICLES = new Set([
  'al',
  'bin',
  'da',
  'das',
  'de',
  'del',
  'della',
  'den',
  'der',
  'di',
  'do',
  'dos',
  'du',
  'el',
  'la',
  'le',
  'st',
  'te',
  'ten',
  'ter',
  'van',
  'von',
  'y',
  'zu',
])

const NAME_WORD = /^[\p{L}\p{M}][\p{L}\p{M}'’.-]*$/u
const MAX_WORDS_IN_NAME = 5
const MAX_NAMES = 12

/** Whether a string reads as one person's name: 1–5 words, capitalised but for particles. */
export function isPersonName(candidate: string): boolean {
  const words = candidate.split(' ')
  if (words.length === 0 || words.length > MAX_WORDS_IN_NAME) return false
  return words.every((word, index) => {
    if (!NAME_WORD.test(word)) return false
    if (index > 0 && PARTICLES.has(word.toLowerCase().replace(/[-'’]$/, ''))) return true
    const first = word.charAt(0)
    return first === first.toUpperCase() && first !== first.toLowerCase()
  })
}

/** "A and B", "A, B and C", "A & B" → names; undefined when any part is not a name. */
export function splitNames(text: string): string[] | undefined {
  const cleaned = text.replace(/^by\s+/i, '').trim()
  if (cleaned === '') return undefined
  const names = cleaned.split(/\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+/).map((name) => name.trim())
  if (names.length > MAX_NAMES || !names.every(isPersonName)) return undefined
  return names
}

/** Names → "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

const PLACE_SEGMENT = /^[\p{Lu}\d][\p{Lu}\p{M}\d .'’&-]*$/u

/** A dateline segment: capitals ("MOSCOW", "RUSSIA", "ST. JOHN'S"). */
export function isPlaceSegment(segment: string): boolean {
  return PLACE_SEGMENT.test(segment) && /\p{Lu}/u.test(segment) && !/\p{Ll}/u.test(segment)
}

export interface DatelinePrefix {
  dateline: string
  bylines: string[]
}

/**
 * The part of a lead line before its dash: capitalised place segments, then
 * byline names ("MOSCOW, RUSSIA, Ana Lind and Omar Haddad"). Undefined when
 * the prefix is neither.
 */
export function parseDatelinePrefix(prefix: string): DatelinePrefix | undefined {
  const segments = prefix.split(',').map((segment) => segment.trim())
  let placeCount = 0
  while (placeCount < segments.length && isPlaceSegment(segments[placeCount] ?? '')) placeCount++
  const dateline = segments.slice(0, placeCount).join(', ')
  const rest = segments.slice(placeCount).join(', ')
  if (rest === '') return dateline === '' ? undefined : { dateline, bylines: [] }
  const bylines = splitNames(rest)
  return bylines ? { dateline, bylines } : undefined
}
