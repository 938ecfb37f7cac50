// The "Suggest" action of the editor's At a glance field: an extractive
// summariser. It proposes sentences of the body exactly as written; it never
// writes, shortens or joins text. ARCHITECTURE.md explains the scoring.

import { markdownToTextBlocks } from './markdown.js'
import { splitSentences } from './sentences.js'
import { contentTerms } from './terms.js'

/** A sentence of the body that could be a key point, with where it stands. */
export interface BodySentence {
  text: string
  /** Position in reading order among the body's candidate sentences, from 0. */
  index: number
  /** Whether it opens its paragraph (a topic sentence). */
  opensParagraph: boolean
}

export interface SummaryOptions {
  /** Longer sentences cannot be a key point, so are never proposed (the domain's key-point limit). */
  maxLength?: number
}

const DEFAULT_MAX_LENGTH = 400
/** How much relevance counts against repeating what is already chosen (MMR's λ). */
const LAMBDA = 0.65
/** Sentences this similar to one already chosen say the same thing: taken only when nothing else is left. */
const RESTATEMENT = 0.75
/** How much sharing the headline's words raises a sentence. */
const HEADLINE_BOOST = 1
/** The lead's advantage: the first sentence gets 1 + LEAD_BOOST, fading with distance. */
const LEAD_BOOST = 0.6
const TOPIC_SENTENCE_BOOST = 0.1
/** Sentences with fewer content words, or more, lose weight: fragments and run-ons summarise badly. */
const SHORTEST_GOOD = 5
const LONGEST_GOOD = 30
/**
 * Sentences that lean on the one before ("That was how…", "He said…") or that
 * are part of a longer quotation (an unmatched quotation mark) read badly on
 * their own, so they count for less.
 */
const DANGLING_FACTOR = 0.7
const DANGLING_OPENER =
  /^["“‘']?(?:this|that|these|those|it|its|he|she|they|his|her|their|but|and|so|also|however|then)\b/iu

/**
 * The body's sentences in reading order, from its paragraphs, quotations and
 * list items (not its subheadings), as plain text; each distinct sentence
 * once. Sentences with no letter or digit, and those over `maxLength`, are
 * left out.
 */
export function bodySentences(body: string, maxLength = DEFAULT_MAX_LENGTH): BodySentence[] {
  const seen = new Set<string>()
  const sentences: BodySentence[] = []
  for (const block of markdownToTextBlocks(body)) {
    if (block.kind === 'heading') continue
    for (const [position, text] of splitSentences(block.text).entries()) {
      if (text.length > maxLength || !/[\p{L}\p{N}]/u.test(text) || seen.has(text)) continue
      seen.add(text)
      sentences.push({ text, index: sentences.length, opensParagraph: position === 0 })
    }
  }
  return sentences
}

/** How many key points to propose from `available` sentences: 3 to 5, more for longer bodies. */
export function suggestionCount(available: number): number {
  if (available < 3) return available
  return Math.min(5, 3 + Math.floor(Math.max(0, available - 5) / 10))
}

/**
 * Proposes 3–5 key points for an article: sentences taken verbatim from its
 * body, in reading order. Fewer only when the body has fewer sentences.
 * Deterministic: the same body and headline give the same suggestions.
 */
export function suggestKeyPoints(
  body: string,
  headline: string,
  options: SummaryOptions = {},
): string[] {
  const sentences = bodySentences(body, options.maxLength ?? DEFAULT_MAX_LENGTH)
  const count = suggestionCount(sentences.length)
  if (count === 0) return []
  const terms = sentences.map((sentence) => contentTerms(sentence.text))
  const relevance = relevanceScores(sentences, terms, new Set(contentTerms(headline)))
  const chosen = selectDiverse(relevance, terms, count)
  return chosen.sort((a, b) => a - b).map((index) => sentences[index]?.text ?? '')
}

/** Each sentence's relevance to the whole story, from 0 to 1. */
function relevanceScores(
  sentences: readonly BodySentence[],
  terms: readonly string[][],
  headline: ReadonlySet<string>,
): number[] {
  const frequency = new Map<string, number>()
  for (const list of terms) {
    for (const term of list) frequency.set(term, (frequency.get(term) ?? 0) + 1)
  }
  const scores = sentences.map((sentence, i) => {
    const distinct = new Set(terms[i])
    if (distinct.size === 0) return 0
    // Term frequency: a sentence is central when its words recur across the story.
    // The square root keeps long sentences from winning by length alone.
    let weight = 0
    for (const term of distinct) weight += Math.log1p(frequency.get(term) ?? 0)
    weight /= Math.sqrt(distinct.size)
    let shared = 0
    for (const term of headline) if (distinct.has(term)) shared++
    const headlineFactor = 1 + HEADLINE_BOOST * (headline.size > 0 ? shared / headline.size : 0)
    const leadFactor =
      1 + LEAD_BOOST / (1 + sentence.index) + (sentence.opensParagraph ? TOPIC_SENTENCE_BOOST : 0)
    const size = terms[i]?.length ?? 0
    const lengthFactor =
      size < SHORTEST_GOOD ? size / SHORTEST_GOOD : size > LONGEST_GOOD ? LONGEST_GOOD / size : 1
    const standsAlone = isSelfContained(sentence.text) ? 1 : DANGLING_FACTOR
    return weight * headlineFactor * leadFactor * lengthFactor * standsAlone
  })
  const top = Math.max(0, ...scores)
  return top > 0 ? scores.map((score) => score / top) : scores
}

function isSelfContained(text: string): boolean {
  const straight = text.split('"').length - 1
  const opening = text.split('“').length - 1
  const closing = text.split('”').length - 1
  return !DANGLING_OPENER.test(text) && straight % 2 === 0 && opening === closing
}

/**
 * Maximal marginal relevance: each pick is the sentence with the best balance
 * of relevance and difference from the sentences already picked, so the
 * suggestions cover the story rather than repeat its main point. Ties go to
 * the earlier sentence.
 */
function selectDiverse(relevance: readonly number[], terms: readonly string[][], count: number) {
  const vectors = terms.map(termVector)
  const chosen: number[] = []
  while (chosen.length < count) {
    let best = -1
    let bestScore = -Infinity
    for (let i = 0; i < relevance.length; i++) {
      if (chosen.includes(i)) continue
      let redundancy = 0
      for (const j of chosen) {
        redundancy = Math.max(redundancy, cosine(vectors[i], vectors[j]))
      }
      const score =
        LAMBDA * (relevance[i] ?? 0) -
        (1 - LAMBDA) * redundancy -
        (redundancy >= RESTATEMENT ? 1 : 0)
      if (score > bestScore) {
        best = i
        bestScore = score
      }
    }
    if (best < 0) break
    chosen.push(best)
  }
  return chosen
}

interface TermVector {
  counts: Map<string, number>
  norm: number
}

function termVector(terms: readonly string[] | undefined): TermVector {
  const counts = new Map<string, number>()
  for (const term of terms ?? []) counts.set(term, (counts.get(term) ?? 0) + 1)
  let sum = 0
  for (const value of counts.values()) sum += value * value
  return { counts, norm: Math.sqrt(sum) }
}

function cosine(a: TermVector | undefined, b: TermVector | undefined): number {
  if (!a || !b || a.norm === 0 || b.norm === 0) return 0
  let dot = 0
  for (const [term, value] of a.counts) dot += value * (b.counts.get(term) ?? 0)
  return dot / (a.norm * b.norm)
}
