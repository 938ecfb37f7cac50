// Content words: what a piece of text is about, for the key-point summariser
// and for related coverage. English stop words are dropped and words are
// lightly stemmed ("councils", "council's" → "council"; "voted", "voting" →
// "vot"), which is enough to match the same word in its common forms.

/** Function words, and the verbs of reporting that every news sentence has. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above across after again against ago all almost along already also although always am
  among an and another any anyone anything are around as at away back be became because become been
  before behind being below beside besides between both but by can cannot could did do does doing
  done down during each either else enough even ever every few for from further get gets got had has
  have having he her here hers herself him himself his how however i if in into is it its itself
  just last least less let like made make many may me might more most much must my myself near need
  neither never new next no nor not now of off often on once one only onto or other others our ours
  ourselves out over own per perhaps put quite rather really same say said says saying see seen
  several shall she should since so some such than that the their theirs them themselves then there
  these they this those though through thus to told too toward towards under until up upon us very
  via was we well were what when where whether which while who whom whose why will with within
  without would yet you your yours yourself yourselves according added asked including mr mrs ms dr
  s t`
    .split(/\s+/)
    .filter((word) => word !== ''),
)

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu

/** The words of a text, lower-cased, possessive endings dropped. */
export function words(text: string): string[] {
  const found: string[] = []
  for (const [match] of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    found.push(match.replace(/['’]s$/u, '').replace(/['’]/gu, ''))
  }
  return found
}

/**
 * A light stemmer: plural and verb endings, then a final "e". Deliberately
 * simple (no dictionary); it must only map common forms of one word together.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word
  let stemmed = word
  if (stemmed.endsWith('ies') && stemmed.length > 4) stemmed = `${stemmed.slice(0, -3)}y`
  else if (stemmed.endsWith('sses')) stemmed = stemmed.slice(0, -2)
  else if (/[^sui]s$/u.test(stemmed)) stemmed = stemmed.slice(0, -1)
  if (stemmed.endsWith('ing') && stemmed.length > 5) stemmed = stemmed.slice(0, -3)
  else if (stemmed.endsWith('ed') && stemmed.length > 4) stemmed = stemmed.slice(0, -2)
  if (stemmed.endsWith('e') && stemmed.length > 3) stemmed = stemmed.slice(0, -1)
  return stemmed
}

/** The stems of a text's content words, in order, repeats kept. */
export function contentTerms(text: string): string[] {
  const terms: string[] = []
  for (const word of words(text)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue
    terms.push(stem(word))
  }
  return terms
}
