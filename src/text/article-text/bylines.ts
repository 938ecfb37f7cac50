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
    // "Lind-" is a name with the archive form's closing dash still on it (a lead line
    // "A and B- —" whose lead is a dash): only a particle ("al-") ends in a hyphen,
    // and it joins the word after it, so it is never last.
    if (word.endsWith('-') && index === words.length - 1) return false
    if (index > 0 && PARTICLES.has(word.toLowerCase().replace(/[-'’]$/, ''))) return true
    if (word.endsWith('-')) return false
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

/** News agencies: alone on a byline line they are the author ("Reuters"); after a name, its credit. */
const AGENCIES = new Set([
  'aap',
  'afp',
  'agence france-presse',
  'anadolu agency',
  'ansa',
  'ap',
  'associated press',
  'the associated press',
  'bloomberg',
  'canadian press',
  'the canadian press',
  'dpa',
  'efe',
  'kyodo',
  'kyodo news',
  'pa',
  'pa media',
  'press association',
  'reuters',
  'tass',
  'upi',
  'united press international',
  'voa',
  'voice of america',
  'xinhua',
  'yonhap',
])

export function isAgency(name: string): boolean {
  return AGENCIES.has(name.trim().toLowerCase())
}

/** A credit after a bar ("A | The Tribune"): a known agency or a few capitalised words. */
function isCredit(text: string): boolean {
  return isAgency(text) || (text.length <= 60 && isPersonName(text))
}

export interface Byline {
  /** The people who wrote the story, in order; empty when only an agency is named. */
  names: string[]
  /** The agency or publication named with them ("Reuters"); '' when none. */
  credit: string
}

/** "JOSH BOAK" → "Josh Boak": bylines set in capitals name people in ordinary case. */
function ordinaryCase(name: string): string {
  if (/\p{Ll}/u.test(name)) return name
  return name.replace(/\p{L}+/gu, (word) => word.charAt(0) + word.slice(1).toLowerCase())
}

/**
 * A byline on a line of its own, in the forms newsrooms use: "By A", "By A and
 * B", "A | Agency", "A, Agency", "Reuters", and the archive form "A and B-".
 * Plain names with neither "By", a dash nor an agency are not taken: they may be prose.
 */
export function parseBylineLine(line: string): Byline | undefined {
  let text = line.trim()
  const dashed = /\s*[-–—]$/u.test(text)
  if (dashed) text = text.replace(/\s*[-–—]$/u, '')
  const by = /^by\s+/i.test(text)
  if (by) text = text.replace(/^by\s+/i, '')
  let credit = ''
  const parts = text.split(/\s+\|\s+/)
  if (parts.length > 2) return undefined
  if (parts.length === 2) {
    if (!isCredit(parts[1] ?? '')) return undefined
    credit = parts[1] ?? ''
    text = parts[0] ?? ''
  } else {
    const agency = /^(.+?)\s*,\s*([^,]+)$/u.exec(text)
    if (agency && isAgency(agency[2] ?? '')) {
      credit = agency[2] ?? ''
      text = agency[1] ?? ''
    } else if (isAgency(text)) {
      return { names: [], credit: text }
    }
  }
  if (!dashed && !by && credit === '') return undefined
  const names = splitNames(text)
  if (!names) return undefined
  // "News | Sport" is the site's navigation: a credit after a bar needs a known
  // agency or names of more than one word before it.
  if (parts.length === 2 && !isAgency(credit) && names.some((name) => !name.includes(' '))) {
    return undefined
  }
  return { names: names.map(ordinaryCase), credit }
}

const PLACE_SEGMENT = /^[\p{Lu}\d][\p{Lu}\p{M}\d .'’&-]*$/u

/** A dateline segment: capitals ("MOSCOW", "RUSSIA", "ST. JOHN'S"). */
export function isPlaceSegment(segment: string): boolean {
  return PLACE_SEGMENT.test(segment) && /\p{Lu}/u.test(segment) && !/\p{Ll}/u.test(segment)
}
