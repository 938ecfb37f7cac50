// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'prof',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'sgt',
  'capt',
  'jr',
  'sr',
  'no',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'mt',
  'ft',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
])

const BOUNDARY = /[.!?]["”’)]?\s+(?=["“‘(]?[\p{Lu}\d])/gu

/**
 * Splits prose into sentences. A sentence ends at . ! or ? (and any closing
 * quote) before a capital or digit, except after a known abbreviation or an
 * initial ("Dr. Okafor", "J. Lind").
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = []
  let start = 0
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + match[0].trimEnd().length
    if (text[match.index] === '.') {
      const word = /(\p{L}+)$/u.exec(text.slice(start, match.index))?.[1] ?? ''
      if (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) continue
    }
    sentences.push(text.slice(start, end).trim())
    start = match.index + match[0].length
  }
  const rest = text.slice(start).trim()
  if (rest !== '') sentences.push(rest)
  return sentences
}
