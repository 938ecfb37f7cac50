import { contentTerms } from '../../text/terms.js'

/** An article that might be related, with what the scoring needs of it. */
export interface RelatedCandidate {
  id: string
  headline: string
  standfirst: string
  publishedAt: Date
  /** The tags it carries. */
  tagIds: readonly string[]
  /** Its significant words, when already known (significantTerms of it). */
  terms?: ReadonlySet<string>
}

/** The article being read, as the scoring sees it. */
export interface RelatedSubject {
  headline: string
  standfirst: string
}

/**
 * A candidate's score must reach this to be listed: any shared tag carried by
 * fewer than about a thousand articles, or two shared significant words. A tag
 * on more articles than that is too general to relate two stories on its own.
 */
export const MIN_RELATED_SCORE = 0.1
/** Each shared significant word counts this much. */
const TERM_WEIGHT = 0.35
/** One shared word may be chance; from this many on, words alone can make two stories related. */
const MIN_SHARED_TERMS = 2

/**
 * How much sharing a tag says: a tag on few articles says a lot, one on
 * thousands very little. `frequency` is how many articles carry it.
 */
export function tagWeight(frequency: number): number {
  return 1 / Math.log2(1 + Math.max(1, frequency))
}

/** The significant words of a headline and standfirst, as stems, each once. */
export function significantTerms(article: RelatedSubject): ReadonlySet<string> {
  return new Set(
    contentTerms(`${article.headline} ${article.standfirst}`).filter((term) => term.length >= 3),
  )
}

/**
 * A candidate's relatedness: the tags it shares with the article read (those
 * in `subjectTags`, the article's own with how many articles carry each)
 * weighted by rarity, plus shared significant words.
 */
export function relatedScore(
  subjectTerms: ReadonlySet<string>,
  candidate: RelatedCandidate,
  subjectTags: ReadonlyMap<string, number>,
): number {
  let score = 0
  let sharedTags = 0
  for (const tagId of candidate.tagIds) {
    const frequency = subjectTags.get(tagId)
    if (frequency === undefined) continue
    sharedTags++
    score += tagWeight(frequency)
  }
  let shared = 0
  for (const term of candidate.terms ?? significantTerms(candidate)) {
    if (subjectTerms.has(term)) shared++
  }
  if (sharedTags > 0 || shared >= MIN_SHARED_TERMS) score += TERM_WEIGHT * shared
  return score
}

/**
 * The most related candidates, best first: by score, then the newer first,
 * then by id, so the order is stable. Candidates below MIN_RELATED_SCORE
 * are never listed, so an unrelated story is not shown just to fill a slot.
 */
export function rankRelated(
  subject: RelatedSubject,
  candidates: readonly RelatedCandidate[],
  subjectTags: ReadonlyMap<string, number>,
  limit: number,
): string[] {
  const terms = significantTerms(subject)
  return candidates
    .map((candidate) => ({ candidate, score: relatedScore(terms, candidate, subjectTags) }))
    .filter(({ score }) => score >= MIN_RELATED_SCORE)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.candidate.publishedAt.getTime() - a.candidate.publishedAt.getTime() ||
        (a.candidate.id < b.candidate.id ? 1 : a.candidate.id > b.candidate.id ? -1 : 0),
    )
    .slice(0, limit)
    .map(({ candidate }) => candidate.id)
}
