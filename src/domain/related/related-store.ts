import type { RelatedCandidate } from './related.js'

/** A published article that may be related, with every tag it carries. */
export type CandidateRow = Omit<RelatedCandidate, 'terms'>

/** The indexed lookups related coverage needs; none reads every article. */
export interface RelatedStore {
  /** How many articles carry each of these tags (from the tag index alone). */
  tagFrequencies(tagIds: readonly string[]): Promise<Map<string, number>>
  /** The published articles carrying a tag most recently published or updated, at most `limit`. */
  publishedIdsWithTag(tagId: string, limit: number): Promise<string[]>
  /** The newest published articles of a section, at most `limit`. */
  publishedIdsInSection(sectionId: string, limit: number): Promise<string[]>
  /** These articles, the published ones only, with their tags. */
  candidates(ids: readonly string[]): Promise<CandidateRow[]>
}
